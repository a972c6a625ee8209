package ingest

import (
	"slices"
	"strings"
	"testing"
	"time"
)

const body = "Officials said the strikes hit several sites overnight and that the toll was still rising on Saturday."

func TestReadTextShapes(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		title    string
		byline   string
		outlet   string
		date     string
		dateline string
		agencies []string
		prefix   string // the text starts with
	}{
		{
			name:  "labelled date and byline",
			in:    "Strikes hit sites overnight\nPublished: February 3, 2024 10:30 GMT\nBy John Smith\n\n" + body,
			title: "Strikes hit sites overnight", byline: "John Smith", date: "2024-02-03T10:30", prefix: "Officials said",
		},
		{
			name:  "machine date line",
			in:    "Strikes hit sites\n2024/02/03 09:15:00\n\n" + body,
			title: "Strikes hit sites", date: "2024-02-03T09:15", prefix: "Officials said",
		},
		{
			name:  "update before publication",
			in:    "Strikes hit sites\nUpdated: February 4, 2024\nPublished: February 3, 2024\n\n" + body,
			title: "Strikes hit sites", date: "2024-02-03T00:00", prefix: "Officials said",
		},
		{
			name:  "only an update",
			in:    "Strikes hit sites\nLast updated February 4, 2024\n\n" + body,
			title: "Strikes hit sites", date: "2024-02-04T00:00", prefix: "Officials said",
		},
		{
			name:  "guardian date line",
			in:    "Strikes hit sites\nSat 3 Feb 2024 10.35 GMT\n\n" + body,
			title: "Strikes hit sites", date: "2024-02-03T10:35", prefix: "Officials said",
		},
		{
			name:  "wire byline",
			in:    "Strikes hit sites\n\nBy John Smith and Jane Doe | Reuters\n\n" + body,
			title: "Strikes hit sites", byline: "John Smith and Jane Doe | Reuters", agencies: []string{"Reuters"}, prefix: "Officials said",
		},
		{
			name:  "reuters dateline",
			in:    "Strikes hit sites\n\nMOSCOW, Feb 3 (Reuters) - " + body,
			title: "Strikes hit sites", dateline: "Moscow", agencies: []string{"Reuters"}, prefix: "Officials said",
		},
		{
			name:  "ap dateline",
			in:    "Strikes hit sites\n\nWASHINGTON (AP) — " + body,
			title: "Strikes hit sites", dateline: "Washington", agencies: []string{"Associated Press"}, prefix: "Officials said",
		},
		{
			name:  "outlet dateline",
			in:    "Strikes hit sites\nIraqi News/ " + body,
			title: "Strikes hit sites", outlet: "Iraqi News", prefix: "Officials said",
		},
		{
			name:  "dash credit",
			in:    "Strikes hit sites\n\n" + body + "\n\n— AFP",
			title: "Strikes hit sites", agencies: []string{"Agence France-Presse"}, prefix: "Officials said",
		},
		{
			name:  "source credit",
			in:    "Strikes hit sites\n\n" + body + "\n\nSource: Anadolu Agency",
			title: "Strikes hit sites", agencies: []string{"Anadolu Agency"}, prefix: "Officials said",
		},
		{
			name:  "staff byline outside the catalog",
			in:    "Strikes hit sites\nBy Example Daily Staff\n" + body,
			title: "Strikes hit sites", byline: "Example Daily Staff", outlet: "Example Daily", prefix: "Officials said",
		},
		{
			name:  "no title line",
			in:    body + "\n\nA second paragraph follows with more detail about the events of the night.",
			title: strings.TrimSuffix(body, "."), prefix: "Officials said",
		},
		{
			name:  "kicker is not a place",
			in:    "Strikes hit sites\n\nBREAKING — " + body,
			title: "Strikes hit sites", prefix: "Officials said",
		},
		{
			name:  "moscow is not a dateline in prose",
			in:    "Strikes hit sites\n\nMoscow - based analysts said the strikes were expected, according to several sources.",
			title: "Strikes hit sites", prefix: "Moscow - based",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ReadText("x.txt", []byte(tt.in), testOptions())
			if err != nil {
				t.Fatal(err)
			}
			date := ""
			if !a.Published.IsZero() {
				date = a.Published.UTC().Format("2006-01-02T15:04")
			}
			if a.Title != tt.title || a.Byline != tt.byline || a.Outlet.Name != tt.outlet || date != tt.date || a.Dateline != tt.dateline {
				t.Errorf("title %q byline %q outlet %q date %q dateline %q\nwant  %q %q %q %q %q",
					a.Title, a.Byline, a.Outlet.Name, date, a.Dateline, tt.title, tt.byline, tt.outlet, tt.date, tt.dateline)
			}
			if !slices.Equal(a.Agencies, tt.agencies) {
				t.Errorf("agencies %q, want %q", a.Agencies, tt.agencies)
			}
			if !strings.HasPrefix(a.Text, tt.prefix) {
				t.Errorf("text %q, want it to start with %q", a.Text, tt.prefix)
			}
		})
	}
}

