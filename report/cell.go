package report

import "regexp"

// Spreadsheet programs run a cell that starts with = + - or @ as a formula,
// and some treat a leading tab or carriage return the same way, so a value
// like =HYPERLINK(...) from a web form would become live in the rejects
// file (OWASP "CSV injection"). escapeCell puts a ' in front of such values;
// spreadsheets show the rest as text.
//
// Two kinds of value are left alone, because the rejects file must import
// again as it is and these are common and harmless: phone numbers in
// international form ("+49 30 1234567", "+48 (22) 123-45-67") and negative
// numbers ("-300", "-1.234,50"). Neither can hold a function call or a
// DDE link: they have no letters and no | or !.
//
// A value that was escaped keeps its ' when the file is imported again, so
// the person correcting the file removes it where it matters.
func escapeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '@', '\t', '\r':
		return "'" + s
	case '+':
		if phoneLike.MatchString(s) {
			return s
		}
		return "'" + s
	case '-':
		if negativeNumber.MatchString(s) {
			return s
		}
		return "'" + s
	}
	return s
}

var (
	phoneLike      = regexp.MustCompile(`^\+[0-9 ()/-]*[0-9][0-9 ()/-]*$`)
	negativeNumber = regexp.MustCompile(`^-[0-9.,]*[0-9][0-9.,]*$`)
)
