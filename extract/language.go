package extract

import (
	"sync"
	"unicode"

	"github.com/pemistahl/lingua-go"
)

// languages Parallax tells apart with lingua; scripts used by one
// language only are decided without it. Loading all 75 lingua models costs
// ~135 MB, so only these are loaded, once, on first use.
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

// languageSample bounds how much text language detection looks at.
const languageSample = 1200

// Language returns the ISO 639-1 code of text's language, or "" when it
// cannot tell (too little text).
func Language(text string) string {
	if len(text) > languageSample {
		cut := languageSample
		for cut < len(text) && text[cut]&0xC0 == 0x80 {
			cut++
		}
		text = text[:cut]
	}
	var letters, latin, cyrillic, arabic, han, kana, hangul, greek, hebrew, deva int
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		switch {
		case r < 0x250:
			latin++
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case unicode.Is(unicode.Arabic, r):
			arabic++
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
		}
	}
	if letters < 12 {
		return ""
	}
	switch half := letters / 2; {
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
	}
	lang, ok := linguaDetector().DetectLanguageOf(text)
	if !ok {
		return ""
	}
	return toISO(lang)
}

func toISO(l lingua.Language) string {
	code := l.IsoCode639_1().String()
	b := []rune(code)
	for i := range b {
		b[i] = unicode.ToLower(b[i])
	}
	return string(b)
}
