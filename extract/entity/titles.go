package entity

import "strings"

// titleHeads are the words that make a phrase a title or role ("Deputy
// Envoy", "spokeswoman", "Minister of Defense"). Lower-case keys.
var titleHeads = toSet(`president vice-president prime minister ministers premier chancellor
envoy ambassador ambassadors representative spokesman spokeswoman spokesperson spokespeople
secretary secretary-general undersecretary under-secretary chief head director director-general
chairman chairwoman chair chairperson commander commander-in-chief general gen. lt. colonel col. major maj. captain
capt. sergeant sgt. admiral adm. lieutenant brigadier marshal senator sen. rep. representative congressman
congresswoman governor gov. mayor king queen prince princess sheikh emir ayatollah pope cardinal
bishop rabbi imam cleric judge justice attorney prosecutor lawyer officer official officials leader
ceo cfo coo cto founder co-founder president-elect mr. mrs. ms. dr. prof. mr mrs ms dr prof lord lady sir dame
coach manager analyst correspondent reporter editor consul diplomat adviser advisor counselor
coordinator commissioner speaker lawmaker mp professor economist executive deputy aide
negotiator mediator inspector superintendent spokesmen delegate delegation monarch pastor
patriarch mufti commissar tsar czar boss chiefs heads founder`)

// titleModifiers may open a title without being one ("First Deputy",
// "Acting Foreign Minister").
var titleModifiers = toSet(`first deputy vice acting former permanent senior top chief assistant
associate interim executive principal special foreign defense defence interior finance
economy justice health education energy trade state national security military press
official public army navy air regional local supreme grand high lead`)

func toSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isTitleWord reports whether a word is the head of a title.
func isTitleWord(w string) bool {
	if len(w) > 24 {
		return false
	}
	return titleHeads[strings.ToLower(w)]
}

// IsTitleWord reports whether w heads a title or role ("President",
// "spokeswoman", "Envoy"); the evaluation and training code use it to cut
// titles off annotated person mentions the way Extract does.
func IsTitleWord(w string) bool { return isTitleWord(w) || titleModifiers[strings.ToLower(w)] }
