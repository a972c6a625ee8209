-- PutArticles adds new articles to the full-text index a few thousand at a
-- time instead of once per batch: FTS5 writes one index segment per
-- transaction and keeps merging them, which cost a tenth of the ingest.
-- fts_indexed holds the highest seq in the index; the articles after it
-- wait, and Open, Search and Close index them first, so that every search
-- still sees every stored article. Until now every article was indexed in
-- the transaction that stored it.
CREATE TABLE fts_indexed (seq INTEGER NOT NULL) STRICT;
INSERT INTO fts_indexed (seq) SELECT coalesce(max(seq), 0) FROM articles;

-- A waiting article is not in the index, so there is nothing to take out.
DROP TRIGGER articles_fts_delete;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles
WHEN old.seq <= (SELECT seq FROM fts_indexed) BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;

DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
WHEN old.seq <= (SELECT seq FROM fts_indexed) BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
