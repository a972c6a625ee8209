-- Initial schema. Ids are ASCII and compared bytewise (COLLATE "C"), so
-- that id prefixes are index range scans whatever the database's locale.

CREATE TABLE events (
	id        text COLLATE "C" PRIMARY KEY,
	title     text NOT NULL DEFAULT '',
	first     timestamptz,
	last      timestamptz,
	updated   timestamptz,
	articles  integer NOT NULL DEFAULT 0,
	outlets   integer NOT NULL DEFAULT 0,
	closed    boolean NOT NULL DEFAULT false,
	thin      boolean NOT NULL DEFAULT false,
	conflicts integer NOT NULL DEFAULT 0,
	summary   jsonb
);

-- The events list: most recent activity first.
CREATE INDEX events_last ON events (last DESC NULLS LAST, id);
CREATE INDEX events_open_last ON events (last DESC NULLS LAST, id) WHERE NOT closed;

-- seq is the insertion order; PutArticles serializes inserters so that it
-- is also the commit order.
CREATE TABLE articles (
	seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id          text COLLATE "C" NOT NULL UNIQUE,
	external_id text,
	outlet      text NOT NULL DEFAULT '',
	title       text NOT NULL DEFAULT '',
	published   timestamptz,
	stored      timestamptz NOT NULL,
	text        text NOT NULL DEFAULT '',
	-- meta holds the remaining article fields as JSON (outlet details,
	-- byline, posts, …); spans the paragraphs and sentences; extraction
	-- what the extractors found. json, not jsonb: kept as given, cheap to
	-- write; the mentions table is the queryable form.
	meta        json NOT NULL,
	spans       json,
	extraction  json,
	-- Titles weigh more than texts in ranking. Very long texts are indexed
	-- by their first 300,000 characters: a tsvector is limited to 1 MB.
	tsv         tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('english'::regconfig, title), 'A') ||
		setweight(to_tsvector('english'::regconfig, left(text, 300000)), 'B')
	) STORED
);

CREATE INDEX articles_external_id ON articles (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX articles_outlet ON articles (outlet, seq);
CREATE INDEX articles_published ON articles (published, seq);
-- A small pending list: every search scans it, and ingest never stops.
CREATE INDEX articles_tsv ON articles USING gin (tsv) WITH (gin_pending_list_limit = 512);

-- Memberships live apart from articles, so that clustering never updates
-- an article row (an update would rewrite its tsvector and every index
-- entry). seq, outlet and published copy the article's (which never
-- change) so that event pages, recounts and outlet filters need no join.
CREATE TABLE memberships (
	article_id text COLLATE "C" PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	event_id   text COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
	seq        bigint NOT NULL,
	outlet     text NOT NULL,
	published  timestamptz,
	copy_of    text,
	score      double precision NOT NULL DEFAULT 0,
	why        json
);

CREATE INDEX memberships_event ON memberships (event_id, seq);
CREATE INDEX memberships_outlet ON memberships (outlet, event_id);
CREATE INDEX memberships_seq ON memberships (seq);

-- mentions flattens each article's extraction for filters and exports.
-- kind is time, quantity, entity or quote.
CREATE TABLE mentions (
	article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	kind       text NOT NULL,
	start      integer NOT NULL,
	"end"      integer NOT NULL,
	text       text NOT NULL DEFAULT '',
	type       text NOT NULL DEFAULT '',
	value      text NOT NULL DEFAULT '',
	entity_id  text NOT NULL DEFAULT '',
	name       text NOT NULL DEFAULT '',
	role       text NOT NULL DEFAULT ''
);

CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_entity ON mentions (entity_id, article_id) WHERE kind = 'entity';
CREATE INDEX mentions_name ON mentions (lower(name), article_id) WHERE kind = 'entity';

CREATE TABLE documents (
	kind    text NOT NULL,
	key     text NOT NULL,
	doc     bytea NOT NULL,
	updated timestamptz NOT NULL,
	PRIMARY KEY (kind, key)
);
