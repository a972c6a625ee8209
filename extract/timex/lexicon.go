package timex

import (
	"time"

	"github.com/parallax-news/parallax/extract/internal/numword"
)

// monthOf returns the month a (lower-case) month name or abbreviation
// names, or 0.
func monthOf(w string) time.Month {
	switch w {
	case "january", "jan":
		return time.January
	case "february", "feb":
		return time.February
	case "march", "mar":
		return time.March
	case "april", "apr":
		return time.April
	case "may":
		return time.May
	case "june", "jun":
		return time.June
	case "july", "jul":
		return time.July
	case "august", "aug":
		return time.August
	case "september", "sep", "sept":
		return time.September
	case "october", "oct":
		return time.October
	case "november", "nov":
		return time.November
	case "december", "dec":
		return time.December
	}
	return 0
}

// weekdayOf returns the weekday a (lower-case) name names and true.
func weekdayOf(w string) (time.Weekday, bool) {
	switch w {
	case "monday", "mon":
		return time.Monday, true
	case "tuesday", "tue", "tues":
		return time.Tuesday, true
	case "wednesday", "wed":
		return time.Wednesday, true
	case "thursday", "thu", "thur", "thurs":
		return time.Thursday, true
	case "friday", "fri":
		return time.Friday, true
	case "saturday", "sat":
		return time.Saturday, true
	case "sunday", "sun":
		return time.Sunday, true
	}
	return 0, false
}

// fullWeekday reports whether w is a weekday written in full (the
// abbreviations are too ambiguous alone: "sat", "sun", "wed").
func fullWeekday(w string) bool {
	return len(w) >= 6 && w[len(w)-3:] == "day"
}

// numberWord returns the value of a cardinal number word.
func numberWord(w string) (float64, bool) {
	switch w {
	case "a", "an", "single":
		return 1, true
	case "hundred":
		return 100, true
	}
	return numword.Cardinal(w)
}

// ordinalWord returns the value of an ordinal word ("first" → 1).
func ordinalWord(w string) int {
	switch w {
	case "first":
		return 1
	case "second":
		return 2
	case "third":
		return 3
	case "fourth":
		return 4
	case "fifth":
		return 5
	case "sixth":
		return 6
	case "seventh":
		return 7
	case "eighth":
		return 8
	case "ninth":
		return 9
	case "tenth":
		return 10
	case "eleventh":
		return 11
	case "twelfth":
		return 12
	case "thirteenth":
		return 13
	case "fourteenth":
		return 14
	case "fifteenth":
		return 15
	case "sixteenth":
		return 16
	case "seventeenth":
		return 17
	case "eighteenth":
		return 18
	case "nineteenth":
		return 19
	case "twentieth":
		return 20
	case "twenty-first":
		return 21
	}
	return 0
}

// Duration units.
const (
	uNone = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uMonth
	uQuarter
	uYear
	uDecade
	uCentury
)

// unitOf returns the duration unit a word names and whether it is plural.
func unitOf(w string) (unit int, plural bool) {
	switch w {
	case "second", "sec":
		return uSecond, false
	case "seconds", "secs":
		return uSecond, true
	case "minute", "min":
		return uMinute, false
	case "minutes", "mins":
		return uMinute, true
	case "hour", "hr":
		return uHour, false
	case "hours", "hrs":
		return uHour, true
	case "day":
		return uDay, false
	case "days":
		return uDay, true
	case "week":
		return uWeek, false
	case "weeks":
		return uWeek, true
	case "fortnight":
		return uWeek, false
	case "month":
		return uMonth, false
	case "months":
		return uMonth, true
	case "quarter":
		return uQuarter, false
	case "quarters":
		return uQuarter, true
	case "year", "yr":
		return uYear, false
	case "years", "yrs":
		return uYear, true
	case "decade":
		return uDecade, false
	case "decades":
		return uDecade, true
	case "century":
		return uCentury, false
	case "centuries":
		return uCentury, true
	}
	return uNone, false
}

// unitLetter is the ISO 8601 designator of a unit; timeUnit says whether
// it follows the "T".
func unitLetter(u int) (string, bool) {
	switch u {
	case uSecond:
		return "S", true
	case uMinute:
		return "M", true
	case uHour:
		return "H", true
	case uDay:
		return "D", false
	case uWeek:
		return "W", false
	case uMonth:
		return "M", false
	case uQuarter:
		return "Q", false
	case uYear:
		return "Y", false
	case uDecade:
		return "DE", false
	case uCentury:
		return "CE", false
	}
	return "", false
}

// partOfDay returns the TIMEX3 part-of-day code of a word.
func partOfDay(w string) string {
	switch w {
	case "morning":
		return "MO"
	case "afternoon":
		return "AF"
	case "evening":
		return "EV"
	case "night", "overnight":
		return "NI"
	}
	return ""
}

// seasonOf returns the TIMEX3 season code of a word.
func seasonOf(w string) string {
	switch w {
	case "spring":
		return "SP"
	case "summer":
		return "SU"
	case "autumn", "fall":
		return "FA"
	case "winter":
		return "WI"
	}
	return ""
}

