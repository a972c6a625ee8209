package timex

import "testing"

func TestSamePeriod(t *testing.T) {
	tests := []struct{ name, text, span, value string }{
		{"quarter", "Profit beat the same quarter last year.", "the same quarter last year", "2023-Q1"},
		{"month", "Sales fell 35% compared to the same month a year ago.", "the same month a year ago", "2023-02"},
		{"period", "Profit was $2 million in the same period a year earlier.", "the same period a year earlier", "2023"},
		{"named month", "Sales fell 35% in January, compared to the same month a year ago.", "the same month a year ago", "2023-01"},
		{"named quarter", "It lost $2 billion in the third quarter of this year. In the same period a year earlier, it gained.", "the same period a year earlier", "2023-Q3"},
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

func TestPeriodOfUnit(t *testing.T) {
	tests := []struct{ name, text, span, value, mod string }{
		{"end of the month", "Payments stop at the end of the month.", "the end of the month", "2024-02", "END"},
		{"start of the week", "Talks resume at the start of the week.", "the start of the week", "2024-W05", "START"},
		{"year and a half", "The war lasted a year and a half.", "a year and a half", "P1.5Y", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if x := find(t, Extract(tt.text, sat), tt.span); x.Value != tt.value || x.Mod != tt.mod {
				t.Errorf("%q = %s mod %q, want %s mod %q", tt.span, x.Value, x.Mod, tt.value, tt.mod)
			}
		})
	}
}

func TestNightBefore(t *testing.T) {
	tests := []struct{ name, text, span, value string }{
		{"previous night", "Rockets fell the previous night.", "the previous night", "2024-02-02TNI"},
		{"following morning", "They left the following morning.", "the following morning", "2024-02-04TMO"},
		{"night before", "He had arrived the night before.", "the night before", "2024-02-02TNI"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if x := find(t, Extract(tt.text, sat), tt.span); x.Value != tt.value || x.Type != Time {
				t.Errorf("%q = %s %s, want TIME %s", tt.span, x.Type, x.Value, tt.value)
			}
		})
	}
}
