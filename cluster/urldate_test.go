package cluster

import "testing"

func TestURLDate(t *testing.T) {
	for _, tc := range []struct {
		name, url, want string
	}{
		{"year month day", "http://www.foxnews.com/story/2009/11/30/armed-and-dangerous-texas-inmate/", "2009-11-30"},
		{"month name", "http://www.utsandiego.com/news/2009/dec/07/texas-prisoner-captured/all/?print", "2009-12-07"},
		{"dashed", "http://usatoday30.usatoday.com/news/world/2010-05-05-greece-strike-crisis_N.htm", "2010-05-05"},
		{"eight digits", "http://www.dnainfo.com/new-york/20130914/richmond-hill/woman-killed", "2013-09-14"},
		{"underscores", "http://www.timesledger.com/stories/2013/38/srichhillhitrun_web_2013_09_14_q.html", "2013-09-14"},
		{"month only", "http://krebsonsecurity.com/2013/09/microsoft-ie-zero-day-flaw/", "2013-09"},
		{"id in query", "http://sports.espn.go.com/nba/news/story?id=20130914", ""},
		{"long id", "http://www.theaustralian.com.au/news/story-e6frg6so-1226720045327", ""},
		{"week number", "http://example.com/stories/2013/38/story.html", ""},
		{"no path", "http://20130914.example.com", ""},
		{"invalid day", "http://example.com/2013/02/30/x", "2013-02"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := urlDate(tc.url)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tc.want {
				t.Errorf("urlDate(%q) = %q, want %q", tc.url, got, tc.want)
			}
		})
	}
}

func FuzzURLDate(f *testing.F) {
	for _, s := range []string{"http://a.com/2013/09/14/x", "/2009/dec/07/", "20130914", "http://x/1999-12-31-y?z=1#f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		d, ok := urlDate(u)
		if ok && (d.Lo > d.Hi || (d.Prec != precDay && d.Prec != precMonth)) {
			t.Fatalf("urlDate(%q) = %+v", u, d)
		}
	})
}

func BenchmarkURLDate(b *testing.B) {
	for b.Loop() {
		urlDate("http://www.theguardian.com/world/2013/sep/16/british-climber-dies-new-zealand-buckley")
	}
}
