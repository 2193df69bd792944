package normalize

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// DateOrder says how an ambiguous nn/nn/yyyy date is read.
type DateOrder int

const (
	DMY DateOrder = iota // 01.02.2024 is 1 February (DE, PL, most of Europe)
	MDY                  // 01/02/2024 is 2 January (US)
)

// DetectDateOrder looks at the values of one column and decides the order:
// MDY if some value can only be month-first, DMY if some value can only be
// day-first, otherwise def. A column with evidence both ways is mixed up
// and also gets def. Without such evidence, a slashed date with a 12-hour
// time ("11/5/2026 9:15 AM", as Salesforce and Excel write dates in the
// US) says month-first: a daily export whose days are all 12 or less
// would otherwise be read by def.
func DetectDateOrder(values []string, def DateOrder) DateOrder {
	dmy, mdy, ampm := false, false, false
	for _, v := range values {
		// "3/15/2026 14:30": the time would hide the evidence.
		t := Text(v)
		d, _, _, _, err := splitTime(t)
		if err != nil {
			continue
		}
		f, ok := numericDateFields(d)
		if !ok || len(f[0]) == 4 {
			continue
		}
		if !ampm && strings.Contains(d, "/") && len(d) < len(t) {
			low := strings.ToLower(strings.TrimRight(t, " ."))
			ampm = strings.HasSuffix(low, "am") || strings.HasSuffix(low, "pm") || strings.HasSuffix(low, "a.m") || strings.HasSuffix(low, "p.m")
		}
		a, _ := strconv.Atoi(f[0])
		b, _ := strconv.Atoi(f[1])
		switch {
		case a > 12 && a <= 31 && b >= 1 && b <= 12:
			dmy = true
		case b > 12 && b <= 31 && a >= 1 && a <= 12:
			mdy = true
		}
	}
	switch {
	case mdy && !dmy:
		return MDY
	case dmy && !mdy:
		return DMY
	case !mdy && !dmy && ampm:
		return MDY
	}
	return def
}

// stripWeekday removes a day name and its comma before a date.
func stripWeekday(t string) string {
	if t == "" || t[0] < 'A' || t[0] > 'z' && t[0] < 0x80 || t[0] > 'Z' && t[0] < 'a' {
		return t // starts with no letter: most dates
	}
	i := strings.IndexAny(t, ", ")
	if i <= 0 || i > 14 {
		return t
	}
	if !weekdays[Fold(strings.TrimSuffix(t[:i], "."))] {
		return t
	}
	return strings.TrimLeft(t[i:], ", ")
}

// Sane bounds for dates in lead data.
const (
	minYear = 1000
	maxYear = 9999
	// maxSerial is 9999-12-31 in the 1900 date system.
	maxSerial = 2958465
	// maxSerial1904 is 9999-12-31 in the 1904 date system.
	maxSerial1904 = 2957003
)

// isoLayouts are tried in order on values that start with yyyy-.
var isoLayouts = []string{
	"2006-01-02",
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999-0700", // Salesforce's API: +0000, no colon
}

