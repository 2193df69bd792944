package crm

import "strings"

// SwitchboardNumber reports whether a phone number as written (its raw
// value) is a firm's central number: in Germany and Austria the
// switchboard is the extension 0, written after a hyphen ("+49 231
// 55667-0", "0231 55667 - 0"). The whole staff share it, so it says
// little about the person.
func SwitchboardNumber(raw string) bool {
	s := strings.TrimRight(raw, " \t")
	if !strings.HasSuffix(s, "0") {
		return false
	}
	s = strings.TrimRight(s[:len(s)-1], " \t")
	var ok bool
	for _, dash := range []string{"-", "‐", "‑", "–"} {
		if t, cut := strings.CutSuffix(s, dash); cut {
			s, ok = strings.TrimRight(t, " \t"), true
			break
		}
	}
	return ok && s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}
