package quantity

import "github.com/parallax-news/parallax/extract/internal/numword"

// Roles of disputed counts.
const (
	RoleKilled    = "killed"
	RoleInjured   = "injured"
	RoleMissing   = "missing"
	RoleArrested  = "arrested"
	RoleDisplaced = "displaced"
	RoleEvacuated = "evacuated"
	RoleTargets   = "targets"
	RoleMunitions = "munitions"
	RoleTroops    = "troops"
)

// Kinds of quantities.
const (
	KindCount   = "count"
	KindMoney   = "money"
	KindPercent = "percent"
	KindMeasure = "measure"
)

// roleWord returns the role a (lower-case) word announces: "killing",
// "dead", "injuries", "wounded", "detained"…
func roleWord(w string) string {
	switch w {
	case "killed", "kill", "kills", "killing", "dead", "died", "die", "dies", "deaths", "death", "fatalities",
		"fatality", "martyrs", "martyred", "slain", "victims", "lives", "perished", "executed", "massacred", "murdered":
		return RoleKilled
	case "injured", "injure", "injuring", "injuries", "injury", "wounded", "wound", "wounding", "wounds", "hurt", "maimed":
		return RoleInjured
	case "missing", "unaccounted":
		return RoleMissing
	case "arrested", "arrest", "arrests", "arresting", "detained", "detaining", "detentions", "detainees",
		"captured", "jailed", "imprisoned", "abducted", "kidnapped":
		return RoleArrested
	case "displaced", "displacing", "refugees", "fled", "homeless", "uprooted", "displacement":
		return RoleDisplaced
	case "evacuated", "evacuating", "evacuation", "evacuees":
		return RoleEvacuated
	}
	return ""
}

// unitRole returns the role the thing counted implies by itself.
func unitRole(w string) string {
	switch w {
	case "targets", "target", "sites", "site", "positions", "facilities", "locations", "installations", "bases":
		return RoleTargets
	case "munitions", "munition", "bombs", "missiles", "rockets", "shells", "projectiles", "drones",
		"ordnance", "warheads", "bombs,":
		return RoleMunitions
	case "troops", "soldiers", "personnel", "servicemen", "marines", "fighters", "militants", "police",
		"policemen", "officers", "forces", "service", "reservists", "sailors", "airmen":
		return RoleTroops
	case "dead", "bodies", "corpses", "deaths", "fatalities", "victims", "martyrs":
		return RoleKilled
	case "injured", "wounded", "injuries":
		return RoleInjured
	case "refugees", "displaced":
		return RoleDisplaced
	case "evacuees":
		return RoleEvacuated
	case "detainees", "prisoners", "arrests":
		return RoleArrested
	}
	return ""
}

// multiplier returns the factor of "million", "bn", "thousand".
func multiplier(w string) float64 {
	switch w {
	case "hundred":
		return 100
	case "thousand", "k":
		return 1e3
	case "million", "mn", "mln", "m":
		return 1e6
	case "billion", "bn", "b":
		return 1e9
	case "trillion", "tn":
		return 1e12
	}
	return 0
}

// currencySymbol returns the ISO code of a currency sign or code.
func currencySymbol(w string) string {
	switch w {
	case "$", "usd", "us$":
		return "USD"
	case "€", "eur":
		return "EUR"
	case "£", "gbp":
		return "GBP"
	case "¥", "jpy":
		return "JPY"
	case "₽", "rub":
		return "RUB"
	case "₹", "inr":
		return "INR"
	case "₺", "try":
		return "TRY"
	case "chf":
		return "CHF"
	case "cny", "rmb":
		return "CNY"
	}
	return ""
}

// currencyWord returns the ISO code of a currency written out after the
// number ("dollars", "euros").
func currencyWord(w string) string {
	switch w {
	case "dollars", "dollar":
		return "USD"
	case "euros", "euro":
		return "EUR"
	case "pounds", "sterling":
		return "GBP"
	case "rubles", "roubles", "ruble", "rouble":
		return "RUB"
	case "yen":
		return "JPY"
	case "yuan", "renminbi":
		return "CNY"
	case "rupees":
		return "INR"
	case "dinars":
		return "IQD"
	case "riyals":
		return "SAR"
	case "shekels":
		return "ILS"
	case "lira", "liras":
		return "TRY"
	case "francs":
		return "CHF"
	}
	return ""
}

// measureUnit reports whether w is a unit of measure.
func measureUnit(w string) bool {
	switch w {
	case "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres", "meters",
		"metre", "meter", "m2", "feet", "foot", "ft", "kg", "kilograms", "kilogram", "tons", "tonnes", "ton",
		"tonne", "barrels", "barrel", "bpd", "degrees", "acres", "hectares", "litres", "liters", "gallons",
		"mph", "kph", "km/h", "cm", "mm", "inches", "pounds-weight", "megawatts", "mw", "gw", "kw", "kwh",
		"gb", "mb", "tb", "kb", "ghz", "mhz", "gigabytes", "megabytes":
		return true
	}
	return false
}

// timeUnit reports whether w counts time: amounts of it are durations,
// which the timex extractor reports.
func timeUnit(w string) bool {
	switch w {
	case "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
		"month", "months", "year", "years", "decade", "decades", "century", "centuries", "hrs", "mins":
		return true
	}
	return false
}

// irregularPlural lists count nouns that do not end in "s".
func irregularPlural(w string) bool {
	switch w {
	case "people", "police", "personnel", "staff", "children", "men", "women", "militia", "crew",
		"youth", "aircraft", "cattle", "dead", "wounded", "injured", "ordnance", "infantry", "clergy", "media":
		return true
	}
	return false
}

// stopWord lists words that end the search for the thing counted.
func stopWord(w string) bool {
	switch w {
	case "of", "in", "on", "at", "to", "from", "by", "for", "with", "and", "or", "but", "as", "than",
		"were", "was", "are", "is", "have", "has", "had", "be", "been", "being", "will", "would", "who",
		"which", "that", "this", "these", "those", "the", "a", "an", "its", "their", "his", "her", "per",
		"during", "after", "before", "since", "across", "into", "near", "while", "when", "where", "it":
		return true
	}
	return false
}

// numberWord returns the value of a cardinal number word.
func numberWord(w string) (float64, bool) {
	if w == "dozen" {
		return 12, true
	}
	return numword.Cardinal(w)
}

// vague returns the range a vague amount word stands for: "dozens" is
// 24–99, "hundreds" 200–999.
func vague(w string) (lo, hi float64, ok bool) {
	switch w {
	case "dozens", "scores":
		return 24, 99, true
	case "hundreds":
		return 200, 999, true
	case "thousands":
		return 2000, 9999, true
	case "millions":
		return 2e6, 9.99e6, true
	case "billions":
		return 2e9, 9.99e9, true
	}
	return 0, 0, false
}

// speechVerb lists verbs that attribute a figure to whoever says it.
func speechVerb(w string) bool {
	switch w {
	case "said", "says", "say", "reported", "reports", "announced", "confirmed", "stated", "added", "claimed",
		"told", "estimated", "estimates", "counted", "tallied", "cited", "noted", "declared", "put", "revealed",
		"confirms", "announces", "states", "claims", "adds", "tells", "confirm", "report":
		return true
	}
	return false
}

// monthWord and weekdayWord spot numbers that belong to dates.
func monthWord(w string) bool {
	switch w {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
		"sept", "oct", "nov", "dec":
		return true
	}
	return false
}

func weekdayWord(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}
