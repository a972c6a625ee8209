-- Search must find the newest 1,000 matches of a query, and no index
-- tells where they are: walking seqs backwards costs a row per article
-- passed, a GIN bitmap costs every posting of the word in the whole table
-- plus every match fetched. Which is cheaper, and how far back to go,
-- depends on how many matches each stretch of seqs holds; for a word
-- common in January and absent since, or one that comes and goes with a
-- story, a guess from the newest rows is far off (a search for a word of
-- the oldest articles fetched all 157,000 of its matches).
--
-- search_counts keeps, for consecutive ranges of seqs (search_ranges),
-- how many articles of each range hold each lexeme (ts_stat of the
-- range). Search fills it itself, a completed range at a time, in the
-- background; articles are never updated or deleted, so a range's counts
-- stay exact once taken. They only steer the plan: search still checks
-- every match against the query, and widens its range when the counts
-- promised more than it found.
CREATE TABLE IF NOT EXISTS search_ranges (
	lo bigint PRIMARY KEY, -- seqs lo <= seq < hi
	hi bigint NOT NULL
);

CREATE TABLE IF NOT EXISTS search_counts (
	lexeme text COLLATE "C" NOT NULL,
	lo     bigint NOT NULL, -- the range's lo
	ndoc   integer NOT NULL,
	-- ndoc in the index: a query's counts are read from it alone, not
	-- from a heap page a range (ranges are written a range at a time).
	PRIMARY KEY (lexeme, lo) INCLUDE (ndoc)
);
