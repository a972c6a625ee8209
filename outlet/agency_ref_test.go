package outlet

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzAgencies checks the agency scan, which finds words on demand,
// against the plain form it replaced (agenciesReference), which listed
// every word first.
func FuzzAgencies(f *testing.F) {
	for _, s := range []string{
		"killing nearly 40 people, according to Reuters news agency.",
		"The end.\n(PC, Anadolu)",
		"MOSCOW (AP) — Russia said. AFP also reported it.",
		"The AP style guide and PTI leader Imran Khan.",
		"He told PTI on Monday. The Reuters Institute. Xinhua Silk Road. ITAR-TASS said. Ma'an reported.",
		"Berlin (dpa) - Germany said. dpa-AFX. The",
		"The Associated Press said. Agence France-Presse, Anadolu Agency and the Islamic Republic News Agency (IRNA) reported. Ömer told Sputnik.",
	} {
		f.Add(s)
	}
	c := Default()
	f.Fuzz(func(t *testing.T, text string) {
		got, want := c.Agencies(text), c.agenciesReference(text)
		if !slices.Equal(got, want) {
			t.Errorf("Agencies(%q) = %q, want %q", text, got, want)
		}
	})
}

// TestAgenciesReference runs the differential check over every name in
// the catalog set in credit contexts, so that the ordinary test run covers
// each name and alias.
func TestAgenciesReference(t *testing.T) {
	c := Default()
	var b strings.Builder
	for _, e := range c.Entries() {
		for _, n := range append([]string{e.Name}, append(e.Aliases, e.Weak...)...) {
			b.WriteString("(" + n + ") said " + n + " reported, according to " + n + ". The " + n + " Institute. ")
		}
	}
	text := b.String()
	if got, want := c.Agencies(text), c.agenciesReference(text); !slices.Equal(got, want) {
		t.Errorf("catalog names: got %q, want %q", got, want)
	}
}

func wordsReference(text string) []word {
	out := make([]word, 0, len(text)/6)
	start := -1
	for i := 0; i < len(text); {
		c := text[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		inWord := isWordRune(r)
		if !inWord && start >= 0 && (r == '\'' || r == '’' || r == '-' || r == '.') {
			// Keep joiners inside words ("Ma'an", "ITAR-TASS", "Lenta.ru")
			// when a letter follows.
			if next, _ := utf8.DecodeRuneInString(text[i+size:]); unicode.IsLetter(next) {
				i += size
				continue
			}
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, word{start, i})
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = append(out, word{start, len(text)})
	}
	return out
}

func (c *Catalog) agenciesReference(text string) []string {
	if c == nil || text == "" {
		return nil
	}
	ws := wordsReference(text)
	var out []string
	var seen map[string]bool
	var key [32]byte
	for i := 0; i < len(ws); i++ {
		first, _ := utf8.DecodeRuneInString(text[ws[i].start:])
		if !unicode.IsUpper(first) && !strings.HasPrefix(text[ws[i].start:], "dpa") {
			continue
		}
		w := text[ws[i].start:ws[i].end]
		if w == "The" && i+1 < len(ws) {
			continue // names are stored without "the"; start at the next word
		}
		if k, ok := asciiFold(w, key[:0]); ok {
			if !c.first[string(k)] {
				continue
			}
		} else if !c.first[fold(w)] {
			continue
		}
		maxN := c.maxWords
		if maxN > len(ws)-i {
			maxN = len(ws) - i
		}
		// Fold the n-word spans once, shortest first, into one buffer;
		// ends[n-1] marks where the n-word key stops.
		var buf [96]byte
		var ends [8]int
		kb := buf[:0]
		ascii := true
		for n := 1; n <= maxN && n <= len(ends); n++ {
			if n > 1 {
				kb = append(kb, ' ')
			}
			var ok bool
			if kb, ok = asciiFold(text[ws[i+n-1].start:ws[i+n-1].end], kb); !ok {
				ascii = false
				break
			}
			ends[n-1] = len(kb)
		}
		for n := maxN; n >= 1; n-- {
			span := text[ws[i].start:ws[i+n-1].end]
			var e *Entry
			var ok bool
			var k string
			if ascii && n <= len(ends) {
				e, ok = c.byName[string(kb[:ends[n-1]])]
			} else {
				k = fold(span)
				e, ok = c.byName[k]
			}
			if !ok || !e.Agency {
				continue
			}
			if k == "" {
				k = string(kb[:ends[n-1]])
			}
			if c.weak[k] {
				if isUpperAcronym(k, e) && span != strings.ToUpper(span) {
					continue
				}
				if !creditContext(text, ws[i].start, ws[i+n-1].end) {
					continue
				}
			} else if continuesName(text, ws, i+n) {
				// "Reuters Institute", "Xinhua Silk Road": another name.
				continue
			}
			if seen == nil {
				seen = make(map[string]bool)
			}
			if !seen[e.Name] {
				seen[e.Name] = true
				out = append(out, e.Name)
			}
			i += n - 1
			break
		}
	}
	return out
}
