// Package timex finds time expressions in news text and normalizes them
// the TimeML TIMEX3 way: every date, time, duration and set gets a type
// (DATE, TIME, DURATION, SET) and a value anchored on the article's
// publication time, following the conventions TempEval uses for news.
//
// Relative expressions ("on Saturday", "February 5", "last month") are
// resolved against the anchor with the tense of the surrounding clause, so
// that "on Saturday" in a report written in the past tense means the
// Saturday on or before publication. Phrases that refer to an earlier date
// of the story ("the day before", "that day") use the last full date of the
// same paragraph, else the publication date. Clock times keep the zone the
// text states ("4 pm EST", "16:00 New York time") and, when the zone and
// the day are known, also give the instant in UTC.
//
// Values follow the TempEval-3 conventions (the TimeML TIMEX3 guidelines
// as TimeBank applies them) rather than those of any one corpus, since
// Parallax is judged on news it has not seen: weeks are ISO weeks, so
// "the weekend" told in the past on a weekday is the one before
// publication; "recent years" is PAST_REF and "the past decade" a
// duration; "the year", "the quarter" and "the previous year" stand for
// the period the text last named. A word that only describes a noun
// ("an office Christmas party", "midnight regulations", "a fourth-quarter
// touchdown") is not a time expression.
//
// The extractor is a hand-written scanner over a token list: no regular
// expressions and no tables built per call, so Extract is cheap enough to
// run on every article and safe for concurrent use.
package timex
