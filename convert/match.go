package convert

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leadpipe/leadpipe/crm"
	"github.com/leadpipe/leadpipe/normalize"
)

// index finds existing accounts and contacts. It is built from the store
// at every run: a hundred thousand accounts take a fraction of a second,
// and an index kept in the store could go stale.
type index struct {
	accounts  map[crm.AccountID]*crm.Account
	byTax     map[string][]crm.AccountID
	byPostal  map[string][]crm.AccountID // name key + country + postal code
	byCity    map[string][]crm.AccountID // name key + country + folded city
	byName    map[string][]crm.AccountID // name key alone, for a side without a place
	byDomain  map[string][]crm.AccountID
	won       map[crm.AccountID]bool
	byEmail   map[string][]*crm.Contact
	byNamePho map[string][]*crm.Contact
}

func loadIndex(st crm.ObjectReader) (*index, error) {
	x := &index{
		accounts: map[crm.AccountID]*crm.Account{}, byTax: map[string][]crm.AccountID{},
		byPostal: map[string][]crm.AccountID{}, byCity: map[string][]crm.AccountID{}, byName: map[string][]crm.AccountID{},
		byDomain: map[string][]crm.AccountID{}, won: map[crm.AccountID]bool{},
		byEmail: map[string][]*crm.Contact{}, byNamePho: map[string][]*crm.Contact{},
	}
	if err := st.ForEachAccount(func(a *crm.Account) error { x.addAccount(a); return nil }); err != nil {
		return nil, fmt.Errorf("read accounts: %w", err)
	}
	if err := st.ForEachContact(func(c *crm.Contact) error { x.addContact(c); return nil }); err != nil {
		return nil, fmt.Errorf("read contacts: %w", err)
	}
	err := st.ForEachOpportunity(func(o *crm.Opportunity) error {
		if o.Won {
			x.won[o.AccountID] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read opportunities: %w", err)
	}
	return x, nil
}

// addAccount indexes an account under its keys. Called again for an
// account whose empty fields a conversion filled, it adds the new keys;
// the keys it has are never listed twice.
func (x *index) addAccount(a *crm.Account) {
	x.accounts[a.ID] = a
	if a.TaxID != "" {
		addKey(x.byTax, a.TaxID, a.ID)
	}
	if a.NameKey != "" {
		addKey(x.byName, spelling(a.NameKey), a.ID)
		// Under its country and under none: a lead that names no
		// country finds it too (nameCandidates checks the countries).
		countries := []string{""}
		if a.Country != "" {
			countries = []string{a.Country, ""}
		}
		for _, country := range countries {
			if a.PostalCode != "" {
				addKey(x.byPostal, postalKey(a.NameKey, country, a.PostalCode), a.ID)
			}
			if a.City != "" {
				addKey(x.byCity, cityKey(a.NameKey, country, a.City), a.ID)
			}
		}
	}
	if a.Domain != "" && !normalize.IsFreemail(a.Domain) {
		addKey(x.byDomain, a.Domain, a.ID)
	}
}

// addKey lists id under k once. The lists are short (one account, unless
// the store holds duplicates), so the look-up costs nothing.
func addKey(m map[string][]crm.AccountID, k string, id crm.AccountID) {
	if !slices.Contains(m[k], id) {
		m[k] = append(m[k], id)
	}
}

func (x *index) addContact(c *crm.Contact) {
	if c.Email != "" {
		x.byEmail[c.Email] = append(x.byEmail[c.Email], c)
	}
	if k := namePhoneKey(c.FirstName, c.LastName, c.Phone, c.Mobile); k != "" {
		x.byNamePho[k] = append(x.byNamePho[k], c)
	}
}

func postalKey(name, country, postal string) string {
	return spelling(name) + "\x00" + country + "\x00" + strings.ToUpper(postal)
}

func cityKey(name, country, city string) string {
	return spelling(name) + "\x00" + country + "\x00" + spelling(normalize.Fold(city))
}

// spelling writes the German transliterations of umlauts back as the
// plain vowel on folded text, so that "Müller GmbH" (key "muller") and
// "Mueller GmbH" ("mueller") are one company.
var spelling = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u").Replace

func namePhoneKey(first, last, phone, mobile string) string {
	p := phone
	if p == "" {
		p = mobile
	}
	if last == "" || p == "" {
		return ""
	}
	return normalize.FoldUmlaut(first) + "\x00" + normalize.FoldUmlaut(last) + "\x00" + p
}

// nameCandidates returns the accounts with the lead's company name in the
// lead's place: the same postal code, or the same city where one of the
// two has no postal code (two postal codes that differ are two places).
//
// A country that one side leaves empty is no difference: the lead is
// looked up under its country and under none (where every account is
// listed too), and an account of another country is passed over.
func (x *index) nameCandidates(l *crm.Lead, key string) []crm.AccountID {
	var out []crm.AccountID
	if key == "" {
		return nil
	}
	countries := []string{""}
	if l.Country != "" {
		countries = []string{l.Country, ""}
	}
	for _, country := range countries {
		if l.PostalCode != "" {
			for _, id := range x.byPostal[postalKey(key, country, l.PostalCode)] {
				if sameCountry(x.accounts[id], l) && !slices.Contains(out, id) {
					out = append(out, id)
				}
			}
		}
		if l.City != "" {
			for _, id := range x.byCity[cityKey(key, country, l.City)] {
				a := x.accounts[id]
				if (a.PostalCode == "" || l.PostalCode == "") && sameCountry(a, l) && !slices.Contains(out, id) {
					out = append(out, id)
				}
			}
		}
	}
	return out
}

// placelessCandidates returns the accounts of the lead's company name that
// a place does not tell apart, for a lead that nameCandidates found none
// for: a lead without a place (no postal code, no city: a badge scan with
// the firm alone) finds the accounts of its name anywhere, and a lead with
// a place those of its name without one. Otherwise two leads of one firm
// without a place, in one run or in two, made two accounts. An account of
// another country is passed over, as in nameCandidates.
func (x *index) placelessCandidates(l *crm.Lead, key string) []crm.AccountID {
	if key == "" {
		return nil
	}
	var out []crm.AccountID
	for _, id := range x.byName[spelling(key)] {
		a := x.accounts[id]
		if !sameCountry(a, l) {
			continue
		}
		if hasPlace(l.PostalCode, l.City) && hasPlace(a.PostalCode, a.City) {
			continue
		}
		out = append(out, id)
	}
	return out
}

// sameCountry reports whether an account and a lead may be of one
// country: a country one of them leaves empty is no difference.
func sameCountry(a *crm.Account, l *crm.Lead) bool {
	return a.Country == "" || l.Country == "" || a.Country == l.Country
}

// hasPlace reports whether a record names a place: a postal code or a city.
func hasPlace(postal, city string) bool { return postal != "" || city != "" }

// matchAccount finds the account of a lead's company: by tax id, else by
// name and place, else by company e-mail domain. It returns nil when the
// company is new, and a reason when the evidence disagrees and a person
// must decide.
func (x *index) matchAccount(l *crm.Lead, fresh map[crm.AccountID]*crm.Account) (AccountPlan, *crm.Account, string) {
	key := l.CompanyKey
	if key == "" {
		key = normalize.ParseCompany(l.Company).Key
	}
	byName, how := x.nameCandidates(l, key), "name_place"
	if len(byName) == 0 {
		byName, how = x.placelessCandidates(l, key), "name"
	}
	var byDomain []crm.AccountID
	if d := companyDomain(l); d != "" {
		byDomain = x.byDomain[d]
	}
	matched := func(id crm.AccountID, how string) (AccountPlan, *crm.Account, string) {
		a := x.accounts[id]
		return AccountPlan{Action: "matched", ID: id, Name: a.Name, Key: how}, a, ""
	}
	if l.TaxID != "" {
		byTax := x.byTax[l.TaxID]
		switch {
		case len(byTax) > 1:
			return AccountPlan{}, nil, fmt.Sprintf("ambiguous: %d accounts have the lead's tax id (%s)", len(byTax), ids(byTax))
		case len(byTax) == 1 && how == "name":
			// The name without a place is weaker evidence than
			// the tax id: no conflict.
			for _, id := range byDomain {
				if id != byTax[0] {
					return AccountPlan{}, nil, fmt.Sprintf("ambiguous: the tax id matches %s, the e-mail domain matches %s", byTax[0], id)
				}
			}
			return matched(byTax[0], "tax_id")
		case len(byTax) == 1:
			for _, id := range byName {
				if id != byTax[0] {
					return AccountPlan{}, nil, fmt.Sprintf("ambiguous: the tax id matches %s, the name and place match %s", byTax[0], id)
				}
			}
			for _, id := range byDomain {
				if id != byTax[0] {
					return AccountPlan{}, nil, fmt.Sprintf("ambiguous: the tax id matches %s, the e-mail domain matches %s", byTax[0], id)
				}
			}
			return matched(byTax[0], "tax_id")
		}
		// No account has this tax id: one that matches otherwise but has
		// another tax id is another company, or a data error.
		for _, id := range slices.Concat(byName, byDomain) {
			if t := x.accounts[id].TaxID; t != "" && t != l.TaxID {
				return AccountPlan{}, nil, fmt.Sprintf("ambiguous: %s matches by name or domain but has another tax id", id)
			}
		}
	}
	switch {
	case len(byName) > 1 && !hasPlace(l.PostalCode, l.City):
		return AccountPlan{}, nil, fmt.Sprintf("ambiguous: %d accounts with this name (%s), and the lead names no postal code or city", len(byName), ids(byName))
	case len(byName) > 1 && how == "name":
		return AccountPlan{}, nil, fmt.Sprintf("ambiguous: %d accounts with this name and no place (%s)", len(byName), ids(byName))
	case len(byName) > 1:
		return AccountPlan{}, nil, fmt.Sprintf("ambiguous: %d accounts with this name in this place (%s)", len(byName), ids(byName))
	case len(byName) == 1:
		for _, id := range byDomain {
			if id != byName[0] {
				byWhat := fmt.Sprintf("the name and place match %s", byName[0])
				if how == "name" {
					byWhat = fmt.Sprintf("the name matches %s (a place on one side only)", byName[0])
				}
				return AccountPlan{}, nil, fmt.Sprintf("ambiguous: %s, the e-mail domain matches %s", byWhat, id)
			}
		}
		return matched(byName[0], how)
	case len(byDomain) > 1:
		return AccountPlan{}, nil, fmt.Sprintf("ambiguous: %d accounts have the lead's e-mail domain (%s)", len(byDomain), ids(byDomain))
	case len(byDomain) == 1:
		return matched(byDomain[0], "domain")
	}
	return AccountPlan{}, nil, ""
}

func ids(v []crm.AccountID) string {
	s := make([]string, len(v))
	for i, id := range v {
		s[i] = id.String()
	}
	return strings.Join(s, ", ")
}

// matchContact finds the person among the account's contacts: the same
// e-mail, else the same name and phone.
func (x *index) matchContact(l *crm.Lead, account crm.AccountID) (*crm.Contact, string) {
	if l.Email != "" {
		for _, c := range x.byEmail[l.Email] {
			if c.AccountID == account {
				return c, "email"
			}
		}
	}
	if k := namePhoneKey(l.FirstName, l.LastName, l.Phone, l.Mobile); k != "" {
		for _, c := range x.byNamePho[k] {
			if c.AccountID == account {
				return c, "name_phone"
			}
		}
	}
	return nil, ""
}
