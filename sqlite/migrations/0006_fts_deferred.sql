-- PutArticles adds new articles to the full-text index a few thousand at a
-- time instead of once per batch: FTS5 writes one index segment per
-- transaction and keeps merging them, which cost a tenth of the ingest.
-- fts_indexed holds the highest seq in the index; the articles after it
-- wait, and Open, Search and Close index them first, so that every search
-- still sees every stored article. Before, every article was indexed in
-- the transaction that stored it.
--
-- This was briefly numbered 0004, after 0005 had been applied to some
-- stores; it is written to apply to a store that already has it.
CREATE TABLE IF NOT EXISTS fts_indexed (seq INTEGER NOT NULL) STRICT;
INSERT INTO fts_indexed (seq) SELECT coalesce(max(seq), 0) FROM articles
WHERE NOT EXISTS (SELECT 1 FROM fts_indexed);

-- A waiting article is not in the index, so there is nothing to take out.
DROP TRIGGER IF EXISTS articles_fts_delete;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN old.seq <= (SELECT seq FROM fts_indexed) BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;

DROP TRIGGER IF EXISTS articles_fts_update;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
WHEN old.seq <= (SELECT seq FROM fts_indexed) BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