func TestBoilerplate(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Read more: Iraq declares mourning", true},
		{"Share", true},
		{"Facebook Twitter WhatsApp Email", true},
		{"Follow Shafaq News on Telegram", true},
		{"You may also like", true},
		{"3 min read", true},
		{"Advertisement", true},
		{"© 2024 Example News. All rights reserved.", true},
		{"Tags: Iraq, Syria", true},
		{"Share prices fell sharply on Monday after the strikes, traders said.", false},
		{"Follow-up talks are planned for next week in Baghdad, officials said.", false},
		{"Comments by the minister drew criticism from lawmakers on Sunday.", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := isBoilerplate(tt.line); got != tt.want {
				t.Errorf("isBoilerplate(%q) = %v, want %v", tt.line, got, tt.want)
			}
		})
	}
}

func TestReadTextMasthead(t *testing.T) {
	tests := []struct{ name, in, outlet string }{
		{"masthead line", "Strikes hit sites\nPress TV\n\n" + body, "Press TV"},
		{"website staff", "Strikes hit sites\nBy Press TV Website Staff\n\n" + body, "Press TV"},
		{"byline wins", "Strikes hit sites\nRT\nBy Al Jazeera Staff\n\n" + body, "Al Jazeera"},
		{"copyright line", "Strikes hit sites\n\n" + body + "\n\n© 2024 Al Mayadeen English. All rights reserved.", "Al Mayadeen English"},
		{"copyright of a stranger", "Strikes hit sites\n\n" + body + "\n\nCopyright 2024 Example Holdings Ltd.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ReadText("x.txt", []byte(tt.in), testOptions())
			if err != nil {
				t.Fatal(err)
			}
			if a.Outlet.Name != tt.outlet {
				t.Errorf("outlet %+v, want %q", a.Outlet, tt.outlet)
			}
			if strings.Contains(a.Text, "Staff") || strings.HasPrefix(a.Text, "Press TV") || strings.HasPrefix(a.Text, "RT") {
				t.Errorf("header left in text: %q", a.Text)
			}
		})
	}
}

func TestEmbeddedPosts(t *testing.T) {
	tests := []struct {
		name, in             string
		text, author, handle string
		date, prose          string
	}{
		{
			name: "us date with picture link",
			in:   "Russia requests an urgent meeting. pic.twitter.com/AbC123 — Dmitry Polyanskiy (@Dpol_un) February 3, 2024",
			text: "Russia requests an urgent meeting.", author: "Dmitry Polyanskiy", handle: "@Dpol_un", date: "2024-02-03",
		},
		{
			name: "day-first date and status link, prose after",
			in:   "The council will meet on Monday. — UN News (@UN_News_Centre) 4 February 2024 https://twitter.com/UN_News_Centre/status/1 The meeting was later confirmed by diplomats in New York.",
			text: "The council will meet on Monday.", author: "UN News", handle: "@UN_News_Centre", date: "2024-02-04",
			prose: "The meeting was later confirmed by diplomats in New York.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ReadText("x.txt", []byte("Title line\n\n"+body+"\n\n"+tt.in+"\n\n"+body), testOptions())
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Posts) != 1 {
				t.Fatalf("posts = %+v", a.Posts)
			}
			p := a.Posts[0]
			if p.Text != tt.text || p.Author != tt.author || p.Handle != tt.handle || p.Date.Format("2006-01-02") != tt.date || p.Platform != "X" {
				t.Errorf("post = %+v", p)
			}
			if strings.Contains(a.Text, tt.handle) || strings.Contains(a.Text, tt.text) {
				t.Errorf("post left in the prose: %q", a.Text)
			}
			if tt.prose != "" && !strings.Contains(a.Text, tt.prose) {
				t.Errorf("prose after the post lost: %q", a.Text)
			}
		})
	}
}

