-- Articles received through the API wait here, as read, until an analyzer
-- extracts, clusters and stores them in articles (see ClaimPending): the
-- request that delivered them is answered once they are here. seq is the
-- arrival order in which they are analyzed. Articles stored before this
-- migration were analyzed when they were stored, so the queue starts
-- empty.
CREATE TABLE pending (
	seq      INTEGER PRIMARY KEY AUTOINCREMENT,
	id       TEXT NOT NULL UNIQUE,
	received INTEGER NOT NULL,
	article  BLOB NOT NULL
) STRICT;

-- leases lets one analyzer at a time claim pending articles: clustering is
-- serial, so two analyzers would found the same event twice.
CREATE TABLE leases (
	name    TEXT PRIMARY KEY,
	owner   TEXT NOT NULL,
	expires INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
