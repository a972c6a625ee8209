package entity

import (
	"slices"
	"testing"
)

func TestNameShapes(t *testing.T) {
	tests := []struct {
		name, doc string
		want      map[string]string // text → type of every occurrence ("" none)
	}{
		{"military formations",
			"The 82nd Airborne Division was deployed, and soldiers of the 47th Separate Mechanized Brigade held the line.",
			map[string]string{"82nd Airborne Division": "ORG", "47th Separate Mechanized Brigade": "ORG", "Airborne Division": ""}},
		{"armed services",
			"Last month, Navy warship INS Tabar sank a mother ship, the Navy spokesperson said. The Indian Navy flew its commandos in, and the Air Force stood by.",
			map[string]string{"Navy warship": "", "Indian Navy": "ORG", "Air Force": "ORG"}},
		{"a commander's formation",
			"Couch's Division crossed the river at dawn.",
			map[string]string{"Couch's Division": "ORG"}},
		{"lower-case words after a name",
			"The earthquake struck near the Carlton hotel in Cannes on Sunday.",
			map[string]string{"Carlton hotel": "", "Cannes": "LOC"}},
		{"ships",
			"The Indian warship INS Mysore escorted the MV Stolt Valor.",
			map[string]string{"INS Mysore": "", "Mysore": "", "Stolt Valor": ""}},
		{"institutions",
			"He was taken to Hennepin County Medical Center and later to the Betty Ford Center in California.",
			map[string]string{"Hennepin County Medical Center": "ORG", "Betty Ford Center": "ORG", "California": "LOC"}},
		{"names joined by of and and",
			"Researchers at the Geophysics Institute of Tehran University said the Central Election and Referendum Commission had met.",
			map[string]string{"Geophysics Institute of Tehran University": "ORG", "Central Election and Referendum Commission": "ORG"}},
		{"streets and roads",
			"They fled along the Rue de Castiglione toward Place Vendome, then onto Interstate 75 and 117th Street near West American Boulevard.",
			map[string]string{"Rue de Castiglione": "LOC", "Place Vendome": "LOC", "Interstate 75": "LOC", "117th Street": "LOC", "West American Boulevard": "LOC"}},
	}
	t.Run("a formation named in full, then by its number", func(t *testing.T) {
		doc := "The 139th Pennsylvania Volunteer Infantry was formed at Camp Howe.\nThe 139th was transferred in October, on the 3rd of May."
		if got := typesOf(t, doc, "139th"); len(got) != 2 || got[1] != "ORG" {
			t.Errorf("139th typed %q, want the short name an ORG", got)
		}
		if got := typesOf(t, doc, "3rd"); got[0] != "" {
			t.Errorf("3rd typed %q, want no name", got)
		}
	})
	for _, tt := range []struct {
		name, doc, text string
		want            []string // the type of each occurrence of text
	}{
		{"a club named after its town, then alone",
			"The Los Angeles Angels made an offer to Mark Teixeira. The Angels withdrew it on Sunday.", "Angels", []string{"", "ORG"}},
		{"an organization named again by its head noun",
			"The Iraqi Ministry of Foreign Affairs summoned the envoy over what the Ministry deems aggression.", "Ministry", []string{"", "ORG"}},
		{"a government named after its leader",
			"“Since 2011, the Assad regime has been intentionally striking civilians.” Putin has been supporting Assad government since the beginning of the war.", "Assad", []string{"PER", "PER"}},
		{"a currency's country code",
			"The offer was worth about US $ 160 million, a US official said.", "US", []string{"", "LOC"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := typesOf(t, tt.doc, tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("%q typed %q, want %q", tt.text, got, tt.want)
			}
		})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkTypes(t, tt.doc, tt.want) })
	}
}
