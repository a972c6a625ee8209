package timex

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parallax-news/parallax"
)

var update = flag.Bool("update", false, "rewrite golden files")

// sat is a Saturday, the publication date of the seed event's reports.
var sat = time.Date(2024, 2, 3, 15, 0, 0, 0, time.UTC)

// find returns the expression whose text is want, or fails.
func find(t *testing.T, got []parallax.Timex, want string) parallax.Timex {
	t.Helper()
	for _, x := range got {
		if x.Text == want {
			return x
		}
	}
	t.Fatalf("no expression %q in %s", want, describe(got))
	return parallax.Timex{}
}

func describe(xs []parallax.Timex) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString(x.Text + "=" + x.Type + ":" + x.Value + "; ")
	}
	return b.String()
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name, text, span, typ, value, mod string
	}{
		{"weekday past", "Polyanskiy on Saturday announced the meeting.", "Saturday", Date, "2024-02-03", ""},
		{"weekday before", "The US carried out airstrikes on Friday.", "Friday", Date, "2024-02-02", ""},
		{"weekday future", "The council will meet on Monday.", "Monday", Date, "2024-02-05", ""},
		{"weekday until", "Markets will stay closed until Wednesday.", "Wednesday", Date, "2024-02-07", ""},
		{"month day", "The meeting is set for February 5.", "February 5", Date, "2024-02-05", ""},
		{"month day past", "The attack occurred on January 28.", "January 28", Date, "2024-01-28", ""},
		{"day month year", "It happened on 5 February 2024.", "5 February 2024", Date, "2024-02-05", ""},
		{"full date weekday", "Saturday, September 21, 2016 was the day.", "Saturday, September 21, 2016", Date, "2016-09-21", ""},
		{"ordinal day", "It ends on the 11th of February.", "the 11th of February", Date, "2024-02-11", ""},
		{"month year", "Talks began in May 2008.", "May 2008", Date, "2008-05", ""},
		{"month alone", "The deal was signed in December.", "December", Date, "2023-12", ""},
		{"abbreviated month", "Deliveries resume Feb. 12.", "Feb. 12", Date, "2024-02-12", ""},
		{"iso date", "Filed on 2023-11-30 in court.", "2023-11-30", Date, "2023-11-30", ""},
		{"us numeric", "Signed 7/8/07 in Seattle.", "7/8/07", Date, "2007-07-08", ""},
		{"european numeric", "Am 05.02.2024 beginnt es.", "05.02.2024", Date, "2024-02-05", ""},
		{"since year", "The largest raid since 2003.", "2003", Date, "2003", ""},
		{"decade", "Prices last seen in the 1990s.", "the 1990s", Date, "199", ""},
		{"century", "A 21st-century war? In the 20th century, yes.", "the 20th century", Date, "19", ""},
		{"early year", "Production starts in early 2009.", "early 2009", Date, "2009", "START"},
		{"mid year", "Release is due in mid-2011.", "mid-2011", Date, "2011", "MID"},
		{"end of year", "Cuts finish by the end of this year.", "the end of this year", Date, "2024", "END"},
		{"today", "Zakharova said in a statement today.", "today", Date, "2024-02-03", ""},
		{"earlier today", "Earlier today, CENTCOM reported strikes.", "Earlier today", Date, "2024-02-03", ""},
		{"yesterday", "The strikes began yesterday.", "yesterday", Date, "2024-02-02", ""},
		{"tomorrow", "They meet tomorrow.", "tomorrow", Date, "2024-02-04", ""},
		{"tonight", "Tonight's stunt was cynical.", "Tonight", Time, "2024-02-03TNI", ""},
		{"this morning", "Apple announced this morning.", "this morning", Time, "2024-02-03TMO", ""},
		{"weekday part of day", "GM said Thursday night it would act.", "Thursday night", Time, "2024-02-01TNI", ""},
		{"now", "Prices are now higher.", "now", Date, "PRESENT_REF", ""},
		{"currently", "He is currently abroad.", "currently", Date, "PRESENT_REF", ""},
		{"recently", "The firm recently said so.", "recently", Date, "PAST_REF", ""},
		{"the past", "That is in the past.", "the past", Date, "PAST_REF", ""},
		{"earlier this week", "The base was attacked earlier this week.", "earlier this week", Date, "2024-W05", ""},
		{"last week", "Shares fell last week.", "last week", Date, "2024-W04", ""},
		{"next week", "Talks resume next week.", "next week", Date, "2024-W06", ""},
		{"last month", "Sales fell last month.", "last month", Date, "2024-01", ""},
		{"earlier this month", "A ceasefire deal reached earlier this month.", "earlier this month", Date, "2024-02", ""},
		{"next year", "Cuts come next year.", "next year", Date, "2025", ""},
		{"last year", "Profit rose last year.", "last year", Date, "2023", ""},
		{"this weekend", "Rallies are planned this weekend.", "this weekend", Date, "2024-W05-WE", ""},
		{"last September", "Highest since last September.", "last September", Date, "2023-09", ""},
		{"years ago", "It started two years ago.", "two years ago", Date, "2022", ""},
		{"days ago", "It started three days ago.", "three days ago", Date, "2024-01-31", ""},
		{"the day before", "The day before, CENTCOM announced attacks.", "The day before", Date, "2024-02-02", ""},
		{"quarter", "Profit in the first quarter of 2009 fell.", "the first quarter of 2009", Date, "2009-Q1", ""},
		{"quarter adjective", "Its fourth-quarter results were weak.", "fourth-quarter", Date, "2023-Q4", ""},
		{"half", "Sales in the second half of 2023 rose.", "the second half of 2023", Date, "2023-H2", ""},
		{"season", "Launch is planned for the summer of 2025.", "the summer of 2025", Date, "2025-SU", ""},
		{"last winter", "It snowed last winter.", "last winter", Date, "2023-WI", ""},
		{"fiscal", "Revenue for fiscal 2009 fell.", "fiscal 2009", Date, "FY2009", ""},
		{"three days", "The summit lasted three days.", "three days", Duration, "P3D", ""},
		{"24 hours", "Within 24 hours they struck.", "24 hours", Duration, "PT24H", ""},
		{"hyphenated", "A 12-hour flight.", "12-hour", Duration, "PT12H", ""},
		{"fraction", "It took almost two and a half years.", "almost two and a half years", Duration, "P2.5Y", "LESS_THAN"},
		{"several years", "It has been several years.", "several years", Duration, "PXY", ""},
		{"the past decade", "Growth over the past decade.", "the past decade", Duration, "P10Y", ""},
		{"past five days", "Stocks fell over the past five trading days.", "the past five trading days", Duration, "P5D", ""},
		{"thirty minutes", "It lost a thousand points in thirty minutes.", "thirty minutes", Duration, "PT30M", ""},
		{"daily", "Protests are held daily.", "daily", Set, "P1D", ""},
		{"every week", "They meet every week.", "every week", Set, "P1W", ""},
		{"weekly", "The weekly briefing.", "weekly", Set, "P1W", ""},
		{"twice a year", "It reports twice a year.", "twice a year", Set, "P1Y", ""},
		{"every monday", "Markets open every Monday.", "every Monday", Set, "XXXX-WXX-1", ""},
		{"utc clock", "Trading resumed at 14:58 UTC.", "14:58 UTC", Time, "2024-02-03T14:58Z", ""},
		{"clock with day", "The deadline will expire at 12:00 UTC Monday.", "12:00 UTC Monday", Time, "2024-02-05T12:00Z", ""},
		{"military", "Markets opened at 0800 GMT.", "0800 GMT", Time, "2024-02-03T08:00Z", ""},
		{"pm", "Doors open at 7:30 p.m. on Friday.", "7:30 p.m.", Time, "2024-02-02T19:30", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Extract(tt.text, sat)
			x := find(t, got, tt.span)
			if x.Type != tt.typ || x.Value != tt.value || x.Mod != tt.mod {
				t.Errorf("%q = %s %s mod %q, want %s %s mod %q", tt.span, x.Type, x.Value, x.Mod, tt.typ, tt.value, tt.mod)
			}
		})
	}
}

