package parallax

import (
	"encoding/json"
	"math"
	"testing"
)

func TestQuantityJSONInfinity(t *testing.T) {
	q := Quantity{Text: "more than 85", Value: 85, Low: 85, High: math.Inf(1), Bound: BoundAtLeast, Unit: "targets"}
	b, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	if want := `"high":null`; !contains(string(b), want) {
		t.Errorf("%s lacks %s", b, want)
	}
	var back Quantity
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(back.High, 1) || back.Low != 85 || back.Unit != "targets" || back.Bound != BoundAtLeast {
		t.Errorf("round trip: %+v", back)
	}
	f := Figure{Text: "x", Value: 3, Low: math.Inf(-1), High: 3}
	b, err = json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var fb Figure
	if err := json.Unmarshal(b, &fb); err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(fb.Low, -1) || fb.High != 3 || fb.Text != "x" {
		t.Errorf("figure round trip: %+v", fb)
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
