package cluster

import (
	"strings"
)

// urlDate returns the publication date a news URL's path gives: many
// sites file their stories under /2013/05/14/, /2009/dec/07/, /2010-05-05-
// or /20130914/, and that date is written by the publisher, not guessed
// from the text. It reads only the path (not the host or the query,
// where numbers are ids) and only years 1990–2099, so that ids such as
// 2066717 are not taken for dates. A year and month without a day give
// a month.
func urlDate(u string) (dateSpan, bool) {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
		j := strings.IndexByte(u, '/')
		if j < 0 {
			return dateSpan{}, false
		}
		u = u[j:]
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if len(u) > 2048 {
		u = u[:2048]
	}
	// Split the path into runs of digits and letters; separators are
	// anything else. A date is year, month (number or English short
	// name), optional day in consecutive tokens, or eight digits.
	var toks []string
	for i := 0; i < len(u); {
		c := u[i]
		j := i
		switch {
		case isDigit(c):
			for j < len(u) && isDigit(u[j]) {
				j++
			}
		case isASCIILetter(c):
			for j < len(u) && isASCIILetter(u[j]) {
				j++
			}
		default:
			i++
			continue
		}
		toks = append(toks, u[i:j])
		i = j
	}
	var month dateSpan
	hasMonth := false
	for i, t := range toks {
		if len(t) == 8 && isDigit(t[0]) {
			if y := atoiSmall(t[:4]); y >= 1990 && y <= 2099 {
				if d, ok := daySpan(y, atoiSmall(t[4:6]), atoiSmall(t[6:])); ok {
					return d, true
				}
			}
			continue
		}
		if len(t) != 4 || !isDigit(t[0]) {
			continue
		}
		y := atoiSmall(t)
		if y < 1990 || y > 2099 || i+1 >= len(toks) {
			continue
		}
		m := urlMonth(toks[i+1])
		if m == 0 {
			continue
		}
		if i+2 < len(toks) && len(toks[i+2]) <= 2 && isDigit(toks[i+2][0]) {
			if d, ok := daySpan(y, m, atoiSmall(toks[i+2])); ok {
				return d, true
			}
		}
		if !hasMonth {
			month, hasMonth = monthSpan(y, m), true
		}
	}
	return month, hasMonth
}

// urlMonth reads a month token of a URL path: 1–12 in one or two digits
// or an English month name or its three-letter abbreviation.
func urlMonth(t string) int {
	if t == "" {
		return 0
	}
	if isDigit(t[0]) {
		if len(t) > 2 {
			return 0
		}
		if m := atoiSmall(t); m >= 1 && m <= 12 {
			return m
		}
		return 0
	}
	t = strings.ToLower(t)
	for i, name := range [...]string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"} {
		if t == name || (len(t) == 3 && name[:3] == t) || (t == "sept" && i == 8) {
			return i + 1
		}
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

// atoiSmall converts a run of at most four digits.
func atoiSmall(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 4; i++ {
		if !isDigit(s[i]) {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}
