// Package cluster groups news articles into events as they arrive.
//
// A Clusterer is an online, deterministic, in-memory algorithm: each
// article added either joins the best-matching open event or founds a new
// one, and the same articles added in the same order always give the same
// events. The similarity combines several kinds of evidence, each visible
// in the Explanation of a Decision:
//
//   - content terms: stemmed, stopword-free words weighted by TF-IDF, with
//     the title and lead weighted above the tail, and document frequencies
//     maintained incrementally (MarshalStats and LoadStats persist them);
//   - named entities and places (the entity extractor's canonical ids when
//     the article has an Extraction, capitalized phrases otherwise);
//   - figures (counts such as "62 soldiers");
//   - the dates of the happenings an article reports, so that a similar
//     event of another time (the same kind of strike, years apart) stays
//     apart even when its vocabulary matches.
//
// Near-duplicates (syndicated and wire copies, light rewrites) are found
// with MinHash signatures of word 3-shingles, banded for lookup (LSH),
// and linked to the earlier
// article they copy, inside its event, so that comparisons can count
// independent reports.
//
// Each decision is made on the evidence of the moment, and later
// arrivals can show it wrong. An event whose members turn out to report two
// happenings splits in two (see Split). And each article is reviewed
// twice, once Config.MoveAge articles have arrived after it and again
// after four times as many: it moves to another open event when its mean
// similarity with that event's members beats that with the rest of its
// own by Config.MoveMargin and it would join that event if it arrived now
// (see Move and Settle). Reviews bring the first report of a happening,
// which founded an event of its own because the reports that link it came
// later, to its happening's event.
//
// Memory is bounded by the active window, not by the number of articles
// ever seen: an event that has received nothing for Config.Window closes
// and is dropped from memory, together with its index entries. Candidate
// events come from an inverted index over each article's most distinctive
// features with capped posting lists, so the cost of one Add does not grow
// with the number of stored events.
//
// The package is pure: no logging, no database, no global state. A
// Clusterer is not safe for concurrent use; callers serialize Add, as the
// order of arrival is part of the result anyway.
package cluster
