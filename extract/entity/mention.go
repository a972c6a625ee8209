package entity

import (
	"strings"

	"github.com/parallax-news/parallax"
)

// roleSynonyms groups the role words that name the same position, so that
// "the spokeswoman" finds a person introduced as "spokesperson".
var roleSynonyms = map[string]string{
	"spokeswoman": "spokes", "spokesman": "spokes", "spokesperson": "spokes", "spokespeople": "spokes",
	"spokesmen": "spokes", "envoy": "envoy", "ambassador": "ambassador", "representative": "envoy",
	"minister": "minister", "president": "president", "secretary": "secretary", "chief": "chief",
	"head": "chief", "leader": "leader", "commander": "commander", "general": "commander",
	"diplomat": "envoy", "official": "official", "ceo": "chief", "chairman": "chair", "chairwoman": "chair",
}

func roleKey(w string) string {
	w = strings.ToLower(strings.TrimSuffix(w, "s"))
	if k, ok := roleSynonyms[w]; ok {
		return k
	}
	if k, ok := roleSynonyms[w+"s"]; ok {
		return k
	}
	return w
}

// ResolveRole finds the person a role-only mention ("the spokeswoman",
// "the ministry's spokeswoman", "the Russian diplomat") refers to: the
// latest person mentioned before offset before whose role has the same head
// and, when the phrase names one, a matching affiliation. ents are the
// document's entities as Extract returns them. It reports false when no
// person fits.
func ResolveRole(ents []parallax.Entity, phrase string, before int) (parallax.Entity, bool) {
	words := strings.Fields(strings.NewReplacer("’s", " ", "'s", " ", ",", " ").Replace(phrase))
	var head string
	var rest []string
	for i := len(words) - 1; i >= 0; i-- {
		if isTitleWord(words[i]) {
			head = roleKey(words[i])
			rest = words[:i]
			break
		}
	}
	if head == "" {
		return parallax.Entity{}, false
	}
	var best parallax.Entity
	found := false
	for _, e := range ents {
		if e.Start >= before {
			break
		}
		if e.Type != parallax.PER || e.Role == "" {
			continue
		}
		match := false
		for _, w := range strings.Fields(e.Role) {
			if roleKey(w) == head {
				match = true
			}
		}
		if !match {
			continue
		}
		// Qualifiers ("the ministry's", "the Russian") must agree.
		ok := true
		for _, q := range rest {
			lq := strings.ToLower(q)
			if lq == "the" || lq == "a" || lq == "an" || lq == "its" || lq == "his" || lq == "her" || lq == "their" || titleModifiers[lq] {
				continue
			}
			if c, isDem := loadGazetteer().demonymOf[lq]; isDem {
				if ce, ok := loadGazetteer().byCountry[c]; ok {
					lq = strings.ToLower(loadGazetteer().entries[ce].name)
				}
			}
			if !strings.Contains(strings.ToLower(e.Affiliation+" "+e.Role), strings.TrimSuffix(lq, "n")) {
				ok = false
			}
		}
		if ok {
			best, found = e, true
		}
	}
	return best, found
}
