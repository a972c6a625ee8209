package parallax

import (
	"encoding/json"
	"math"
)

// JSON has no infinities. A quantity or figure bounded on one side only
// ("more than 85") has an infinite Low or High in Go; in JSON that side is
// null, and null reads back as the matching infinity.

func finiteOrNil(v float64) *float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return nil
	}
	return &v
}

func orInf(p *float64, sign int) float64 {
	if p == nil {
		return math.Inf(sign)
	}
	return *p
}

// MarshalJSON writes an unbounded Low or High as null.
func (q Quantity) MarshalJSON() ([]byte, error) {
	type plain Quantity
	return json.Marshal(struct {
		plain
		Value *float64 `json:"value"`
		Low   *float64 `json:"low"`
		High  *float64 `json:"high"`
	}{plain(q), finiteOrNil(q.Value), finiteOrNil(q.Low), finiteOrNil(q.High)})
}

// UnmarshalJSON reads a null Low as -Inf and a null High as +Inf.
func (q *Quantity) UnmarshalJSON(b []byte) error {
	type plain Quantity
	var v struct {
		plain
		Value *float64 `json:"value"`
		Low   *float64 `json:"low"`
		High  *float64 `json:"high"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*q = Quantity(v.plain)
	q.Value, q.Low, q.High = orInf(v.Value, 1), orInf(v.Low, -1), orInf(v.High, 1)
	if v.Value == nil {
		q.Value = 0
	}
	return nil
}

// MarshalJSON writes an unbounded Low or High as null.
func (f Figure) MarshalJSON() ([]byte, error) {
	type plain Figure
	return json.Marshal(struct {
		plain
		Value *float64 `json:"value"`
		Low   *float64 `json:"low"`
		High  *float64 `json:"high"`
	}{plain(f), finiteOrNil(f.Value), finiteOrNil(f.Low), finiteOrNil(f.High)})
}

// UnmarshalJSON reads a null Low as -Inf and a null High as +Inf.
func (f *Figure) UnmarshalJSON(b []byte) error {
	type plain Figure
	var v struct {
		plain
		Value *float64 `json:"value"`
		Low   *float64 `json:"low"`
		High  *float64 `json:"high"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = Figure(v.plain)
	f.Value, f.Low, f.High = orInf(v.Value, 1), orInf(v.Low, -1), orInf(v.High, 1)
	if v.Value == nil {
		f.Value = 0
	}
	return nil
}
