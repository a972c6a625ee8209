-- Articles received through the API wait here, as read, until an analyzer
-- extracts, clusters and stores them in articles (see ClaimPending): the
-- request that delivered them is answered once they are here, without the
-- search index and mentions an article row costs. seq is the arrival
-- order in which they are analyzed. Articles stored before this migration
-- were analyzed when they were stored, so the queue starts empty.
CREATE TABLE pending (
	seq      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id       text COLLATE "C" NOT NULL UNIQUE,
	received timestamptz NOT NULL,
	article  bytea NOT NULL
);

-- leases lets one analyzer at a time claim pending articles: clustering is
-- serial, so two analyzers would found the same event twice. Expiry is
-- judged by the database server's clock, which all processes share.
CREATE TABLE leases (
	name    text PRIMARY KEY,
	owner   text NOT NULL,
	expires timestamptz NOT NULL
);
