package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

const monthRe = `(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)`

const weekdayRe = `(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)`

// displayDate matches a line that is only a date, as pages print them
// above or below the title, with an optional label, weekday and time.
var displayDate = regexp.MustCompile(`(?i)^(?:(?:published|posted|updated|last updated|date|first published)(?: on)?\s*:?\s*)?` + weekdayRe + `?` +
	`(?:(` + monthRe + `)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + monthRe + `),?\s+(\d{4})|(\d{4})-(\d{2})-(\d{2}))` +
	`(?:\s*(?:[-–—|,@]|at)?\s*(\d{1,2})[:.](\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?\s*(?:\(?([A-Z]{2,4}|[+-]\d{2}:?\d{2})\)?)?)?\s*$`)

// parseDisplayDate parses a display-date line ("Saturday, September 21,
// 2024", "Published: 3 Feb 2024 14:05 GMT"). Times without a zone are
// taken as UTC.
func parseDisplayDate(line string) (time.Time, bool) {
	if len(line) > 80 {
		return time.Time{}, false
	}
	m := displayDate.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return time.Time{}, false
	}
	var y, d int
	var mon time.Month
	switch {
	case m[1] != "":
		mon, d, y = monthOf(m[1]), atoi(m[2]), atoi(m[3])
	case m[5] != "":
		d, mon, y = atoi(m[4]), monthOf(m[5]), atoi(m[6])
	default:
		y, mon, d = atoi(m[7]), time.Month(atoi(m[8])), atoi(m[9])
	}
	if !validDate(y, mon, d) {
		return time.Time{}, false
	}
	hh, mm := 0, 0
	if m[10] != "" {
		hh, mm = atoi(m[10]), atoi(m[11])
		ampm := strings.ToLower(strings.ReplaceAll(m[12], ".", ""))
		if ampm == "pm" && hh < 12 {
			hh += 12
		} else if ampm == "am" && hh == 12 {
			hh = 0
		}
		if hh > 23 || mm > 59 {
			hh, mm = 0, 0
		}
	}
	loc := zoneOf(m[13])
	return time.Date(y, mon, d, hh, mm, 0, 0, loc), true
}

func zoneOf(z string) *time.Location {
	switch strings.ToUpper(z) {
	case "", "GMT", "UTC", "Z":
		return time.UTC
	case "EST":
		return time.FixedZone("EST", -5*3600)
	case "EDT":
		return time.FixedZone("EDT", -4*3600)
	case "CET":
		return time.FixedZone("CET", 3600)
	case "CEST":
		return time.FixedZone("CEST", 2*3600)
	case "BST":
		return time.FixedZone("BST", 3600)
	case "MSK":
		return time.FixedZone("MSK", 3*3600)
	case "IST":
		return time.FixedZone("IST", 5*3600+1800)
	case "PST":
		return time.FixedZone("PST", -8*3600)
	case "PDT":
		return time.FixedZone("PDT", -7*3600)
	}
	if len(z) >= 5 && (z[0] == '+' || z[0] == '-') {
		digits := strings.ReplaceAll(z[1:], ":", "")
		if len(digits) == 4 {
			off := atoi(digits[:2])*3600 + atoi(digits[2:])*60
			if z[0] == '-' {
				off = -off
			}
			return time.FixedZone(z, off)
		}
	}
	return time.UTC
}

func monthOf(s string) time.Month {
	return months[strings.TrimSuffix(strings.ToLower(s), ".")]
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// isoDate splits a date written YYYY-MM-DD.
func isoDate(s string) (int, time.Month, int, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case i == 4 || i == 7:
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		default:
			return 0, 0, 0, false
		}
	}
	return n / 10000, time.Month(n / 100 % 100), n % 100, true
}

func validDate(y int, m time.Month, d int) bool {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Day() == d
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"20060102",
	"2006/01/02 15:04:05",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 02 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
}

// ParseTime parses a publication time as inputs give it: RFC 3339 and
// ISO 8601 variants, plain dates, RFC 1123 (feeds, HTTP), compact archive
// timestamps (20240203101500), the dates of Twitter-like data sets ("Sat
// Feb 03 10:15:00 +0000 2024"), Unix time and display dates ("February 3,
// 2024"). Times without a zone are UTC. A Unix time is told apart by its
// magnitude: milliseconds from 1e11 (1973) to 1e13 (2286), seconds from
// 1e8 (1973) to 1e10 (2286), with or without a decimal fraction; other
// numbers are not times.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	// Plain dates, common in metadata and date lines, without first
	// failing every layout before theirs (each failure allocates an error).
	if y, m, d, ok := isoDate(s); ok && validDate(y, m, d) {
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, t.Year() >= 1900 && t.Year() <= 2200
		}
	}
	if isDecimal(s) {
		if t, err := time.Parse("20060102150405", s); err == nil {
			return t, t.Year() >= 1900 && t.Year() <= 2200
		}
		return unixTime(s)
	}
	// Only metadata writes these; header lines of text files do not try
	// them (timeLayouts).
	if t, err := time.Parse(time.RubyDate, s); err == nil {
		return t, t.Year() >= 1900 && t.Year() <= 2200
	}
	return parseDisplayDate(s)
}

// isDecimal reports whether s is digits with at most one decimal point
// between digits.
func isDecimal(s string) bool {
	point := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
		case c == '.' && !point && i > 0 && i < len(s)-1:
			point = true
		default:
			return false
		}
	}
	return len(s) > 0
}

// unixTime reads a decimal Unix time in seconds or milliseconds, told
// apart by magnitude (see ParseTime).
func unixTime(s string) (time.Time, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	// The fraction to nanoseconds of the unit: nine digits at most.
	ns := int64(0)
	for i := 0; i < 9; i++ {
		ns *= 10
		if i < len(frac) {
			ns += int64(frac[i] - '0')
		}
	}
	switch {
	case n >= 1e11 && n < 1e13: // milliseconds
		return time.UnixMilli(n).Add(time.Duration(ns / 1e3)).UTC(), true
	case n >= 1e8 && n < 1e10: // seconds
		return time.Unix(n, ns).UTC(), true
	}
	return time.Time{}, false
}

// fileNameDate finds a date written into a file name
// ("2024-02-03-strikes.txt", "reuters_20240203.html").
var fileNameDate = regexp.MustCompile(`(?:^|[^0-9A-Za-z])((?:19|20)\d\d)([-_.]?)(0[1-9]|1[0-2])([-_.]?)(0[1-9]|[12]\d|3[01])(?:[^0-9A-Za-z]|$)`)

func dateFromFileName(name string) (time.Time, bool) {
	base := name
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	for _, m := range fileNameDate.FindAllStringSubmatch(base, -1) {
		if m[2] != m[4] {
			continue // "2024-0203": separators must agree
		}
		y, mon, d := atoi(m[1]), time.Month(atoi(m[3])), atoi(m[5])
		if validDate(y, mon, d) {
			return time.Date(y, mon, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}
