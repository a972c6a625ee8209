-- Index new articles in FTS5 once per batch (PutArticles inserts them with
-- one INSERT … SELECT) instead of by a per-row trigger: FTS5 flushes its
-- in-memory index at every statement savepoint, so the trigger wrote one
-- segment per article and spent most of the ingest time merging them.
DROP TRIGGER articles_fts_insert;

-- A batch of 500 3 KB articles fits in the in-memory index before it is
-- flushed as one segment.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 16777216);
