package entity

import "strings"

// ministryDomains maps the words that name a ministry's field to the
// field's canonical name.
var ministryDomains = map[string]string{
	"foreign": "Foreign", "defense": "Defense", "defence": "Defense", "interior": "Interior",
	"finance": "Finance", "justice": "Justice", "health": "Health", "education": "Education",
	"oil": "Oil", "energy": "Energy", "economy": "Economy", "trade": "Trade", "information": "Information",
	"agriculture": "Agriculture", "transport": "Transport", "culture": "Culture", "labor": "Labor",
	"labour": "Labor", "environment": "Environment", "communications": "Communications",
}

// ministry recognizes a national ministry however it is written ("Russian
// Foreign Ministry", "the Russian Ministry of Foreign Affairs", "Ministry
// of Defence of Syria", "Iraqi Ministry of Foreign Affairs") and returns
// its canonical name ("Russian Foreign Ministry") and id
// ("org:ru-foreign-ministry"). Without a stated country it reports false.
func ministry(g *gazetteer, words []string) (name, id string, ok bool) {
	hasMinistry := false
	domain, country := "", ""
	for _, w := range words {
		lw := strings.ToLower(w)
		switch {
		case lw == "ministry" || lw == "ministries":
			hasMinistry = true
		case ministryDomains[lw] != "" && domain == "":
			domain = ministryDomains[lw]
		}
		if c, ok := g.demonymOf[lw]; ok && country == "" {
			country = c
		}
	}
	if !hasMinistry || domain == "" {
		return "", "", false
	}
	if country == "" {
		for _, m := range g.lookup(words, false, nil) {
			if x := g.bestIdx(m.entries, ""); g.kindOf(x) == kindCountry {
				country = g.countryOf(x)
				break
			}
		}
	}
	if country == "" {
		return "", "", false
	}
	dem := g.demonym[country]
	if dem == "" {
		if c, ok := g.byCountry[country]; ok {
			dem = g.entries[c].name
		}
	}
	return dem + " " + domain + " Ministry", "org:" + strings.ToLower(country) + "-" + strings.ToLower(domain) + "-ministry", true
}
