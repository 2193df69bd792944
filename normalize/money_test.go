package normalize

import (
	"errors"
	"strconv"
	"testing"
)

func TestParseMoney(t *testing.T) {
	tests := []struct {
		name, in    string
		amount, cur string
		value       float64
		err         error
	}{
		{"german full", "83.500,00 €", "83500.00", "EUR", 83500, nil},
		{"estimate ca.", "ca. 3.000 EUR", "3000", "EUR", 3000, nil},
		{"estimate tilde", "~50k", "50000", "", 50000, nil},
		{"estimate polish", "około 10 tys. zł", "10000", "PLN", 10000, nil},
		{"estimate english", "approx. $5,000", "5000", "USD", 5000, nil},
		{"cad is no estimate", "CAD 500", "500", "CAD", 500, nil},
		{"english full", "1,234.56", "1234.56", "", 1234.56, nil},
		{"german grouping", "1.234", "1234", "", 1234, nil},
		{"english grouping", "1,234", "1234", "", 1234, nil},
		{"decimal comma", "12,5", "12.50", "", 12.5, nil},
		{"leading zero decimal", "0,125", "0.13", "", 0.13, nil},
		{"four decimals", "1.2345", "1.23", "", 1.23, nil},
		{"long int with 3 decimals", "1234.567", "1234.57", "", 1234.57, nil},
		{"many groups", "1.234.567", "1234567", "", 1234567, nil},
		{"k", "50k", "50000", "", 50000, nil},
		{"K spaced", "50 K", "50000", "", 50000, nil},
		{"mio comma", "1,5 Mio", "1500000", "", 1500000, nil},
		{"m dot", "1.5M", "1500000", "", 1500000, nil},
		{"mln", "2 mln", "2000000", "", 2000000, nil},
		{"mln zl", "2,5 mln zł", "2500000", "PLN", 2500000, nil},
		{"mio with three decimals", "1,250 Mio", "1250000", "", 1250000, nil},
		{"teur", "500 TEUR", "500000", "EUR", 500000, nil},
		{"k euro glued", "50k€", "50000", "EUR", 50000, nil},
		{"tsd", "20 Tsd. €", "20000", "EUR", 20000, nil},
		{"zloty space grouping", "12 000 zł", "12000", "PLN", 12000, nil},
		{"pln prefix", "PLN 12 000", "12000", "PLN", 12000, nil},
		{"euro prefix", "€ 1.000", "1000", "EUR", 1000, nil},
		{"eur code", "EUR 83.500,00", "83500.00", "EUR", 83500, nil},
		{"dollar", "$1,200", "1200", "USD", 1200, nil},
		{"us dollar", "US$ 1,200.50", "1200.50", "USD", 1200.5, nil},
		{"pound", "£250", "250", "GBP", 250, nil},
		{"swiss apostrophe", "CHF 5'000", "5000", "CHF", 5000, nil},
		{"swiss apostrophe decimals", "Fr. 5'000.50", "5000.50", "CHF", 5000.5, nil},
		{"negative", "-300", "-300", "", -300, nil},
		{"negative after currency", "€ -300", "-300", "EUR", -300, nil},
		{"parentheses", "(300)", "-300", "", -300, nil},
		{"trailing minus", "300-", "-300", "", -300, nil},
		{"unicode minus", "−300", "-300", "", -300, nil},
		{"german whole", "1.000,- €", "1000", "EUR", 1000, nil},
		{"german whole dash dash", "1.000,--", "1000", "", 1000, nil},
		{"zero", "0", "0", "", 0, nil},
		{"negative zero", "-0,00", "0.00", "", 0, nil},
		{"leading zeros", "007", "7", "", 7, nil},
		{"nbsp grouping", "12\u00a0000 €", "12000", "EUR", 12000, nil},
		{"canonical int", "1500000", "1500000", "", 1500000, nil},
		{"canonical decimals", "83500.00", "83500.00", "", 83500, nil},
		{"empty", " ", "", "", 0, ErrEmpty},
		{"text", "viel", "", "", 0, ErrInvalidMoney},
		{"bad grouping", "1.23.456", "", "", 0, ErrInvalidMoney},
		{"two decimal separators", "1,234,56.7,8", "", "", 0, ErrInvalidMoney},
		{"two currencies", "€ 100 USD", "", "", 0, ErrInvalidMoney},
		{"percent", "12%", "", "", 0, ErrInvalidMoney},
		{"too big", "1000000000000000", "", "", 0, ErrInvalidMoney},
		{"two numbers", "100 20", "", "", 0, ErrInvalidMoney},
		{"double negative", "-(300)", "", "", 0, ErrInvalidMoney},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseMoney(tt.in)
			want := Money{Amount: tt.amount, Value: tt.value, Currency: tt.cur}
			if got != want || !errors.Is(err, tt.err) {
				t.Fatalf("ParseMoney(%q) = %+v, %v, want %+v, %v", tt.in, got, err, want, tt.err)
			}
			if err == nil {
				if again, err := ParseMoney(got.Amount); err != nil || again.Amount != got.Amount {
					t.Errorf("ParseMoney(%q) = %+v, %v, want the same Amount", got.Amount, again, err)
				}
			}
		})
	}
}

// TestPlainMoney: which cells take the fast path, and that it agrees with
// the full parse on every whole number up to 10^6 and around the limit.
func TestPlainMoney(t *testing.T) {
	for s, want := range map[string]bool{
		"191000": true, "0": true, "7": true, "999999999999999": true,
		"": false, "007": false, "00": false, "1000000000000000": false, "12k": false,
		"1,000": false, "-5": false, " 5": false, "5€": false,
	} {
		if _, ok := plainMoney(s); ok != want {
			t.Errorf("plainMoney(%q) took the fast path: %v, want %v", s, ok, want)
		}
	}
	check := func(s string) {
		fast, ok := plainMoney(s)
		full, err := parseMoney(s)
		if ok && (err != nil || fast != full) {
			t.Fatalf("plainMoney(%q) = %+v; parseMoney: %+v, %v", s, fast, full, err)
		}
	}
	for i := range 1_000_000 {
		check(strconv.Itoa(i))
	}
	for _, s := range []string{"999999999999999", "100000000000000", "123456789012345", "900719925474099"} {
		check(s)
	}
}

func TestCurrencyCode(t *testing.T) {
	for in, want := range map[string]string{
		"EUR": "EUR", " eur ": "EUR", "€": "EUR", "Euro": "EUR", "zł": "PLN", "PLN": "PLN", "chf": "CHF",
		"SEK": "SEK", "kr": "", "": "", "EURO2": "", "E1R": "", "Dollar": "USD", "€€": "",
		"TBD": "", "abc": "", "XXX": "", "usd": "USD",
	} {
		got, ok := CurrencyCode(in)
		if got != want || ok != (want != "") {
			t.Errorf("CurrencyCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