func TestZones(t *testing.T) {
	tests := []struct {
		name, text, span, value, zone, utc string
	}{
		{"est bracket", "The meeting is expected at 4 pm EST [21:00 GMT] on February 5.", "4 pm EST", "2024-02-05T16:00", "EST", "2024-02-05T21:00:00Z"},
		{"gmt bracket", "The meeting is expected at 4 pm EST [21:00 GMT] on February 5.", "21:00 GMT", "2024-02-05T21:00Z", "GMT", "2024-02-05T21:00:00Z"},
		{"city time", "It is set for 16:00 New York time/midnight Moscow time on February 5.", "16:00 New York time", "2024-02-05T16:00", "New York time", "2024-02-05T21:00:00Z"},
		{"midnight city", "It is set for 16:00 New York time/midnight Moscow time on February 5.", "midnight Moscow time", "2024-02-05T24:00", "Moscow time", "2024-02-05T21:00:00Z"},
		{"summer time", "The vote is at 9 a.m. Eastern time on July 4.", "9 a.m. Eastern time", "2024-07-04T09:00", "Eastern time", "2024-07-04T13:00:00Z"},
		{"offset", "The plane landed at 6:40 p.m. (GMT+8) on Tuesday.", "6:40 p.m. (GMT+8)", "2024-01-30T18:40", "GMT+8", "2024-01-30T10:40:00Z"},
		{"eastern time abbreviation", "The plane will land at 4:30 p.m. ET on July 4.", "4:30 p.m. ET", "2024-07-04T16:30", "ET", "2024-07-04T20:30:00Z"},
		{"local", "Blasts were heard at 3 am local time.", "3 am local time", "2024-02-03T03:00", "local time", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := find(t, Extract(tt.text, sat), tt.span)
			utc := ""
			if x.UTC != nil {
				utc = x.UTC.Format(time.RFC3339)
			}
			if x.Type != Time || x.Value != tt.value || x.Zone != tt.zone || utc != tt.utc {
				t.Errorf("%q = %s %s zone %q utc %q, want TIME %s zone %q utc %q", tt.span, x.Type, x.Value, x.Zone, utc, tt.value, tt.zone, tt.utc)
			}
		})
	}
}

