package timex

import "testing"

func TestSamePeriod(t *testing.T) {
	tests := []struct{ name, text, span, value string }{
		{"quarter", "Profit beat the same quarter last year.", "the same quarter last year", "2023-Q1"},
		{"month", "Sales fell 35% compared to the same month a year ago.", "the same month a year ago", "2023-02"},
		{"period", "Profit was $2 million in the same period a year earlier.", "the same period a year earlier", "2023"},
		{"of the previous year", "It beat the same period of the previous year.", "the same period of the previous year", "2023"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if x := find(t, Extract(tt.text, sat), tt.span); x.Value != tt.value || x.Type != Date {
				t.Errorf("%q = %s %s, want DATE %s", tt.span, x.Type, x.Value, tt.value)
			}
		})
	}
}