// ParseDate parses ISO dates and date-times, dd.mm.yyyy, dd.mm.yy,
// nn/nn/yyyy (by order), yyyy/mm/dd, "15. März 2024", "15 marca 2024",
// "March 15, 2024", and Excel serial numbers (1900 system). It rejects
// impossible dates.
//
// Details:
//   - ISO: "2024-03-01", "2024-03-01T10:00:00Z", "2024-03-01 10:00". A time
//     with an offset is converted to UTC; one without is taken as UTC.
//   - Numeric dates with '.', '/' or '-' follow order unless the first
//     field has four digits (year first). A time may follow ("01.03.2024
//     10:00", "10:00 Uhr", "3:15 PM"). "20240301" is yyyymmdd.
//   - Two-digit years: 00-69 are 20xx, 70-99 are 19xx.
//   - Month names in English, German and Polish (nominative and genitive,
//     "marca", "października"), abbreviated or not, and Roman numerals
//     ("15 III 2024"); a leading weekday is ignored.
//   - Any other plain number from 1 to 2958465 is an Excel serial day
//     (1900 system, see ExcelSerial); "45352.5" carries a time of day.
//
// The result is in UTC. Errors wrap ErrEmpty or ErrInvalidDate.
func ParseDate(s string, order DateOrder) (time.Time, error) {
	t := Text(s)
	if t == "" {
		return time.Time{}, ErrEmpty
	}
	if len(t) > 64 {
		return time.Time{}, ErrInvalidDate
	}
	// "15.03.2026 r." (rok, year): the Polish way of writing a date.
	if u, ok := strings.CutSuffix(t, " r."); ok && len(u) >= 4 && isDigits(u[len(u)-4:]) {
		t = u
	} else if u, ok := strings.CutSuffix(t, "r."); ok && len(u) >= 4 && isDigits(u[len(u)-4:]) {
		t = u
	}
	t = stripWeekday(t)
	if isPlainNumber(t) {
		if len(t) == 8 && !strings.Contains(t, ".") {
			y, _ := strconv.Atoi(t[:4])
			m, _ := strconv.Atoi(t[4:6])
			d, _ := strconv.Atoi(t[6:])
			return makeDate(y, m, d, 0, 0, 0)
		}
		f, err := strconv.ParseFloat(t, 64)
		if err != nil {
			return time.Time{}, ErrInvalidDate
		}
		return ExcelSerial(f, false)
	}
	if len(t) >= 10 && isDigits(t[:4]) && t[4] == '-' {
		// "2026-11-24 15:04:05 UTC": UTC and GMT are the zone names read.
		// Others (CET, PST) mean what the machine's zone makes of them
		// in Go, so they stay unread rather than read differently on
		// each machine.
		if u, ok := strings.CutSuffix(t, " UTC"); ok {
			t = u
		} else if u, ok := strings.CutSuffix(t, " GMT"); ok {
			t = u
		}
		for _, layout := range isoLayouts {
			if tm, err := time.Parse(layout, t); err == nil {
				if tm.Year() < minYear {
					return time.Time{}, ErrInvalidDate
				}
				return tm.UTC(), nil
			}
		}
	}
	datePart, hh, mm, ss, err := splitTime(t)
	if err != nil {
		return time.Time{}, err
	}
	if f, ok := numericDateFields(datePart); ok {
		return numericDate(f, order, hh, mm, ss)
	}
	return namedMonthDate(datePart, hh, mm, ss)
}

// IsDigits reports whether s is non-empty and made of ASCII digits only.
func IsDigits(s string) bool { return isDigits(s) }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isPlainNumber reports digits with at most one '.' and no sign.
func isPlainNumber(s string) bool {
	dots := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
		case s[i] == '.':
			dots++
		default:
			return false
		}
	}
	return dots <= 1 && s[0] != '.' && s[len(s)-1] != '.'
}

