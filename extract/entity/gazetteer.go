package entity

import (
	"embed"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/biter777/countries"
	"github.com/parallax-news/parallax/extract/entity/internal/places"
	"github.com/parallax-news/parallax/extract/internal/names"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

//go:embed data/countries.txt data/orgs.txt data/places.bin.gz data/firstnames.txt data/companies.txt
var dataFS embed.FS

// Gazetteer entry kinds, from the most to the least trusted when one name
// has several entries.
const (
	kindCountry = iota
	kindOrg
	kindLoc
	kindCapital
	kindSeat
	kindRegion
	kindCity
	kindDemonym
)

var kindNames = [...]string{"country", "org", "loc", "capital", "seat", "region", "city", "demonym"}

// kindLabels are the tagger's gazetteer labels of each kind, for the
// first word of a name and the others.
var kindLabels = func() (l [len(kindNames)][2]string) {
	for k, n := range kindNames {
		l[k] = [2]string{"B-" + n, "I-" + n}
	}
	return l
}()

// entry is one named thing the gazetteer knows.
type entry struct {
	kind    uint8
	typ     string // PER, ORG, LOC; "" for demonyms
	id      string
	name    string
	country string
	lat     float32
	lon     float32
	coords  bool
	// direct marks a name taken as a mention when found but not shown to
	// the tagger as a feature (see data/orgs.txt).
	direct bool
}

type gazetteer struct {
	entries []entry
	// exact maps a name as its words joined by single spaces to entries;
	// folded maps the lower-cased, accent-folded form of the small curated
	// lists, for all-caps text and spelling variants.
	exact  map[string][]int32
	folded map[string][]int32
	// first maps a name's first word to the most words any name starting
	// with it has, so that most words cost one lookup.
	first       map[string]uint8
	firstFolded map[string]uint8
	// more holds every proper word prefix of a multi-word exact name
	// ("New", "New York"), so that lookups extend a name word by word
	// instead of probing every length.
	more map[string]struct{}
	// moreFolded is more for folded names.
	moreFolded map[string]struct{}
	// byID indexes curated entries by id; byCountry the country entries.
	byID      map[string]int32
	byCountry map[string]int32
	demonymOf map[string]string // lower demonym → country code
	given     map[string]bool   // common given names
	// givenMore is the longer list of given names shared with package
	// quote (lower-cased), a tagger feature only.
	givenMore map[string]names.Gender
	// company holds words of company and brand names ("Boeing",
	// "Grumman"): only a tagger feature, since many are also common
	// words or surnames.
	company map[string]bool
	demonym map[string]string // country code → its first demonym
	// cities are the GeoNames places, entries cityBase and up, in the
	// compact table the generator wrote: exact holds only the curated
	// names (with the places of the same name appended), and the places'
	// names are looked up in the table. cityKind is each place's kind,
	// capitals marked.
	cities   *places.Table
	cityBase int32
	cityKind []uint8
}

var (
	gazOnce sync.Once
	gaz     *gazetteer
)

func loadGazetteer() *gazetteer {
	gazOnce.Do(func() { gaz = buildGazetteer() })
	return gaz
}

// foldKey lower-cases and strips accents: "Deir ez-Zour" and "Déir Ez-Zour"
// fold alike.
func foldKey(s string) string {
	out := strings.ToLower(stripAccents(s))
	if !isASCII(out) {
		out = quoteFolder.Replace(out)
	}
	return out
}

var quoteFolder = strings.NewReplacer("’", "'", "‘", "'", "‑", "-")

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// accentStripper removes combining marks; transformers keep state, so
// each use takes one from the pool rather than building a chain per call
// (which dominated gazetteer loading).
var accentStripper = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// nameKey is the words of a name joined by single spaces, as the tokenizer
// sees them.
func nameKey(s string) []string {
	toks := Tokenize(s, 0, len(s), nil)
	w := make([]string, len(toks))
	for i, t := range toks {
		w[i] = t.Text
	}
	return w
}

// trimName is a name as the gazetteer indexes it: names are matched
// without their article, as CoNLL marks them.
func trimName(n string) string {
	n = strings.TrimSpace(n)
	return strings.TrimPrefix(strings.TrimPrefix(n, "the "), "The ")
}

func (g *gazetteer) add(e entry, names []string, fold bool) {
	idx := int32(len(g.entries))
	g.entries = append(g.entries, e)
	seen := map[string]bool{}
	for _, n := range names {
		n = trimName(n)
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		words := nameKey(n)
		if len(words) == 0 || len(words) > maxNameWords {
			continue
		}
		k := strings.Join(words, " ")
		g.exact[k] = appendUnique(g.exact[k], idx)
		if uint8(len(words)) > g.first[words[0]] {
			g.first[words[0]] = uint8(len(words))
		}
		for p := len(words[0]); p < len(k); p++ {
			if k[p] == ' ' {
				g.more[k[:p]] = struct{}{}
			}
		}
		if fold {
			g.addFolded(idx, words, k)
		}
	}
}

// maxNameWords bounds the names the gazetteer indexes.
const maxNameWords = 8

// addFolded indexes a name's folded key: folded keys absorb case, accents
// and transliteration ("Deir ez-Zour" for "Deir ez-Zor"); the first word
// is indexed lower-cased too, which is how lookups probe it.
func (g *gazetteer) addFolded(idx int32, words []string, k string) {
	fk := translit(k)
	g.folded[fk] = appendUnique(g.folded[fk], idx)
	for p := 0; p < len(fk); p++ {
		if fk[p] == ' ' {
			g.moreFolded[fk[:p]] = struct{}{}
		}
	}
	for _, f0 := range []string{translit(words[0]), strings.ToLower(words[0])} {
		if uint8(len(words)) > g.firstFolded[f0] {
			g.firstFolded[f0] = uint8(len(words))
		}
	}
}

// PlaceKeys returns the keys under which the gazetteer finds a GeoNames
// place of this name: its words as Extract tokenizes them, joined by
// single spaces, with and without accents. It is exported for the command
// that generates the embedded place table, which must normalize names
// exactly as lookups do.
func PlaceKeys(name string) []string {
	names := []string{name}
	if a := stripAccents(name); a != name {
		names = append(names, a)
	}
	var keys []string
	for _, n := range names {
		words := nameKey(trimName(n))
		if len(words) == 0 || len(words) > maxNameWords {
			continue
		}
		if k := strings.Join(words, " "); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

func appendUnique(s []int32, x int32) []int32 {
	for _, y := range s {
		if y == x {
			return s
		}
	}
	return append(s, x)
}

// Slug makes the readable part of a canonical id: "Deir ez-Zor" →
// "deir-ez-zor".
func Slug(s string) string {
	s = foldKey(s)
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else if r != '\'' && r != '.' {
			dash = true
		}
	}
	return b.String()
}

func buildGazetteer() *gazetteer {
	g := &gazetteer{
		exact: map[string][]int32{}, folded: map[string][]int32{},
		first: map[string]uint8{}, firstFolded: map[string]uint8{}, more: map[string]struct{}{}, moreFolded: map[string]struct{}{},
		byID: map[string]int32{}, byCountry: map[string]int32{}, demonymOf: map[string]string{}, demonym: map[string]string{},
	}
	// Countries: the curated short names and demonyms first, then every ISO
	// country the list does not cover.
	curated := map[string]bool{}
	capitals := map[string]string{} // capital name → country code
	if data, err := dataFS.ReadFile("data/countries.txt"); err == nil {
		for line := range strings.Lines(string(data)) {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			f := strings.Split(line, "|")
			if len(f) < 4 {
				continue
			}
			code, name := f[0], f[1]
			curated[code] = true
			names := append([]string{name}, strings.Split(f[2], ";")...)
			if c := countries.ByName(code); c.IsValid() {
				names = append(names, cleanISOName(c.String()))
			}
			id := "loc:" + Slug(name)
			g.byID[id] = int32(len(g.entries))
			g.byCountry[code] = int32(len(g.entries))
			g.add(entry{kind: kindCountry, typ: "LOC", id: id, name: name, country: code}, names, true)
			var dem []string
			for _, d := range strings.Split(f[3], ";") {
				if d = strings.TrimSpace(d); d != "" {
					if g.demonym[code] == "" {
						g.demonym[code] = d
					}
					dem = append(dem, d)
					g.demonymOf[strings.ToLower(d)] = code
				}
			}
			if len(dem) > 0 {
				g.add(entry{kind: kindDemonym, id: id, name: name, country: code}, dem, true)
			}
		}
	}
	for _, c := range countries.All() {
		code := c.Alpha2()
		if cap := c.Capital().String(); cap != "" && !strings.Contains(cap, "Unknown") {
			capitals[cap] = code
		}
		if curated[code] || len(code) != 2 {
			continue
		}
		name := cleanISOName(c.String())
		if name == "" || strings.Contains(name, "Unknown") {
			continue
		}
		id := "loc:" + Slug(name)
		g.byID[id] = int32(len(g.entries))
		g.byCountry[code] = int32(len(g.entries))
		g.add(entry{kind: kindCountry, typ: "LOC", id: id, name: name, country: code}, []string{name}, true)
	}
	if data, err := dataFS.ReadFile("data/orgs.txt"); err == nil {
		direct := false
		for line := range strings.Lines(string(data)) {
			line = strings.TrimSpace(line)
			if strings.HasPrefix(line, "#!direct") {
				direct = true
			}
			if line == "" || line[0] == '#' {
				continue
			}
			f := strings.Split(line, "|")
			if len(f) < 5 {
				continue
			}
			kind := uint8(kindOrg)
			if f[0] == "LOC" {
				kind = kindLoc
			}
			names := append([]string{f[2]}, strings.Split(f[3], ";")...)
			g.byID[f[1]] = int32(len(g.entries))
			g.add(entry{kind: kind, typ: f[0], id: f[1], name: f[2], country: f[4], direct: direct}, names, true)
		}
	}
	g.loadCities(capitals)
	g.given = map[string]bool{}
	if data, err := dataFS.ReadFile("data/firstnames.txt"); err == nil {
		for line := range strings.Lines(string(data)) {
			if strings.HasPrefix(line, "#") {
				continue
			}
			for _, w := range strings.Fields(line) {
				g.given[w] = true
			}
		}
	}
	g.givenMore = names.Table()
	g.company = map[string]bool{}
	if data, err := dataFS.ReadFile("data/companies.txt"); err == nil {
		for line := range strings.Lines(string(data)) {
			if w := strings.TrimSpace(line); w != "" && w[0] != '#' {
				g.company[w] = true
			}
		}
	}
	return g
}

// cleanISOName drops the ISO list's parenthesized qualifiers: "Moldova
// (Republic of)" → "Moldova".
func cleanISOName(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func (g *gazetteer) loadCities(capitals map[string]string) {
	f, err := dataFS.Open("data/places.bin.gz")
	if err != nil {
		return
	}
	defer f.Close()
	base := int32(len(g.entries))
	t, err := places.Read(f, base)
	if err != nil {
		return // the embedded table is tested; this cannot happen in a release
	}
	g.cities, g.cityBase = t, base
	g.cityKind = make([]uint8, t.Len())
	for i := range t.Len() {
		name, k := t.Name(i), uint8(kindCity)
		switch t.Kind(i) {
		case places.Region:
			k = kindRegion
		case places.Seat:
			k = kindSeat
		}
		if k != kindRegion && capitals[name] == t.Country(i) {
			// Some capitals share their name with many towns of their
			// country; the known position picks the capital.
			lat, lon, _ := t.Coords(i)
			if c, ok := capitalAt[name]; !ok || abs(float64(lat)-c[0]) < 0.5 && abs(float64(lon)-c[1]) < 0.5 {
				k = kindCapital
			}
		}
		g.cityKind[i] = k
		if k == kindCapital || k == kindSeat {
			// Capitals and seats also match folded, like the curated
			// names; a few thousand, so the maps stay small.
			for _, key := range PlaceKeys(name) {
				g.addFolded(base+int32(i), strings.Split(key, " "), key)
			}
		}
	}
	// A curated name that is also a place's lists both, curated first.
	for k, es := range g.exact {
		if ck, ok := t.FindString(k); ok && ck.Places != nil {
			g.exact[k] = append(es[:len(es):len(es)], ck.Places...)
		}
	}
}

// exactEntries returns the entries of a name as its words joined by
// single spaces, curated or place.
func (g *gazetteer) exactEntries(k string) []int32 {
	if es := g.exact[k]; es != nil {
		return es
	}
	if g.cities != nil {
		if ck, ok := g.cities.FindString(k); ok {
			return ck.Places
		}
	}
	return nil
}

// kindOf, typOf and countryOf read one field of an entry without
// materializing a place's entry.
// knownGiven reports whether a capitalized word is a given name of either
// list.
func (g *gazetteer) knownGiven(w string) bool {
	if g.given[w] {
		return true
	}
	var lb [48]byte
	return g.givenMore[string(appendLowerASCII(lb[:0], w))] != names.Unknown
}

// isDirect reports whether entry x is a curated name that is no tagger
// feature (see entry.direct).
func (g *gazetteer) isDirect(x int32) bool {
	return x >= 0 && x < int32(len(g.entries)) && (g.cities == nil || x < g.cityBase) && g.entries[x].direct
}

func (g *gazetteer) kindOf(x int32) uint8 {
	if x < g.cityBase || g.cities == nil {
		return g.entries[x].kind
	}
	return g.cityKind[x-g.cityBase]
}

func (g *gazetteer) typOf(x int32) string {
	if x < g.cityBase || g.cities == nil {
		return g.entries[x].typ
	}
	return "LOC"
}

func (g *gazetteer) countryOf(x int32) string {
	if x < g.cityBase || g.cities == nil {
		return g.entries[x].country
	}
	return g.cities.Country(int(x - g.cityBase))
}

// entry returns entry x. A place's entry is made on demand: keeping one
// per place is what made the gazetteer large.
func (g *gazetteer) entry(x int32) *entry {
	if x < g.cityBase || g.cities == nil {
		return &g.entries[x]
	}
	i := int(x - g.cityBase)
	name := g.cities.Name(i)
	e := &entry{kind: g.cityKind[i], typ: "LOC", id: "loc:" + Slug(name), name: name, country: g.cities.Country(i)}
	e.lat, e.lon, e.coords = g.cities.Coords(i)
	return e
}

// capitalAt places the capitals whose names many towns of their own
// country share.
var capitalAt = map[string][2]float64{"Washington": {38.895, -77.036}}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func stripAccents(s string) string {
	if isASCII(s) {
		return s
	}
	t := accentStripper.Get().(transform.Transformer)
	defer accentStripper.Put(t)
	t.Reset()
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// match is a gazetteer hit over words [i, j).
type match struct {
	i, j    int
	entries []int32
}

// lookup finds the longest gazetteer names in words, left to right. Names
// of the curated lists, capitals and provincial seats also match in folded
// form (case, accents, transliteration variants) when they start with a
// capital, or anywhere when folded is set (all-caps text).
func (g *gazetteer) lookup(words []string, folded bool, out []match) []match {
	var kb [128]byte // names are short; longer keys spill to the heap
	var lb [48]byte
	var tl []string // words' folded forms, when done
	var done []bool
	for i := 0; i < len(words); {
		w := words[i]
		// Every name starts with a capital or a digit, except in text
		// written all in capitals or all in lower case.
		if !folded {
			if c := w[0]; c < 0x80 && !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
				i++
				continue
			}
		}
		exactLen := int(g.first[w])
		curated := exactLen > 0
		var ck places.Key
		cok := false
		if g.cities != nil {
			if ck, cok = g.cities.FindString(w); cok {
				exactLen = max(exactLen, ck.Words)
			}
		}
		maxLen := exactLen
		fold := false
		if folded || unicode.IsUpper(firstRune(w)) {
			if m := int(g.firstFolded[string(appendLowerASCII(lb[:0], w))]); m > 0 {
				fold = true
				maxLen = max(maxLen, m)
			}
		}
		if maxLen == 0 {
			i++
			continue
		}
		if i+maxLen > len(words) {
			maxLen = len(words) - i
		}
		// Exact names first, the longest that starts here, curated or
		// place (a name in both has both in exact).
		if lim := min(exactLen, len(words)-i); lim > 0 {
			var es []int32
			best := 0
			key := append(kb[:0], w...)
			for l := 1; ; l++ {
				if e := g.exact[string(key)]; curated && e != nil {
					es, best = e, l
				} else if cok && ck.Places != nil {
					es, best = ck.Places, l
				}
				if l == lim {
					break
				}
				if curated {
					_, curated = g.more[string(key)]
				}
				cok = cok && ck.Longer
				if !curated && !cok {
					break
				}
				key = append(key, ' ')
				key = append(key, words[i+l]...)
				if cok {
					ck, cok = g.cities.Find(key)
				}
			}
			if best > 0 {
				out = append(out, match{i, i + best, es})
				i += best
				continue
			}
		}
		// Folded forms, which cost more, only when no exact name starts
		// here. A folded name is its words' folded forms joined, so each
		// word is folded once and names extend word by word as above.
		found := false
		if fold {
			if tl == nil {
				tl = make([]string, len(words))
				done = make([]bool, len(words))
			}
			var es []int32
			best := 0
			key := kb[:0]
			for l := 1; l <= maxLen; l++ {
				k := i + l - 1
				if !done[k] {
					tl[k], done[k] = translit(words[k]), true
				}
				if tl[k] != "" {
					if len(key) > 0 {
						key = append(key, ' ')
					}
					key = append(key, tl[k]...)
				}
				if e := g.folded[string(key)]; e != nil {
					es, best = e, l
				}
				if _, ok := g.moreFolded[string(key)]; !ok {
					break
				}
			}
			if best > 0 {
				out = append(out, match{i, i + best, es})
				i += best
				found = true
			}
		}
		if !found {
			i++
		}
	}
	return out
}

// appendLowerASCII appends w as lowerASCII returns it, without allocating
// when w is ASCII, for map lookups keyed by lower-cased words.
func appendLowerASCII(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return append(b[:len(b)-i], strings.ToLower(w)...)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// lowerASCII lower-cases w, cheaply when it is ASCII.
func lowerASCII(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return strings.ToLower(w)
		}
		if w[i] >= 'A' && w[i] <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

// best returns the most trusted entry of a hit, preferring entries in the
// given country when several places share the name.
func (g *gazetteer) best(es []int32, country string) *entry {
	if b := g.bestIdx(es, country); b >= 0 {
		return g.entry(b)
	}
	return nil
}

// bestIdx is best's entry number, -1 for none: what callers that need only
// the kind, type or country use, since a place's entry is made on demand.
func (g *gazetteer) bestIdx(es []int32, country string) int32 {
	b := int32(-1)
	var bk uint8
	var bc string
	for _, x := range es {
		k, c := kindRank[g.kindOf(x)], g.countryOf(x)
		if b < 0 || k < bk || k == bk && country != "" && c == country && bc != country {
			b, bk, bc = x, k, c
		}
	}
	return b
}

// kindRank orders kinds by trust for bestIdx: as the kinds are numbered,
// except that a curated demonym outranks the GeoNames regions and towns
// that share its spelling ("German", a Manx parish; "Canadian", towns in
// Texas), which would otherwise make the nationality a place.
var kindRank = [...]uint8{kindCountry: 0, kindOrg: 1, kindLoc: 2, kindCapital: 3, kindSeat: 4, kindDemonym: 5, kindRegion: 6, kindCity: 7}

// GazetteerLabels returns, for each word, the gazetteer label the tagger
// sees as a feature ("B-country", "I-org", "" for none) and its word class
// ("given", "givenword", "company", "orgword", "locword", "title", "" for
// none). lower is the model's lower-case vocabulary (Model.Lower), which
// tells a given name that is also a common word ("givenword"). It is
// exported for the training command, which must compute features exactly
// as Extract does.
func GazetteerLabels(words []string, lower map[string]struct{}) (labels, classes []string) {
	g := loadGazetteer()
	return labelsFrom(g, words, g.lookup(words, allCaps(words), nil), lower, nil, nil)
}

// orgWords and locWords end or open names of organizations and places
// ("Bank", "University", "River", "Province"): word classes generalize
// where the training data is thin.
var (
	orgWords = toSet(`inc inc. corp corp. ltd ltd. co co. company corporation group university college school
hospital party army council ministry department association union club bank airlines airways agency
committee institute foundation league team fc united church court commission federation news times
post bureau corps brigade division regiment battalion navy police office organization organisation
society press network television tv radio motors holdings plc ag gmbh sa llc partners fund trust
academy parliament assembly senate congress administration authority service services guard forces
front movement brotherhood coalition alliance band orchestra choir museum hotel railway railroad
railways studios records magazine journal newspaper tribune herald gazette telegraph chronicle
institution laboratory laboratories hospital clinic exchange bourse`)
	locWords = toSet(`river lake mountain mountains mount mt. island islands street road avenue square bay sea
ocean county province governorate state city valley desert airport bridge region district park
peninsula gulf strait coast border camp village town base port harbor harbour canal basin plain
plateau hills hill creek beach stadium arena palace castle cathedral tower station heights springs
falls forest reservoir pond field`)
)

// labelsFrom returns the gazetteer labels of words given their lookup
// hits, and their word classes, written into dst and cls when they have
// room. The two are apart so that a place match ("University", a town in
// GeoNames) does not hide a word's class (a word that ends names of
// organizations). The given names of the long shared list come after the
// other classes, so that "Bank" and "Park" (both in it) keep theirs.
func labelsFrom(g *gazetteer, words []string, ms []match, lower map[string]struct{}, dst, cls []string) ([]string, []string) {
	labels := grow(&dst, len(words))
	classes := grow(&cls, len(words))
	clear(labels)
	clear(classes)
	var lb [48]byte
	for i, w := range words {
		lw := appendLowerASCII(lb[:0], w)
		switch {
		case len(w) <= 24 && titleHeads[string(lw)]:
			classes[i] = "title"
		case !unicode.IsUpper(firstRune(w)):
		case g.given[w]:
			classes[i] = "given"
		case g.company[w]:
			classes[i] = "company"
		case orgWords[string(lw)]:
			classes[i] = "orgword"
		case locWords[string(lw)]:
			classes[i] = "locword"
		case g.givenMore[string(lw)] != names.Unknown:
			// A name of the long list that the corpora also write in
			// lower case ("Will", "Mark", "Grant") is a class of its own.
			if _, common := lower[string(lw)]; common {
				classes[i] = "givenword"
			} else {
				classes[i] = "given"
			}
		}
	}
	for _, m := range ms {
		x := g.bestIdx(m.entries, "")
		if g.isDirect(x) {
			continue
		}
		k := g.kindOf(x)
		for i := m.i; i < m.j; i++ {
			if i == m.i {
				labels[i] = kindLabels[k][0]
			} else {
				labels[i] = kindLabels[k][1]
			}
		}
	}
	return labels, classes
}

// allCaps reports whether a sentence is written in capitals, where case
// says nothing about names.
func allCaps(words []string) bool {
	upper, lower := 0, 0
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			switch c := w[i]; {
			case c >= 'A' && c <= 'Z':
				upper++
			case c >= 'a' && c <= 'z':
				lower++
			case c >= utf8.RuneSelf:
				for _, r := range w[i:] {
					if unicode.IsUpper(r) {
						upper++
					} else if unicode.IsLower(r) {
						lower++
					}
				}
				i = len(w)
			}
		}
	}
	return upper > 8 && lower*4 < upper
}
