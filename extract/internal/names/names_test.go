package names

import "testing"

func TestGiven(t *testing.T) {
	for name, want := range map[string]Gender{
		"mary": Female, "john": Male, "chris": Either, "kim": Either,
		"John": Unknown, "the": Unknown, "": Unknown,
	} {
		if got := Given(name); got != want {
			t.Errorf("Given(%q) = %d, want %d", name, got, want)
		}
	}
	if n := len(given()); n < 8000 {
		t.Errorf("%d names, want more than 8000", n)
	}
}
