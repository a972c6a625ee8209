package timex

import (
	"sync"
	"time"
	_ "time/tzdata" // city zones must resolve where the system has no zoneinfo
)

// zoneAbbrev maps upper-case zone abbreviations to their offset from UTC
// in minutes. Ambiguous abbreviations (IST, AST, CST in Asia) take their
// most common reading in English-language news.
var zoneAbbrev = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0,
	"EST": -5 * 60, "EDT": -4 * 60, "CST": -6 * 60, "CDT": -5 * 60,
	"MST": -7 * 60, "MDT": -6 * 60, "PST": -8 * 60, "PDT": -7 * 60,
	"AKST": -9 * 60, "HST": -10 * 60,
	"BST": 60, "CET": 60, "CEST": 2 * 60, "WEST": 60, "EET": 2 * 60, "EEST": 3 * 60,
	"MSK": 3 * 60, "IDT": 3 * 60, "TRT": 3 * 60, "GST": 4 * 60, "IRST": 3*60 + 30,
	"PKT": 5 * 60, "IST": 5*60 + 30, "ICT": 7 * 60, "WIB": 7 * 60, "SGT": 8 * 60, "HKT": 8 * 60,
	"AWST": 8 * 60, "JST": 9 * 60, "KST": 9 * 60, "AEST": 10 * 60, "AEDT": 11 * 60, "NZST": 12 * 60, "NZDT": 13 * 60,
}

// zoneCity maps the lower-case place of "<place> time" (and the American
// regional names) to an IANA zone, so that daylight saving time is right.
var zoneCity = map[string]string{
	"new york": "America/New_York", "washington": "America/New_York", "eastern": "America/New_York",
	"eastern standard": "America/New_York", "eastern daylight": "America/New_York",
	"central": "America/Chicago", "chicago": "America/Chicago", "mountain": "America/Denver",
	"pacific": "America/Los_Angeles", "los angeles": "America/Los_Angeles", "san francisco": "America/Los_Angeles",
	"moscow": "Europe/Moscow", "london": "Europe/London", "british": "Europe/London", "paris": "Europe/Paris",
	"berlin": "Europe/Berlin", "brussels": "Europe/Brussels", "central european": "Europe/Berlin",
	"geneva": "Europe/Zurich", "rome": "Europe/Rome", "madrid": "Europe/Madrid", "kyiv": "Europe/Kyiv",
	"kiev": "Europe/Kyiv", "istanbul": "Europe/Istanbul", "ankara": "Europe/Istanbul", "athens": "Europe/Athens",
	"beirut": "Asia/Beirut", "damascus": "Asia/Damascus", "baghdad": "Asia/Baghdad", "tehran": "Asia/Tehran",
	"jerusalem": "Asia/Jerusalem", "tel aviv": "Asia/Jerusalem", "israel": "Asia/Jerusalem", "gaza": "Asia/Gaza",
	"cairo": "Africa/Cairo", "riyadh": "Asia/Riyadh", "mecca": "Asia/Riyadh", "dubai": "Asia/Dubai",
	"doha": "Asia/Qatar", "amman": "Asia/Amman", "sanaa": "Asia/Aden", "kabul": "Asia/Kabul",
	"delhi": "Asia/Kolkata", "new delhi": "Asia/Kolkata", "indian standard": "Asia/Kolkata",
	"beijing": "Asia/Shanghai", "hong kong": "Asia/Hong_Kong", "tokyo": "Asia/Tokyo", "seoul": "Asia/Seoul",
	"sydney": "Australia/Sydney", "greenwich": "UTC", "universal": "UTC",
}

var (
	locOnce sync.Once
	locs    map[string]*time.Location
)

// cityLocation returns the location of a place named in "<place> time".
func cityLocation(place string) *time.Location {
	locOnce.Do(func() {
		locs = make(map[string]*time.Location, len(zoneCity))
		for k, name := range zoneCity {
			if l, err := time.LoadLocation(name); err == nil {
				locs[k] = l
			}
		}
	})
	return locs[place]
}
