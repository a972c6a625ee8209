package extract

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/pemistahl/lingua-go"
)

// Language detection runs in two steps. A fast profile of the commonest
// function words decides most news text in a few microseconds; scripts used
// by few languages are decided by their letters. Only ambiguous text goes
// to lingua, whose models for a small set of languages load once, lazily
// (all 75 would cost ~135 MB).
var linguaLanguages = []lingua.Language{
	lingua.English, lingua.French, lingua.German, lingua.Spanish, lingua.Portuguese,
	lingua.Italian, lingua.Dutch, lingua.Turkish, lingua.Indonesian, lingua.Polish,
	lingua.Russian, lingua.Ukrainian, lingua.Arabic, lingua.Persian, lingua.Urdu,
}

var (
	detectorOnce sync.Once
	detector     lingua.LanguageDetector
)

func linguaDetector() lingua.LanguageDetector {
	detectorOnce.Do(func() {
		detector = lingua.NewLanguageDetectorBuilder().
			FromLanguages(linguaLanguages...).
			WithLowAccuracyMode().
			Build()
	})
	return detector
}

// languageSample bounds how much text language detection looks at;
// functionWordSample how much of it the function-word profile reads
// (some 70 words: enough when one language's words clearly dominate, and
// lingua gets the whole sample when they do not).
const (
	languageSample     = 1200
	functionWordSample = 400
)

// sample returns at most n bytes of text, cut at a rune boundary.
func sample(text string, n int) string {
	if len(text) <= n {
		return text
	}
	for n < len(text) && !utf8.RuneStart(text[n]) {
		n++
	}
	return text[:n]
}

// functionWords are frequent, distinctive words per Latin-script language.
var functionWords = map[string][]string{
	"en": {"the", "and", "of", "to", "in", "is", "that", "for", "on", "with", "was", "said", "by", "has", "have", "it", "at", "from"},
	"fr": {"le", "la", "les", "des", "et", "est", "une", "pour", "dans", "qui", "du", "au", "sur", "pas", "avec", "par", "a", "été"},
	"de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu", "ein", "eine", "sich", "auf", "dem", "im", "für", "wurde"},
	"es": {"el", "los", "las", "que", "y", "por", "con", "una", "para", "del", "se", "al", "su", "como", "más", "fue", "en", "la"},
	"pt": {"os", "que", "e", "do", "da", "em", "não", "uma", "para", "com", "no", "na", "dos", "ao", "foi", "pelo", "das", "mais"},
	"it": {"il", "di", "che", "e", "per", "un", "non", "del", "della", "sono", "gli", "nel", "alla", "anche", "è", "una", "dei", "ha"},
	"nl": {"de", "het", "een", "en", "van", "dat", "die", "niet", "op", "voor", "met", "zijn", "werd", "ook", "aan", "er", "naar", "bij"},
	"tr": {"ve", "bir", "bu", "için", "ile", "olarak", "da", "de", "çok", "daha", "gibi", "olan", "ama", "sonra", "kadar", "ancak", "değil", "ise"},
	"id": {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "tidak", "dalam", "akan", "pada", "juga", "ke", "karena", "oleh", "telah", "adalah"},
	"pl": {"i", "w", "nie", "na", "się", "z", "do", "to", "że", "jest", "o", "jak", "ale", "po", "co", "przez", "za", "od"},
}

// profileLangs lists the languages of functionWords in name order, so
// that ties go to the first name; wordLang maps a function word to the
// set of them it marks, as bits of their index.
var profileLangs, wordLang = func() ([]string, map[string]uint32) {
	var langs []string
	for lang := range functionWords {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	if len(langs) > 32 {
		panic("extract: more function-word profiles than bits in a set") // a build defect, caught by tests
	}
	m := map[string]uint32{}
	for i, lang := range langs {
		for _, w := range functionWords[lang] {
			m[w] |= 1 << i
		}
	}
	return langs, m
}()

// Language returns the ISO 639-1 code of text's language, or "" when it
// cannot tell (too little text).
func Language(text string) string {
	text = sample(text, languageSample)
	var letters, latin, cyrillic, ukr, arabic, persian, urdu, han, kana, hangul, greek, hebrew, deva, thai int
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			// ASCII, the common case, byte by byte.
			i++
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				letters++
				latin++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case r < 0x250:
			latin++
		case r >= 0x400 && r <= 0x4FF:
			cyrillic++
			switch r {
			case 'і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ':
				ukr++
			}
		case r >= 0x600 && r <= 0x6FF:
			arabic++
			switch r {
			case 'پ', 'چ', 'ژ', 'گ', 'ی', 'ک':
				persian++
			case 'ٹ', 'ڈ', 'ڑ', 'ں', 'ے':
				urdu++
			}
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case unicode.Is(unicode.Greek, r):
			greek++
		case unicode.Is(unicode.Hebrew, r):
			hebrew++
		case unicode.Is(unicode.Devanagari, r):
			deva++
		case unicode.Is(unicode.Thai, r):
			thai++
		}
	}
	if letters < 12 {
		return ""
	}
	half := letters / 2
	switch {
	case kana > letters/10:
		return "ja"
	case han > half:
		return "zh"
	case hangul > half:
		return "ko"
	case greek > half:
		return "el"
	case hebrew > half:
		return "he"
	case deva > half:
		return "hi"
	case thai > half:
		return "th"
	case cyrillic > half:
		if ukr*50 > cyrillic {
			return "uk"
		}
		if ukr == 0 {
			return "ru"
		}
	case arabic > half:
		switch {
		case urdu*40 > arabic:
			return "ur"
		case persian*25 > arabic:
			return "fa"
		case persian == 0 && urdu == 0:
			return "ar"
		}
	case latin > half:
		if l := byFunctionWords(sample(text, functionWordSample)); l != "" {
			return l
		}
	}
	lang, ok := linguaDetector().DetectLanguageOf(text)
	if !ok {
		return ""
	}
	return strings.ToLower(lang.IsoCode639_1().String())
}

// byFunctionWords returns the language whose function words clearly
// dominate text, or "" when none does.
func byFunctionWords(text string) string {
	var counts [32]int
	words := 0
	var buf [32]byte
	for w := range strings.FieldsFuncSeq(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		if len(w) > len(buf) {
			continue
		}
		lw := buf[:0]
		for _, r := range w {
			lw = utf8.AppendRune(lw, unicode.ToLower(r))
		}
		for set := wordLang[string(lw)]; set != 0; set &= set - 1 {
			counts[bits.TrailingZeros32(set)]++
		}
	}
	// The best is the most counted (the first in name order on a tie),
	// the second the most counted of the others.
	best, second := -1, -1
	for i := range profileLangs {
		switch c := counts[i]; {
		case c == 0:
		case best < 0 || c > counts[best]:
			best, second = i, best
		case second < 0 || c > counts[second]:
			second = i
		}
	}
	if best < 0 || words < 8 {
		return ""
	}
	b, s := counts[best], 0
	if second >= 0 {
		s = counts[second]
	}
	if b*100 >= words*12 && b >= 2*s+2 {
		return profileLangs[best]
	}
	return ""
}
