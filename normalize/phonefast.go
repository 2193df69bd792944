package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"
)

// The fast path of ParsePhone. libphonenumber spends ~10 µs in Parse, most of
// it in generic regular expressions for free-form input, and ~6 µs in
// IsValidNumber, building pattern strings and looking them up in a locked
// cache for every check. Our input is already reduced to "+" and digits, so
// phoneFast repeats only the steps of Parse that matter for such input
// (country code, national prefix, length rules) and the checks of
// IsValidNumber, with the metadata's patterns compiled once per region. Every
// step mirrors phonenumbers v1.8.1 (parseHelper, maybeExtractCountryCode,
// maybeStripNationalPrefixAndCarrierCode, testNumberLength,
// getNumberTypeHelper); cases it does not cover (an international dialling
// prefix other than "00", national prefix transform rules, unknown country
// codes after "+") are handed to the library. TestPhoneFastMatchesLibrary
// compares both paths on random numbers for every region.

// phoneDesc is one number type (fixed line, mobile, ...) of a region.
type phoneDesc struct {
	lengths []int32
	re      *regexp.Regexp // nil: no numbers of this type
	dfa     *digitDFA      // the same pattern for digit strings; nil: use re
}

func newPhoneDesc(d *phonenumbers.PhoneNumberDesc) phoneDesc {
	if d == nil || d.GetNationalNumberPattern() == "" {
		return phoneDesc{}
	}
	return phoneDesc{
		lengths: d.PossibleLength,
		re:      regexp.MustCompile("^(?:" + d.GetNationalNumberPattern() + ")$"),
		dfa:     newDigitDFA(d.GetNationalNumberPattern()),
	}
}

// full reports whether s matches the whole pattern (re.MatchString).
func (d *phoneDesc) full(s string) bool {
	if d.dfa != nil {
		if m, ok := d.dfa.match(s); ok {
			return m
		}
	}
	return d.re.MatchString(s)
}

// matches is isNumberMatchingDesc.
func (d *phoneDesc) matches(nsn string) bool {
	if d.re == nil {
		return false
	}
	if len(d.lengths) > 0 && !containsLen(d.lengths, len(nsn)) {
		return false
	}
	return d.full(nsn)
}

func containsLen(lengths []int32, n int) bool {
	for _, l := range lengths {
		if int(l) == n {
			return true
		}
	}
	return false
}

// phoneMeta is the compiled metadata of one region (or non-geographic
// calling code).
type phoneMeta struct {
	cc              int
	ccString        string
	general         phoneDesc
	types           []phoneDesc // premium, toll free, ..., voicemail
	fixed, mobile   phoneDesc
	sameMobileFixed bool
	lengths, local  []int32 // general possible lengths, local-only lengths
	nationalPrefix  *regexp.Regexp
	trunk           string         // the national (trunk) prefix a caller dials, "0" in DE; "" in PL
	transform       bool           // a national prefix transform rule: not handled here
	idd             *regexp.Regexp // international prefix, anchored
	leadingDigits   *regexp.Regexp
}

func newPhoneMeta(m *phonenumbers.PhoneMetadata) *phoneMeta {
	p := &phoneMeta{
		cc:              int(m.GetCountryCode()),
		general:         newPhoneDesc(m.GetGeneralDesc()),
		fixed:           newPhoneDesc(m.GetFixedLine()),
		mobile:          newPhoneDesc(m.GetMobile()),
		sameMobileFixed: m.GetSameMobileAndFixedLinePattern(),
		lengths:         m.GetGeneralDesc().GetPossibleLength(),
		local:           m.GetGeneralDesc().GetPossibleLengthLocalOnly(),
		transform:       m.GetNationalPrefixTransformRule() != "",
		trunk:           m.GetNationalPrefix(),
	}
	p.ccString = strconv.Itoa(p.cc)
	for _, d := range []*phonenumbers.PhoneNumberDesc{m.GetPremiumRate(), m.GetTollFree(), m.GetSharedCost(),
		m.GetVoip(), m.GetPersonalNumber(), m.GetPager(), m.GetUan(), m.GetVoicemail()} {
		if pd := newPhoneDesc(d); pd.re != nil {
			p.types = append(p.types, pd)
		}
	}
	if np := m.GetNationalPrefixForParsing(); np != "" {
		p.nationalPrefix = regexp.MustCompile("^(?:" + np + ")")
	}
	if idd := m.GetInternationalPrefix(); idd != "" {
		p.idd = regexp.MustCompile("^(?:" + idd + ")")
	}
	if ld := m.GetLeadingDigits(); ld != "" {
		p.leadingDigits = regexp.MustCompile("^(?:" + ld + ")")
	}
	return p
}