// splitTime separates a trailing time of day ("10:00", "10:00:05", "10:00
// Uhr", "3:15 PM", ", 10:00") from the date.
func splitTime(t string) (date string, hh, mm, ss int, err error) {
	i := strings.IndexByte(t, ':')
	if i < 0 {
		return t, 0, 0, 0, nil
	}
	start := i
	for start > 0 && t[start-1] >= '0' && t[start-1] <= '9' {
		start--
	}
	if start == 0 || i-start == 0 || i-start > 2 {
		return "", 0, 0, 0, ErrInvalidDate
	}
	date = strings.TrimRight(t[:start], " ,T")
	clock := strings.TrimSpace(t[start:])
	pm, am := false, false
	lower := strings.ToLower(clock)
	for _, suf := range []string{" uhr", "uhr", " h", " am", "am", " pm", "pm", " a.m.", " p.m."} {
		if strings.HasSuffix(lower, suf) {
			pm = strings.Contains(suf, "p")
			am = strings.Contains(suf, "a") && !strings.Contains(suf, "uhr")
			clock = strings.TrimSpace(clock[:len(clock)-len(suf)])
			break
		}
	}
	parts := strings.Split(clock, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return "", 0, 0, 0, ErrInvalidDate
	}
	var v [3]int
	for k, p := range parts {
		if len(p) == 0 || len(p) > 2 || !isDigits(p) {
			return "", 0, 0, 0, ErrInvalidDate
		}
		v[k], _ = strconv.Atoi(p)
	}
	hh, mm, ss = v[0], v[1], v[2]
	if am || pm {
		if hh < 1 || hh > 12 {
			return "", 0, 0, 0, ErrInvalidDate
		}
		hh %= 12
		if pm {
			hh += 12
		}
	}
	if hh > 23 || mm > 59 || ss > 59 {
		return "", 0, 0, 0, ErrInvalidDate
	}
	return date, hh, mm, ss, nil
}

// numericDateFields splits "01.02.2024", "1/2/24", "2024/03/01" and
// "01. 02. 2024" into three digit fields.
func numericDateFields(t string) ([3]string, bool) {
	var f [3]string
	n := 0
	i := 0
	for i < len(t) {
		j := i
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j == i || n == 3 || j-i > 4 {
			return f, false
		}
		f[n] = t[i:j]
		n++
		if j == len(t) {
			break
		}
		// one separator, optionally followed by a space: ". "
		switch t[j] {
		case '.', '/', '-':
			j++
			if j < len(t) && t[j] == ' ' && t[j-1] == '.' {
				j++
			}
		default:
			return f, false
		}
		if j == len(t) && t[j-1] == '.' && n == 3 {
			break // "1.2.2024." is rare but harmless
		}
		i = j
	}
	return f, n == 3
}

func numericDate(f [3]string, order DateOrder, hh, mm, ss int) (time.Time, error) {
	var y, m, d int
	a, _ := strconv.Atoi(f[0])
	b, _ := strconv.Atoi(f[1])
	c, _ := strconv.Atoi(f[2])
	switch {
	case len(f[0]) == 4:
		if len(f[1]) > 2 || len(f[2]) > 2 {
			return time.Time{}, ErrInvalidDate
		}
		y, m, d = a, b, c
	case len(f[2]) == 4 || len(f[2]) == 2:
		if len(f[0]) > 2 || len(f[1]) > 2 {
			return time.Time{}, ErrInvalidDate
		}
		y = expandYear(c, len(f[2]))
		if order == MDY {
			m, d = a, b
		} else {
			d, m = a, b
		}
	default:
		return time.Time{}, ErrInvalidDate
	}
	return makeDate(y, m, d, hh, mm, ss)
}

// expandYear reads a two-digit year: 00-69 are 20xx, 70-99 are 19xx.
func expandYear(y, digits int) int {
	if digits != 2 {
		return y
	}
	if y < 70 {
		return 2000 + y
	}
	return 1900 + y
}

// makeDate builds a UTC date and rejects impossible ones (31 February).
func makeDate(y, m, d, hh, mm, ss int) (time.Time, error) {
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, ErrInvalidDate
	}
	t := time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)
	if t.Day() != d || int(t.Month()) != m {
		return time.Time{}, ErrInvalidDate
	}
	return t, nil
}

// monthNames maps folded month names and abbreviations (English, German,
// Polish nominative and genitive, Roman numerals) to month numbers.
var monthNames = func() map[string]int {
	names := [12]string{
		"january jan januar janner jaenner jän jänner styczen stycznia sty i",
		"february feb februar feber luty lutego lut ii",
		"march mar marz maerz mrz märz marzec marca iii",
		"april apr kwiecien kwietnia kwi iv",
		"may mai maj maja v",
		"june jun juni czerwiec czerwca cze vi",
		"july jul juli lipiec lipca lip vii",
		"august aug sierpien sierpnia sie viii",
		"september sep sept wrzesien wrzesnia wrz ix",
		"october oct oktober okt pazdziernik pazdziernika paz x",
		"november nov listopad listopada lis xi",
		"december dec dezember dez grudzien grudnia gru xii",
	}
	m := make(map[string]int)
	for i, list := range names {
		for _, n := range strings.Fields(list) {
			m[Fold(n)] = i + 1
		}
	}
	return m
}()