func TestNoAnchor(t *testing.T) {
	tests := []struct{ name, text, span, value string }{
		{"month day", "The vote is on February 5.", "February 5", "XXXX-02-05"},
		{"yesterday", "It began yesterday.", "yesterday", "XXXX-XX-XX"},
		{"weekday", "It began on Monday.", "Monday", "XXXX-WXX-1"},
		{"last week", "It began last week.", "last week", "XXXX-WXX"},
		{"explicit", "It began on 3 March 2020.", "3 March 2020", "2020-03-03"},
		{"clock", "It began at 16:00 GMT.", "16:00 GMT", "XXXX-XX-XXT16:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if x := find(t, Extract(tt.text, time.Time{}), tt.span); x.Value != tt.value {
				t.Errorf("%q = %s, want %s", tt.span, x.Value, tt.value)
			}
		})
	}
}

// TestNotTimes lists numbers and words that are not time expressions.
func TestNotTimes(t *testing.T) {
	tests := []struct{ name, text string }{
		{"count", "Some 2000 people marched."},
		{"money", "It cost $2012 in fees."},
		{"model", "The Airbus A380 landed."},
		{"name", "The Russell 2000 Index fell."},
		{"may verb", "Officials may decide later."},
		{"march verb", "Thousands march in Paris."},
		{"february 30", "The vote on February 30 is void."},
		{"year 99999", "In the year 99999 nothing happens."},
		{"percent", "Inflation hit 2024 percent."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, x := range Extract(tt.text, sat) {
				if strings.ContainsAny(x.Text, "0123456789") || x.Text == "may" || x.Text == "march" || strings.HasSuffix(x.Value, "-30") {
					t.Errorf("unexpected %q = %s %s", x.Text, x.Type, x.Value)
				}
			}
		})
	}
}

