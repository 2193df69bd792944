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
// international form ("+49 30 1234567", "+48 (22) 123-45-67"), also with
// the extension as the exports write it ("+493012345678 ext. 12"), and
// negative numbers ("-300", "-1.234,50"). Neither can hold a function call
// or a DDE link: they have no | or !, and no letters but the fixed "ext.".
//
// The importer takes the ' off again when the corrected rejects file is
// imported (it knows the file by its leadpipe_reason column), so the value
// is stored as the input held it.
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
	phoneLike      = regexp.MustCompile(`^\+[0-9 ()/-]*[0-9][0-9 ()/-]*( ext\. [0-9]+)?$`)
	negativeNumber = regexp.MustCompile(`^-[0-9.,]*[0-9][0-9.,]*$`)
)