// valid is getNumberTypeHelper(nsn) != UNKNOWN.
func (p *phoneMeta) valid(nsn string) bool {
	if !p.general.matches(nsn) {
		return false
	}
	return p.fixed.matches(nsn) || (!p.sameMobileFixed && p.mobile.matches(nsn)) || p.otherType(nsn)
}

// otherType reports whether nsn is of one of the region's types besides
// fixed line and mobile (premium, toll free, ..., voicemail).
func (p *phoneMeta) otherType(nsn string) bool {
	for i := range p.types {
		if p.types[i].matches(nsn) {
			return true
		}
	}
	return false
}

// Results of testNumberLength that matter here.
const (
	lengthPossible = iota
	lengthTooShort
	lengthTooLong
	lengthLocalOnly
	lengthInvalid
)

// testLength is testNumberLength(number, metadata, UNKNOWN).
func (p *phoneMeta) testLength(n int) int {
	if len(p.lengths) == 0 || p.lengths[0] == -1 {
		return lengthInvalid
	}
	if containsLen(p.local, n) {
		return lengthLocalOnly
	}
	switch first := int(p.lengths[0]); {
	case first == n:
		return lengthPossible
	case first > n:
		return lengthTooShort
	case int(p.lengths[len(p.lengths)-1]) < n:
		return lengthTooLong
	}
	if containsLen(p.lengths[1:], n) {
		return lengthPossible
	}
	return lengthInvalid
}

// stripNationalPrefix is maybeStripNationalPrefixAndCarrierCode without a
// transform rule: it returns the number without its national prefix, or
// the number itself.
func (p *phoneMeta) stripNationalPrefix(number string) string {
	if number == "" || p.nationalPrefix == nil {
		return number
	}
	loc := p.nationalPrefix.FindStringIndex(number)
	if loc == nil {
		return number
	}
	rest := number[loc[1]:]
	if p.general.re != nil && p.general.full(number) && !p.general.full(rest) {
		return number
	}
	return rest
}

// phoneMetas holds the compiled metadata, built on first use per region.
var phoneMetas struct {
	once    sync.Once
	raw     map[string]*phonenumbers.PhoneMetadata // by region
	nonGeo  map[int]*phonenumbers.PhoneMetadata    // by calling code, region "001"
	mu      sync.RWMutex
	region  map[string]*phoneMeta
	nonGeoC map[int]*phoneMeta
}

func loadPhoneMetas() {
	phoneMetas.raw = make(map[string]*phonenumbers.PhoneMetadata)
	phoneMetas.nonGeo = make(map[int]*phonenumbers.PhoneMetadata)
	phoneMetas.region = make(map[string]*phoneMeta)
	phoneMetas.nonGeoC = make(map[int]*phoneMeta)
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return // the fast path then hands every number to the library
	}
	for _, m := range coll.GetMetadata() {
		if m.GetId() == "001" {
			phoneMetas.nonGeo[int(m.GetCountryCode())] = m
		} else {
			phoneMetas.raw[m.GetId()] = m
		}
	}
}

// metaFor returns the compiled metadata of a region ("001" with cc for
// non-geographic codes), or nil.
func metaFor(region string, cc int) *phoneMeta {
	phoneMetas.once.Do(loadPhoneMetas)
	phoneMetas.mu.RLock()
	var p *phoneMeta
	if region == "001" {
		p = phoneMetas.nonGeoC[cc]
	} else {
		p = phoneMetas.region[region]
	}
	phoneMetas.mu.RUnlock()
	if p != nil {
		return p
	}
	var raw *phonenumbers.PhoneMetadata
	if region == "001" {
		raw = phoneMetas.nonGeo[cc]
	} else {
		raw = phoneMetas.raw[region]
	}
	if raw == nil {
		return nil
	}
	p = newPhoneMeta(raw)
	phoneMetas.mu.Lock()
	if region == "001" {
		phoneMetas.nonGeoC[cc] = p
	} else {
		phoneMetas.region[region] = p
	}
	phoneMetas.mu.Unlock()
	return p
}

