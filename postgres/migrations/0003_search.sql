-- Search ranks the newest matches of a query by reading each candidate's
-- tsvector. A synthetic 1,200-byte article has a tsvector of about
-- 1,500 bytes, which made the row exceed the 2 kB TOAST threshold and
-- moved the tsvector out of line: every candidate then cost a TOAST index
-- lookup, twice (match, then rank), and ranking a common word's 1,000
-- newest matches took 10-14 ms. MAIN keeps the tsvector in the row unless
-- the row cannot fit a page at all (the text, stored EXTENDED, leaves
-- first), which makes the same ranking about six times cheaper.
--
-- This applies to rows written from now on; rows already stored keep their
-- out-of-line tsvector until rewritten (VACUUM FULL does not re-inline
-- them; a dump and restore, or re-inserting the rows, does).
ALTER TABLE articles ALTER COLUMN tsv SET STORAGE MAIN;

-- A word in a few percent of the articles has its newest 1,000 matches
-- spread over the newest few hundred thousand rows. Search finds them with
-- a bitmap of the GIN index ANDed with a seq range; from the primary key
-- that range is a bitmap of every row in it (50 ms for 200,000 rows),
-- from this BRIN index a few thousand block ranges (3-8 ms). Articles are
-- appended in seq order and never updated, so the ranges stay tight; the
-- seq condition is rechecked on every row, so a looser order costs only
-- speed. Small ranges (8 pages) also make the planner price this index
-- above the GIN index for all but rare words, so that BitmapAnd starts
-- from the GIN bitmap and keeps its exact row positions (started from
-- the lossy BRIN bitmap, every row of every page would be rechecked).
CREATE INDEX IF NOT EXISTS articles_seq_brin ON articles USING brin (seq) WITH (pages_per_range = 8, autosummarize = on);
