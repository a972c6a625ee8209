package outlet

import (
	"path/filepath"
	"slices"
	"testing"
)

func TestByHost(t *testing.T) {
	c := Default()
	tests := []struct {
		name, host, want string
	}{
		{"exact", "shafaq.com", "Shafaq News"},
		{"www", "www.palestinechronicle.com", "Palestine Chronicle"},
		{"subdomain wins over parent", "english.almayadeen.net", "Al Mayadeen English"},
		{"parent", "news.almayadeen.net", "Al Mayadeen"},
		{"url", "https://tass.com/politics/1742733", "TASS"},
		{"second host", "https://tass.ru/x", "TASS"},
		{"port and case", "WWW.RT.COM:443", "RT"},
		{"state agency", "aa.com.tr", "Anadolu Agency"},
		{"unknown", "example.org", ""},
		{"no public suffix match", "co.uk", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, ok := c.ByHost(tt.host)
			if o.Name != tt.want || ok != (tt.want != "") {
				t.Errorf("ByHost(%q) = %q, %v; want %q", tt.host, o.Name, ok, tt.want)
			}
		})
	}
}

func TestByName(t *testing.T) {
	c := Default()
	tests := []struct{ name, in, want, country, notes string }{
		{"name", "Al Mayadeen English", "Al Mayadeen English", "LB", ""},
		{"alias", "Russia Today", "RT", "RU", "state-owned"},
		{"case and the", "the palestine chronicle", "Palestine Chronicle", "US", ""},
		{"handle", "@MayadeenEnglish", "Al Mayadeen English", "LB", ""},
		{"unknown", "Nonexistent Daily", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, _ := c.ByName(tt.in)
			if o.Name != tt.want || o.Country != tt.country || (tt.notes != "" && o.Notes != tt.notes) {
				t.Errorf("ByName(%q) = %+v", tt.in, o)
			}
		})
	}
	if o, ok := c.ByCredit("PC"); !ok || o.Name != "Palestine Chronicle" {
		t.Errorf("ByCredit(PC) = %+v, %v", o, ok)
	}
	if _, ok := c.ByName("PC"); ok {
		t.Error("credit short form PC must not be a name")
	}
}

func TestAgencies(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"prose credit", "killing nearly 40 people, according to Reuters news agency.", []string{"Reuters"}},
		{"credit line", "The end.\n(PC, Anadolu)", []string{"Anadolu Agency"}},
		{"dateline", "MOSCOW (AP) — Russia said. AFP also reported it.", []string{"Associated Press", "Agence France-Presse"}},
		{"weak alias in prose", "The AP style guide and PTI leader Imran Khan.", nil},
		{"weak alias credited", "He told PTI on Monday.", []string{"Press Trust of India"}},
		{"place not agency", "Clashes in Fars province and near Petra.", nil},
		{"other name", "The Reuters Institute published a report.", nil},
		{"several once", "Xinhua said. TASS said. Xinhua again.", []string{"Xinhua", "TASS"}},
		{"lower-case ap", "an ap course", nil},
		{"dpa", "Berlin (dpa) - Germany said.", []string{"dpa"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Agencies(tt.text)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Agencies(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	tests := []struct{ name, file string }{
		{"yaml", "extra.yaml"},
		{"json", "extra.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(filepath.Join("..", "testdata", "outlets", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := c.ByName("Reuters"); !ok {
				t.Error("default entries lost")
			}
		})
	}
	c, _ := Load(filepath.Join("..", "testdata", "outlets", "extra.yaml"))
	if o, ok := c.ByHost("gazette.example.org"); !ok || o.Name != "Example Gazette" {
		t.Errorf("new outlet: %+v", o)
	}
	if o, _ := c.ByName("Shafaq News"); o.Notes != "overridden by the user file" {
		t.Errorf("override: %+v", o)
	}
	c, _ = Load(filepath.Join("..", "testdata", "outlets", "extra.json"))
	if got := c.Agencies("Officials told EXW on Monday."); !slices.Equal(got, []string{"Example Wire"}) {
		t.Errorf("user agency: %q", got)
	}
	if _, err := Load("no-such-file.yaml"); err == nil {
		t.Error("missing file: no error")
	}
	if _, err := Parse([]byte("[{\"hosts\":[\"x.org\"]}]"), ".json"); err == nil {
		t.Error("entry without name: no error")
	}
}

func TestDefaultCatalog(t *testing.T) {
	if n := len(Default().Entries()); n < 300 {
		t.Errorf("default catalog has %d entries, want a few hundred", n)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`[{"name":"A","hosts":["a.org"]}]`), ".json")
	f.Add([]byte("outlets:\n  - name: B\n"), ".yaml")
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		entries, err := Parse(data, ext)
		if err != nil {
			return
		}
		c := New(entries)
		c.Agencies(string(data))
		c.ByHost(string(data))
	})
}

func BenchmarkAgencies(b *testing.B) {
	c := Default()
	text := ""
	for len(text) < 3000 {
		text += "The US carried out airstrikes on Friday in Iraq and Syria, reportedly killing nearly 40 people, according to Reuters news agency. Russian Deputy Envoy Dmitry Polyanskiy said on X. "
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		c.Agencies(text)
	}
}