// phoneFast parses "+" and digits (or national digits in region) and
// returns the E.164 form of a valid number, "" for an invalid one; handled
// is false when the library must decide.
func phoneFast(digits, region string) (e164 string, handled bool) {
	var cc int
	var nsn string
	var meta *phoneMeta // the metadata national prefixes are read from
	if strings.HasPrefix(digits, "+") {
		full := digits[1:]
		if len(full) <= 2 {
			return "", true
		}
		if full[0] == '0' {
			return "", false
		}
		for i := 1; i <= 3 && i <= len(full); i++ {
			c := atoi(full[:i])
			if len(phonenumbers.GetRegionCodesForCountryCode(c)) > 0 {
				cc, nsn = c, full[i:]
				break
			}
		}
		if cc == 0 {
			return "", false
		}
		meta = metaFor(phonenumbers.GetRegionCodeForCountryCode(cc), cc)
		if meta == nil {
			return "", false
		}
	} else {
		meta = metaFor(region, 0)
		if meta == nil {
			return "", true // no region to read a national number in
		}
		if meta.transform || (meta.idd != nil && meta.idd.MatchString(digits)) {
			return "", false
		}
		cc, nsn = meta.cc, digits
		if strings.HasPrefix(digits, meta.ccString) {
			// a national number that starts with the region's calling code
			potential := meta.stripNationalPrefix(digits[len(meta.ccString):])
			gen := &meta.general
			fullValid := gen.re != nil && gen.full(digits)
			nationalValid := gen.re != nil && gen.full(potential)
			if (!fullValid && nationalValid) || meta.testLength(len(digits)) == lengthTooLong {
				nsn = potential
				if main := phonenumbers.GetRegionCodeForCountryCode(cc); main != region {
					meta = metaFor(main, cc)
					if meta == nil {
						return "", false
					}
				}
			}
		}
	}
	if meta.transform {
		return "", false
	}
	if len(nsn) < 2 {
		return "", true
	}
	if potential := meta.stripNationalPrefix(nsn); potential != nsn {
		switch meta.testLength(len(potential)) {
		case lengthTooShort, lengthLocalOnly, lengthInvalid:
		default:
			nsn = potential
		}
	}
	if len(nsn) < 2 || len(nsn) > 17 {
		return "", true
	}
	if !phoneValid(cc, nsn) {
		return "", true
	}
	return "+" + strconv.Itoa(cc) + nsn, true
}

// phoneValid is IsValidNumber for a country code and national significant
// number.
func phoneValid(cc int, nsn string) bool {
	m := numberMeta(cc, nsn)
	return m != nil && m.valid(nsn)
}

// numberMeta returns the metadata of the region a number belongs to
// (getRegionCodeForNumberFromRegionList), or nil.
func numberMeta(cc int, nsn string) *phoneMeta {
	regions := phonenumbers.GetRegionCodesForCountryCode(cc)
	region := ""
	switch len(regions) {
	case 0:
		return nil
	case 1:
		region = regions[0]
	default:
		for _, r := range regions {
			m := metaFor(r, cc)
			if m == nil {
				continue
			}
			if m.leadingDigits != nil {
				if m.leadingDigits.MatchString(nsn) {
					region = r
					break
				}
			} else if m.valid(nsn) {
				region = r
				break
			}
		}
	}
	if region == "" {
		return nil
	}
	m := metaFor(region, cc)
	if m == nil || (region != "001" && m.cc != cc) {
		return nil
	}
	return m
}

// mobileOnly is getNumberTypeHelper(nsn) == MOBILE: a number of the mobile
// type and of no other, which a region whose mobile and fixed-line
// numbers look alike (the US) never has.
func (p *phoneMeta) mobileOnly(nsn string) bool {
	return p.general.matches(nsn) && !p.sameMobileFixed && !p.fixed.matches(nsn) && !p.otherType(nsn) && p.mobile.matches(nsn)
}

// fixedOnly is getNumberTypeHelper(nsn) == FIXED_LINE: a landline that
// cannot be a mobile by the number plan.
func (p *phoneMeta) fixedOnly(nsn string) bool {
	return p.general.matches(nsn) && !p.sameMobileFixed && p.fixed.matches(nsn) && !p.mobile.matches(nsn) && !p.otherType(nsn)
}

// IsLandline reports whether an E.164 number is a fixed line by its
// country's number plan (libphonenumber's GetNumberType is FIXED_LINE):
// Berlin's 030, Warsaw's 22. A number that may be either, as every US
// number, is not one, nor is anything that is not E.164.
func IsLandline(e164 string) bool {
	m, nsn := e164Meta(e164)
	return m != nil && m.fixedOnly(nsn)
}

// e164Meta returns the metadata of the region of an E.164 number and its
// national significant number; nil if it is not one.
func e164Meta(e164 string) (*phoneMeta, string) {
	if len(e164) < 4 || e164[0] != '+' || e164[1] == '0' || !IsDigits(e164[1:]) {
		return nil, ""
	}
	full := e164[1:]
	for i := 1; i <= 3 && i < len(full); i++ {
		cc := atoi(full[:i])
		if len(phonenumbers.GetRegionCodesForCountryCode(cc)) == 0 {
			continue
		}
		return numberMeta(cc, full[i:]), full[i:]
	}
	return nil, ""
}

// IsMobile reports whether an E.164 number ("+491711234567") is a mobile
// number by its country's number plan (libphonenumber's GetNumberType is
// MOBILE), in a fraction of the library's time: 0171 in Germany, 601 in
// Poland, 07 in Britain. A number that may be either, as every US number,
// is not one, nor is anything that is not E.164.
func IsMobile(e164 string) bool {
	m, nsn := e164Meta(e164)
	return m != nil && m.mobileOnly(nsn)
}