// weekdays are skipped in front of a date ("Fr., 1. März 2024").
var weekdays = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`monday mon tuesday tue tues wednesday wed thursday thu thurs friday fri saturday sat sunday sun
		montag mo dienstag di mittwoch mi donnerstag do freitag fr samstag sonnabend sa sonntag so
		poniedziałek pon wtorek wt środa śr sr czwartek czw piątek pt sobota sob niedziela nd ndz niedz`) {
		m[Fold(w)] = true
	}
	return m
}()

// namedMonthDate parses "15. März 2024", "15 marca 2024", "March 15, 2024",
// "15-Mar-2024", "1st March 2024".
func namedMonthDate(t string, hh, mm, ss int) (time.Time, error) {
	words := strings.Fields(Fold(t))
	var nums []string
	month := 0
	for i, w := range words {
		if m, ok := monthNames[w]; ok && month == 0 {
			// a Roman numeral is a month only between two numbers
			if isRoman(w) && (i == 0 || i == len(words)-1) {
				return time.Time{}, ErrInvalidDate
			}
			month = m
			continue
		}
		if weekdays[w] && month == 0 && len(nums) == 0 {
			continue
		}
		w = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "st"), "nd"), "rd"), "th")
		if !isDigits(w) || len(w) > 4 {
			return time.Time{}, ErrInvalidDate
		}
		nums = append(nums, w)
	}
	if month == 0 || len(nums) != 2 {
		return time.Time{}, ErrInvalidDate
	}
	day, year := nums[0], nums[1]
	if len(day) == 4 { // "2024 March 15"
		day, year = year, day
	}
	if len(day) > 2 || (len(year) != 4 && len(year) != 2) {
		return time.Time{}, ErrInvalidDate
	}
	d, _ := strconv.Atoi(day)
	y, _ := strconv.Atoi(year)
	return makeDate(expandYear(y, len(year)), month, d, hh, mm, ss)
}

func isRoman(w string) bool { return strings.Trim(w, "ivx") == "" }

// ExcelSerial converts an Excel serial day number to a time, in the 1900 or
// 1904 date system. The fraction is the time of day, rounded to the second.
//
// The 1900 system counts 1900-01-01 as day 1 and, like Lotus 1-2-3, has a
// day 60 for the non-existent 1900-02-29: serial 60 is rejected and every
// later serial is shifted back by one day. The 1904 system counts
// 1904-01-01 as day 0. Serials before the first day or after 9999-12-31
// (2958465 in the 1900 system) give ErrInvalidDate.
func ExcelSerial(serial float64, date1904 bool) (time.Time, error) {
	if math.IsNaN(serial) || math.IsInf(serial, 0) {
		return time.Time{}, ErrInvalidDate
	}
	days := math.Floor(serial)
	secs := math.Round((serial - days) * 86400)
	var base time.Time
	if date1904 {
		if serial < 0 || days > maxSerial1904 {
			return time.Time{}, ErrInvalidDate
		}
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
	} else {
		switch {
		case serial < 1 || days > maxSerial:
			return time.Time{}, ErrInvalidDate
		case days == 60:
			return time.Time{}, ErrInvalidDate // 1900-02-29 does not exist
		case days < 60:
			base = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
		default:
			base = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
		}
	}
	t := base.AddDate(0, 0, int(days)).Add(time.Duration(secs) * time.Second)
	if t.Year() > maxYear {
		return time.Time{}, ErrInvalidDate
	}
	return t, nil
}