// FuzzMayOpenWithPlace checks that the prefilter never rejects a
// paragraph the dateline expression matches.
func FuzzMayOpenWithPlace(f *testing.F) {
	for _, s := range []string{
		"( Baghdad – Officials said.", "BAGHDAD, Feb 3 (Reuters) - Officials said.", "MOSCOW — Russia said.",
		"WASHINGTON (AP) -- The Pentagon said.", "Kyiv, 3 February 2024 – Ukraine said.", "Abu-Dhabi, Feb. 3 (WAM) - x",
		"Al-Ma'an’s Town — x", "He said: \"No.\" - x", "Mr Smith, a spokesman (for (the) council) - x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if placeDateline.MatchString(p) && !mayOpenWithPlace(p) {
			t.Fatalf("mayOpenWithPlace(%q) = false, but the dateline expression matches", p)
		}
	})
}

func TestHasFields(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a b ", "one two\tthree\u00a0four\u2003five", "a\xffb c", strings.Repeat("w ", 9)} {
		for n := 1; n <= 10; n++ {
			if got, want := hasFields(s, n), len(strings.Fields(s)) >= n; got != want {
				t.Errorf("hasFields(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// FuzzBylinePrefilters checks that the checks which skip the byline
// expressions never change what they give.
func FuzzBylinePrefilters(f *testing.F) {
	for _, s := range []string{"Example News Staff", "John Smith, Reuters", "Al Mayadeen English", "X web team", "Y newsdesk",
		"Z staff writers", "A Staff ", "B\u00a0Staff", "C ſtaff", "D desK", "Palestine Chronicle Staff", "E for F and G at H", "I | J / K – L"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripStaff(s), staffSuffix.ReplaceAllString(s, ""); got != want {
			t.Errorf("stripStaff(%q) = %q, want %q", s, got, want)
		}
		if got, want := splitByline(s), bylineSplit.Split(s, -1); !slices.Equal(got, want) {
			t.Errorf("splitByline(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestParseTimeISODate covers the fast path for plain dates: what it
// takes must parse as the layout would, and what it leaves must still be
// read (or refused) by the layouts.
func TestParseTimeISODate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		in   string
		want time.Time
		ok   bool
	}{
		{"date", "2024-02-03", day(2024, 2, 3), true},
		{"leap day", "2024-02-29", day(2024, 2, 29), true},
		{"no leap day", "2023-02-29", time.Time{}, false},
		{"day out of range", "2024-02-30", time.Time{}, false},
		{"month out of range", "2024-13-01", time.Time{}, false},
		{"too early", "1899-12-31", day(1899, 12, 31), false},
		{"not digits", "2024-1a-01", time.Time{}, false},
		{"compact", "20240203", day(2024, 2, 3), true},
		{"spaces", " 2024-02-03 ", day(2024, 2, 3), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ParseTime(tt.in)
			if ok != tt.ok || ok && !got.Equal(tt.want) || got.Location() != time.UTC && !got.IsZero() {
				t.Errorf("ParseTime(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestMayBeLayoutTime checks the prefilter against every layout headerDate
// tries: a time written in any of them must pass.
func TestMayBeLayoutTime(t *testing.T) {
	at := time.Date(2024, 2, 3, 4, 5, 6, 0, time.UTC)
	for _, layout := range timeLayouts {
		t.Run(layout, func(t *testing.T) {
			if s := at.Format(layout); !mayBeLayoutTime(s) {
				t.Errorf("mayBeLayoutTime(%q) = false", s)
			}
		})
	}
	for _, s := range []string{"Officials meet over strikes number 12", "By Staff", "Page 123"} {
		if mayBeLayoutTime(s) {
			t.Errorf("mayBeLayoutTime(%q) = true", s)
		}
	}
}

func TestDedupe(t *testing.T) {
	many := make([]string, 100)
	for i := range many {
		many[i] = []string{"Caption one.", "caption ONE", "Paragraph", ""}[i%4] + strings.Repeat("x", i%3)
	}
	tests := []struct {
		name  string
		lines []string
		title string
	}{
		{"title repeated", []string{"Strikes hit Iraq", "Body."}, "Strikes hit Iraq."},
		{"caption repeated", []string{"A caption", "Body.", "a caption!", "Body."}, ""},
		{"empty keys kept", []string{"—", "...", "—"}, ""},
		{"many lines", many, "Paragraph"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The plain form: a set of every key seen.
			seen := map[string]bool{}
			if tt.title != "" {
				seen[dedupeKey(tt.title)] = true
			}
			var want []string
			for _, l := range tt.lines {
				k := dedupeKey(l)
				if k != "" && seen[k] {
					continue
				}
				seen[k] = true
				want = append(want, l)
			}
			if got := dedupe(slices.Clone(tt.lines), tt.title); !slices.Equal(got, want) {
				t.Errorf("dedupe = %q, want %q", got, want)
			}
		})
	}
}
