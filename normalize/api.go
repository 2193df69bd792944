// Package normalize cleans single field values of lead data: names, e-mail
// addresses, phone numbers, company names and legal forms, countries, postal
// codes, dates, money amounts and tax ids, plus the folding used for match
// keys. Every function is pure, safe for concurrent use, never panics on any
// input, and reports problems as errors that never contain the value itself
// (values are personal data).
//
// # Topics
//
//   - Text and Fold/FoldUmlaut (text.go, fold.go): cleaning every field and
//     building match keys.
//   - Names (name.go): Salutation, SplitPrefix, SplitFullName (and their
//     region-aware SplitPrefixIn, SplitFullNameIn), NameCase.
//   - ParseEmail (email.go), ParsePhone (phone.go), ParseCompany
//     (company.go), Country (country.go), PostalCode (postal.go),
//     ParseDate/ExcelSerial/DetectDateOrder (date.go), ParseMoney
//     (money.go), TaxID (taxid.go).
//
// # Errors
//
// Parsers return one of the sentinel errors below, possibly wrapped; test
// with errors.Is. Empty input (after Text) gives ErrEmpty.
package normalize

import "errors"

// Sentinel errors; wrap them, never put the input value into a message.
var (
	ErrEmpty          = errors.New("empty")
	ErrInvalidEmail   = errors.New("not a valid e-mail address")
	ErrInvalidPhone   = errors.New("not a valid phone number")
	ErrInvalidPostal  = errors.New("not a valid postal code for the country")
	ErrInvalidCountry = errors.New("unknown country")
	ErrInvalidDate    = errors.New("not a valid date")
	ErrInvalidMoney   = errors.New("not a valid amount")
	ErrInvalidTaxID   = errors.New("not a valid tax id")
	// ErrPhoneNoCountry is the ErrInvalidPhone (errors.Is holds) of a
	// national number such as "030 1234567" read without a region: it may
	// well be valid, but only a country says in which plan.
	ErrPhoneNoCountry error = phoneNoCountry{}
	// ErrPhoneExponent is the ErrInvalidPhone (errors.Is holds) of a
	// number a spreadsheet wrote in scientific notation with fewer digits
	// than the number has ("4.91712E+11"): the rest are lost.
	ErrPhoneExponent error = phoneExponent{}
)

type phoneExponent struct{}

func (phoneExponent) Error() string {
	return "written in scientific notation by a spreadsheet (E+), its last digits lost: format the column as text and export again"
}
func (phoneExponent) Is(target error) bool { return target == ErrInvalidPhone }

type phoneNoCountry struct{}

func (phoneNoCountry) Error() string {
	return "a national number and no country to read it in (a country column, or --region, gives one)"
}
func (phoneNoCountry) Is(target error) bool { return target == ErrInvalidPhone }
