// Package numword reads English cardinal number words ("sixteen",
// "forty"), shared by the time and quantity extractors, each of which
// adds the words its own field needs ("a" for "a day", "dozen").
package numword

// Cardinal returns the value of a lower-case cardinal number word from
// "one" to "ninety".
func Cardinal(w string) (float64, bool) {
	v, ok := cardinals[w]
	return v, ok
}

var cardinals = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