// seedDates are the dated happenings of the seeds, resolved against each
// report's publication date.
var seedDates = map[string][]struct{ span, value, utc string }{
	"000": {{"Saturday", "2024-02-03", ""}, {"February 5", "2024-02-05", ""}, {"4 pm EST", "2024-02-05T16:00", "2024-02-05T21:00:00Z"},
		{"21:00 GMT", "2024-02-05T21:00Z", "2024-02-05T21:00:00Z"}, {"earlier this week", "2024-W05", ""}},
	"001": {{"February 3", "2024-02-03", ""}, {"16:00 New York time", "2024-02-05T16:00", "2024-02-05T21:00:00Z"},
		{"midnight Moscow time", "2024-02-05T24:00", "2024-02-05T21:00:00Z"}, {"Earlier that day", "2024-02-03", ""},
		{"The day before", "2024-02-02", ""}, {"February 2", "2024-02-02", ""}, {"January 28", "2024-01-28", ""},
		{"January 25", "2024-01-25", ""}},
	"002": {{"Saturday", "2024-02-03", ""}, {"since 2003", "", ""}, {"2003", "2003", ""}, {"Friday", "2024-02-02", ""},
		{"January 28", "2024-01-28", ""}, {"February 2, 2024", "2024-02-02", ""}},
	"003": {{"Saturday", "2024-02-03", ""}, {"February 7", "2024-02-07", ""}, {"February 11", "2024-02-11", ""},
		{"today", "2024-02-03", ""}, {"Earlier today", "2024-02-03", ""}},
	"004": {{"Saturday, September 21, 2024", "2024-09-21", ""}, {"earlier this month", "2024-09", ""},
		{"tonight", "2024-09-21TNI", ""}, {"2011", "2011", ""}},
}

func seedAnchor(name string) time.Time {
	if strings.HasPrefix(name, "004") {
		return time.Date(2024, 9, 21, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)
}

// TestSeeds checks every dated happening of the seed articles and keeps
// the full output as a golden file (go test -update rewrites it).
func TestSeeds(t *testing.T) {
	files, err := filepath.Glob("../../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Skip("seeds missing")
	}
	golden := map[string][]parallax.Timex{}
	for _, f := range files {
		name := filepath.Base(f)[:3]
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got := Extract(string(data), seedAnchor(name))
		golden[name] = got
		t.Run(name, func(t *testing.T) {
			for _, w := range seedDates[name] {
				if w.value == "" {
					continue
				}
				x := find(t, got, w.span)
				utc := ""
				if x.UTC != nil {
					utc = x.UTC.Format(time.RFC3339)
				}
				if x.Value != w.value || utc != w.utc {
					t.Errorf("%q = %s utc %q, want %s utc %q", w.span, x.Value, utc, w.value, w.utc)
				}
			}
		})
	}
	checkGolden(t, "../../testdata/timex/seeds.golden.json", golden)
}

func checkGolden(t *testing.T, path string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from the output (run go test -update and review the diff)", path)
	}
}

// TestBadInput feeds inputs that must be parsed or rejected, never panic.
func TestBadInput(t *testing.T) {
	long := strings.Repeat("9", 10000)
	for name, text := range map[string]string{
		"february 30":   "on February 30, 2024 and 30 February",
		"year 99999":    "in 99999 and in the year 99999",
		"long number":   long + " days ago " + long + ":" + long,
		"mixed scripts": "في ٥ فبراير ٢٠٢٤ at ١٦:٠٠ GMT, 5 февраля, 2月5日",
		"separators":    "1,000 vs 1.000 vs 1 000 days",
		"invalid utf8":  "on \xff\xfe February \x80 5",
		"empty":         "",
		"only marks":    "--- ::: /// ''' ...",
	} {
		t.Run(name, func(t *testing.T) {
			checkSpans(t, text, Extract(text, sat))
			checkSpans(t, text, Extract(text, time.Time{}))
		})
	}
	for _, x := range Extract("on February 30, 2024", sat) {
		if strings.Contains(x.Value, "-02-30") {
			t.Errorf("February 30 accepted: %+v", x)
		}
	}
}

func checkSpans(t *testing.T, text string, got []parallax.Timex) {
	t.Helper()
	prev := 0
	for _, x := range got {
		if x.Start < prev || x.End <= x.Start || x.End > len(text) || x.Text != text[x.Start:x.End] {
			t.Fatalf("bad span %d-%d %q in %q", x.Start, x.End, x.Text, text)
		}
		if x.Type == "" || x.Value == "" {
			t.Fatalf("empty type or value: %+v", x)
		}
		prev = x.End
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"on February 30", "in the year 99999", "1,000 vs 1.000 vs 1 000", "4 pm EST [21:00 GMT] on February 5",
		"16:00 New York time/midnight Moscow time", "the day before", "٥ فبراير ٢٠٢٤", "mid-2011", "7/8/07",
		"twice a year", "Saturday, September 21, 2024", "12:00 UTC Monday", "the last week of March",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		got := Extract(text, sat)
		if utf8.ValidString(text) {
			checkSpans(t, text, got)
		}
		Extract(text, time.Time{})
	})
}
