// Package names holds the given names the extractors share: package quote
// reads a speaker's gender from them, package entity a word's class ("a
// given name") for its tagger. The list is embedded once, here (see
// data/NOTICE), and read on first use.
package names

import (
	_ "embed"
	"strings"
	"sync"
)

// Gender is what the list says of a given name.
type Gender uint8

const (
	// Unknown marks a name that is not listed.
	Unknown Gender = iota
	Female
	Male
	// Either marks a name listed as both female and male ("Chris",
	// "Jean", "Kim").
	Either
)

//go:embed data/given_names.txt
var givenFile string

var given = sync.OnceValue(func() map[string]Gender {
	out := make(map[string]Gender, 8500)
	for line := range strings.Lines(givenFile) {
		g, name, ok := strings.Cut(strings.TrimSpace(line), " ")
		if !ok || name == "" {
			continue
		}
		switch g {
		case "f":
			out[name] = Female
		case "m":
			out[name] = Male
		case "u":
			out[name] = Either
		}
	}
	return out
})

// Given returns the gender of a given name written in lower case, Unknown
// when the list does not have it.
func Given(lower string) Gender {
	return given()[lower]
}

// Table returns the whole list, lower-cased name → gender, for callers
// that look names up often (a lookup with string(b) of a byte slice does
// not allocate). It must not be modified.
func Table() map[string]Gender {
	return given()
}
