package dossier_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/outlet"
)

// ecbDoc is one ECB+ fixture with the publication time its own date line
// gives (zero when it has none).
type ecbDoc struct {
	file      string
	published time.Time
	dateLine  string // as the document writes it, for the reader of this table
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02T15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// ecbEvents are the three ECB+ events of the golden tests.
var ecbEvents = map[string][]ecbDoc{
	// The 27 November 2005 earthquake on Qeshm island, Iran.
	"ecbplus-qeshm": {
		{"20_7ecbplus.xml", utc("2005-11-27T13:20"), "Posted: Nov 27, 2005 8:20 AM ET"},
		{"20_1ecbplus.xml", utc("2005-11-28T02:24"), "Last Updated: Monday, 28 November 2005, 02:24 GMT"},
		{"20_5ecbplus.xml", utc("2005-11-28T09:11"), "November 28th, 2005, 09:11 GMT"},
		{"20_11ecbplus.xml", utc("2005-11-28T12:00"), "URL .../2005/nov/28/... (no time given)"},
		{"20_8ecbplus.xml", utc("2005-11-28T12:00"), "Published: November 28, 2005"},
		{"20_4ecbplus.xml", utc("2005-11-28T12:00"), "Nov 28, 2005"},
	},
	// The 5 May 2010 firebombing of a Marfin bank branch in Athens.
	"ecbplus-athens": {
		{"8_1ecbplus.xml", utc("2010-05-05T12:00"), "May 5, 2010"},
		{"8_3ecbplus.xml", utc("2010-05-05T17:41"), "Updated 5/5/2010 1:41 PM (US Eastern)"},
		{"8_8ecbplus.xml", utc("2010-05-05T18:12"), "Wed May 5, 2010 7:12pm BST"},
		{"8_2ecbplus.xml", utc("2010-05-05T15:37"), "First Posted 23:37:00 05/05/2010 (Manila)"},
		{"8_7ecbplus.xml", utc("2010-05-05T23:03"), "Updated Thu 6 May 2010, 9:03am AEST"},
		{"8_4ecbplus.xml", time.Time{}, "none"},
	},
	// The 9 April 2007 shooting at an accounting firm in Troy, Michigan.
	"ecbplus-troy": {
		{"18_2ecbplus.xml", utc("2007-04-09T22:04"), "Updated 4/9/2007 6:04 PM (US Eastern)"},
		{"18_11ecbplus.xml", utc("2007-04-09T21:07"), "April 10, 2007 - 7:07AM (Melbourne)"},
		{"18_1ecbplus.xml", utc("2007-04-10T10:52"), "POSTED: 1052 GMT (1852 HKT), April 10, 2007"},
		{"18_9ecbplus.xml", utc("2007-04-10T12:00"), "Published: April 10, 2007"},
		{"18_10ecbplus.xml", utc("2007-04-11T12:00"), "Published April 11, 2007"},
		{"18_5ecbplus.xml", time.Time{}, "none"},
	},
}

// loadECBEvent reads an ECB+ event's fixtures through the real extractors,
// naming each outlet from its URL with the outlet catalog.
func loadECBEvent(t testing.TB, name string) []*parallax.Article {
	t.Helper()
	cat := outlet.Default()
	var arts []*parallax.Article
	for _, d := range ecbEvents[name] {
		a := readECB(t, filepath.Join("../testdata/dossier/ecbplus", d.file), d.published)
		host := strings.TrimPrefix(a.Outlet.Name, "www.")
		if o, ok := cat.ByHost(host); ok {
			a.Outlet = o
		}
		a.Agencies = cat.Agencies(a.Text)
		runExtractors(a)
		arts = append(arts, a)
	}
	return arts
}