// durationAdjective lists words that may stand between a number and its
// unit without changing the duration ("five trading days").
func durationAdjective(w string) bool {
	switch w {
	case "trading", "straight", "consecutive", "business", "full", "successive",
		"calendar", "working", "more", "additional", "long", "short", "whole":
		return true
	}
	return false
}

// futureCue and pastCue list words that mark a clause's tense, used to
// choose between the previous and the next occurrence of "Saturday".
func futureCue(w string) bool {
	switch w {
	case "will", "ll", "shall", "would", "expected", "expects", "scheduled", "due", "plans", "planned",
		"planning", "intends", "upcoming", "next", "going", "set", "hopes", "aims", "until", "till", "begin", "start",
		"should", "could", "might", "must", "can", "may", "wo", "forecast", "anticipated", "predicted",
		// Present-tense verbs of scheduled events ("faces arraignment on
		// Wednesday", "the team hosts Atlanta on Sunday").
		"faces", "meets", "plays", "hosts", "visits", "travels", "resumes", "votes", "holds", "begins",
		"starts", "heads", "prepares", "opens", "convenes", "kicks", "goes", "resume", "reopen", "reconvene",
		"play", "face", "host", "meet":
		return true
	}
	return false
}

// titleAbbrev reports whether w (lower case) is an abbreviation written
// with a full stop before a name, which does not end the sentence ("Gov.
// Sarah Palin", "St. Louis", "No. 5").
func titleAbbrev(w string) bool {
	switch w {
	case "mr", "mrs", "ms", "dr", "st", "sr", "jr", "gov", "sen", "rep", "gen", "lt", "col", "sgt", "capt",
		"cpl", "maj", "adm", "prof", "rev", "hon", "pres", "supt", "insp", "det", "ft", "mt", "no", "nos",
		"vs", "ave", "blvd", "rd", "calif", "ala", "ariz", "ark", "colo", "conn", "del", "fla", "ga", "ill",
		"ind", "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
		"ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "corp", "inc", "co", "ltd", "bros",
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec":
		return true
	}
	return false
}

func pastCue(w string) bool {
	switch w {
	case "was", "were", "had", "did", "said", "told", "ago", "last", "earlier", "previously", "came",
		"went", "took", "made", "held", "met", "began", "gave", "saw", "rose", "fell", "hit", "struck",
		"shot", "led", "won", "lost", "left", "sent", "spoke", "wrote", "found", "killed", "say", "says",
		// Irregular past forms that the "-ed" rule below misses.
		"sank", "ran", "broke", "brought", "bought", "caught", "chose", "drove", "ate", "fought", "flew",
		"froze", "got", "grew", "heard", "hid", "kept", "knew", "laid", "meant", "paid", "rode", "rang",
		"sold", "shook", "sang", "sat", "slept", "stood", "stole", "swore", "taught", "thought", "threw",
		"woke", "wore", "withdrew", "became", "felt", "fled", "sought", "stuck", "spent", "drew", "arose",
		"blew", "built", "dealt", "fed", "forgave", "hung", "lit", "overcame", "shone", "slid", "sprang",
		"swept", "swam", "tore", "wept", "undertook", "overtook", "resigned", "quit", "died", "used", "owed", "shed":
		return true
	}
	if len(w) > 4 && w[len(w)-2:] == "ed" {
		switch w {
		case "scheduled", "expected", "planned", "united", "based", "related", "armed", "concerned",
			"proposed", "advanced", "limited", "detailed", "unexpected", "unprecedented", "needed", "required":
			return false
		}
		return true
	}
	return false
}

// triggers holds every word an expression can start with; the scanner
// tries its matchers only at these words (and at digits), which keeps
// Extract fast on long texts. Built once, read-only.
var triggers = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"today", "tonight", "yesterday", "tomorrow", "now", "currently", "presently", "nowadays", "right",
		"recently", "lately", "present", "recent", "that", "this", "last", "next", "past", "previous",
		"coming", "current", "following", "the", "fiscal", "fy", "christmas", "xmas", "valentine", "halloween", "independence", "boxing", "thanksgiving", "labor", "labour", "memorial",
		"latest", "most", "these", "those", "yearlong", "weeklong", "monthlong", "daylong", "decadelong", "hourlong", "new", "early", "late",
		"mid", "earlier", "later", "about", "around", "approximately", "roughly", "some", "nearly", "almost",
		"under", "over", "more", "less", "fewer", "at", "up", "another", "several", "many", "few", "numerous",
		"multiple", "a", "an", "half", "dozens", "hundreds", "thousands", "q", "every", "each", "once",
		"twice", "thrice", "per", "midnight", "noon", "midday", "daily", "nightly", "weekly", "biweekly",
		"fortnightly", "monthly", "quarterly", "yearly", "annually", "annual", "hourly", "final",
		"spring", "summer", "autumn", "fall", "winter", "single",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries", "year",
		"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
		"thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
		"thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
		"first", "second", "third", "fourth",
	} {
		m[w] = true
	}
	return m
}()
