package crm

import "testing"

func TestSwitchboardNumber(t *testing.T) {
	for _, tt := range []struct {
		raw  string
		want bool
	}{
		{"+49 231 55667-0", true},
		{"0231 55667 - 0", true},
		{"0231/55667-0 ", true},
		{"+49 231 55667–0", true}, // en dash
		{"+49 231 556670", false},
		{"+49 231 55667-10", false}, // an extension
		{"+49 231 55667-00", false},
		{"555-0100", false},
		{"-0", false},
		{"", false},
	} {
		if got := SwitchboardNumber(tt.raw); got != tt.want {
			t.Errorf("SwitchboardNumber(%q) = %t, want %t", tt.raw, got, tt.want)
		}
	}
}
