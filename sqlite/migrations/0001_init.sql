-- Initial schema. Times are Unix microseconds in UTC (NULL when unknown) so
-- that ordering and range filters are integer comparisons.

CREATE TABLE events (
	id        TEXT PRIMARY KEY,
	title     TEXT NOT NULL DEFAULT '',
	first     INTEGER,
	last      INTEGER,
	updated   INTEGER,
	articles  INTEGER NOT NULL DEFAULT 0,
	outlets   INTEGER NOT NULL DEFAULT 0,
	closed    INTEGER NOT NULL DEFAULT 0,
	thin      INTEGER NOT NULL DEFAULT 0,
	conflicts INTEGER NOT NULL DEFAULT 0,
	summary   TEXT
) STRICT;

CREATE INDEX events_last ON events (last DESC, id);

-- seq is the rowid: insertion order, and the FTS5 content rowid.
CREATE TABLE articles (
	seq         INTEGER PRIMARY KEY AUTOINCREMENT,
	id          TEXT NOT NULL UNIQUE,
	external_id TEXT,
	outlet      TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	published   INTEGER,
	stored      INTEGER NOT NULL,
	text        TEXT NOT NULL DEFAULT '',
	-- meta holds the remaining article fields as JSON (outlet details,
	-- byline, posts, …); spans the paragraphs and sentences; extraction
	-- what the extractors found. Kept apart so lists skip the big ones.
	meta        TEXT NOT NULL,
	spans       TEXT,
	extraction  TEXT,
	event_id    TEXT REFERENCES events (id) ON DELETE SET NULL,
	copy_of     TEXT,
	score       REAL,
	why         TEXT
) STRICT;

CREATE INDEX articles_external_id ON articles (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX articles_event ON articles (event_id, seq);
CREATE INDEX articles_outlet ON articles (outlet, seq);
CREATE INDEX articles_published ON articles (published, seq);
CREATE INDEX articles_unclustered ON articles (seq) WHERE event_id IS NULL;

-- mentions flattens each article's extraction for filters and exports.
-- kind is time, quantity, entity or quote.
CREATE TABLE mentions (
	article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	start      INTEGER NOT NULL,
	"end"      INTEGER NOT NULL,
	text       TEXT NOT NULL DEFAULT '',
	type       TEXT NOT NULL DEFAULT '',
	value      TEXT NOT NULL DEFAULT '',
	entity_id  TEXT NOT NULL DEFAULT '',
	name       TEXT NOT NULL DEFAULT '',
	role       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_entity ON mentions (entity_id) WHERE kind = 'entity';
CREATE INDEX mentions_name ON mentions (lower(name)) WHERE kind = 'entity';

CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, text,
	content = 'articles', content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TABLE documents (
	kind    TEXT NOT NULL,
	key     TEXT NOT NULL,
	doc     BLOB NOT NULL,
	updated INTEGER NOT NULL,
	PRIMARY KEY (kind, key)
) STRICT, WITHOUT ROWID;
