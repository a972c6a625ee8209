package dossier

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
)

// word is one token of a sentence: its surface form folded to lower case,
// its stem, and its byte offsets in the article text.
type word struct {
	lower string
	stem  string
	start int
	end   int
}

// words splits text[start:end] into word tokens. A word is a run of letters
// and digits that may contain inner apostrophes, hyphens and periods
// ("al-Awadi", "U.S.", "2.5"); a trailing possessive "'s" is dropped so that
// "Iraq's" counts as "Iraq".
func words(text string, start, end int, lang string) []word {
	return stemCache(nil).words(text, start, end, lang)
}

// stemCache remembers stems: Snowball is the costliest step of reading an
// article, and news repeats its words.
type stemCache map[string]string

func (c stemCache) stem(w, lang string) string {
	if c == nil {
		return stem(w, lang)
	}
	k := w
	if lang != "" && lang != "en" {
		k = lang + "\x00" + w
	}
	if s, ok := c[k]; ok {
		return s
	}
	s := stem(w, lang)
	c[k] = s
	return s
}

func (c stemCache) words(text string, start, end int, lang string) []word {
	var out []word
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(text[j:end])
			if isWordRune(r2) {
				j += s2
				continue
			}
			if isJoiner(r2) && j+s2 < end {
				r3, _ := utf8.DecodeRuneInString(text[j+s2 : end])
				if isWordRune(r3) {
					j += s2
					continue
				}
			}
			break
		}
		w := text[i:j]
		lw := strings.ToLower(w)
		for _, suf := range []string{"'s", "’s"} {
			if strings.HasSuffix(lw, suf) && len(lw) > len(suf) {
				lw = lw[:len(lw)-len(suf)]
			}
		}
		lw = strings.ReplaceAll(lw, "’", "'")
		out = append(out, word{lower: lw, stem: c.stem(lw, lang), start: i, end: j})
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isJoiner(r rune) bool { return r == '\'' || r == '’' || r == '-' || r == '.' }

// stem reduces a lower-case word to its Snowball stem in the article's
// language, so that "strikes" and "strike" or "aggression" and
// "aggressions" count as one term. Words of languages without a stemmer
// stay as they are.
func stem(w, lang string) string {
	if hasDigit(w) || utf8.RuneCountInString(w) < 3 {
		return w
	}
	switch lang {
	case "", "en":
		return english.Stem(w, true)
	case "fr":
		return french.Stem(w, true)
	case "es":
		return spanish.Stem(w, true)
	case "ru":
		return russian.Stem(w, true)
	}
	return w
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// isStop reports whether a lower-case word carries no content for
// comparing sentences or framing: function words in the languages Parallax
// reads most, and the reporting verbs every outlet uses alike.
func isStop(w string) bool {
	if stopwords[w] {
		return true
	}
	return utf8.RuneCountInString(w) < 2 && !hasDigit(w)
}

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all almost also although am among an and any are
aren't as at be because been before being below between both but by can cannot could couldn't did didn't do does
doesn't doing don't down during each either else even ever every few for from further had hadn't has hasn't have
haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll i'm i've
if in into is isn't it it's its itself just let's may me might more most must mustn't my myself neither no nor not now
of off on once one only or other ought our ours ourselves out over own per same shan't she she'd she'll she's should
shouldn't since so some such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those though through thus to too toward towards under until up upon us very via was wasn't
we we'd we'll we're we've were weren't what what's when when's where where's whether which while who who's whom whose
why why's will with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself
yourselves said says say saying told tells added adding stated according also another many much well still already
least nearly around approximately roughly some several mr mrs ms de la le les des du et el los las en y que un une del al di il von der die das und`) {
		m[w] = true
	}
	return m
}()

// wrap breaks s into lines of at most width columns (counted in runes),
// indenting continuation lines by indent.
func wrap(s string, width int, indent string) string {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return ""
	}
	var b strings.Builder
	col := 0
	for i, f := range fields {
		n := utf8.RuneCountInString(f)
		if i > 0 {
			if col+1+n > width {
				b.WriteString("\n")
				b.WriteString(indent)
				col = utf8.RuneCountInString(indent)
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(f)
		col += n
	}
	return b.String()
}

// calendarWord reports abbreviations of months and days and clock words
// that datelines are made of ("Updated Thu 6 May 2010, 9:03am AEST").
func calendarWord(w string) bool {
	switch w {
	case "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
		"wed", "thu", "thur", "thurs", "fri", "sat", "sun", "am", "pm", "gmt", "utc", "est", "edt", "bst", "aest",
		"updated", "published", "posted", "last":
		return true
	}
	if strings.HasSuffix(w, "am") || strings.HasSuffix(w, "pm") {
		return hasDigit(w)
	}
	return false
}

// plausibleName reports whether an extractor's name looks like one:
// capitalized (or written in a script without case) and not a function
// word. Extractors in development tag "the" or "said" as names; a dossier
// that names them as speakers or actors would be wrong on its face.
func plausibleName(s string) bool {
	s = strings.TrimSpace(s)
	r, _ := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || unicode.IsLower(r) || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	l := strings.ToLower(s)
	return !stopwords[l] && !openers[l] && utf8.RuneCountInString(s) >= 2
}

// plausibleSpeaker accepts names and descriptions of speakers ("the
// ministry's spokeswoman", "a Syrian military statement") but not lone
// common nouns an extractor took for a speaker ("allegations").
func plausibleSpeaker(s string) bool {
	if plausibleName(s) {
		return true
	}
	l := strings.ToLower(strings.TrimSpace(s))
	for _, det := range []string{"the ", "a ", "an ", "his ", "her ", "their ", "its "} {
		if strings.HasPrefix(l, det) && len(l) > len(det)+2 {
			return true
		}
	}
	return false
}
