package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/leadpipe/leadpipe/crm"
)

// Accounts, contacts and opportunities are stored in a binary codec of
// their own, in the style of the lead codec: version byte, then the
// fields in a fixed order, strings and lists as uvarint length plus
// bytes, times as in appendTime. Stores written before it hold JSON,
// which starts with '{' and is still read. JSON was a third of a
// conversion's write and most of loading 100,000 accounts for matching
// (BENCHMARKS.md, "Conversion").
const objCodecV1 = 0x01

// objCodecV2 is a contact with a phone extension: v1 followed by the
// extension. A contact without one is still written in v1, and writing
// the first v2 contact raises the store to schemaContactExt, so that an
// older leadpipe refuses the store instead of calling it damaged.
const objCodecV2 = 0x02

// appendAccount, appendContact and appendOpportunity encode an object.
func appendAccount(dst []byte, a *crm.Account) []byte {
	dst = append(dst, objCodecV1)
	dst = binary.AppendUvarint(dst, uint64(a.ID))
	for _, s := range [...]string{a.Name, a.NameKey, a.LegalForm, a.TaxID, a.Domain, a.Street, a.PostalCode, a.City, a.Country, a.Phone} {
		dst = appendString(dst, s)
	}
	dst = append(dst, flags(a.Verified, a.Customer))
	dst = appendTime(dst, a.CreatedAt)
	dst = appendTime(dst, a.UpdatedAt)
	dst = appendIDs(dst, a.Leads)
	dst = binary.AppendUvarint(dst, uint64(len(a.History)))
	for _, c := range a.History {
		dst = appendTime(dst, c.At)
		for _, s := range [...]string{c.ImportID, c.By, c.Field, c.Old, c.New, c.Reason} {
			dst = appendString(dst, s)
		}
	}
	return dst
}

func appendContact(dst []byte, c *crm.Contact) []byte {
	v := byte(objCodecV1)
	if c.PhoneExt != "" {
		v = objCodecV2
	}
	dst = append(dst, v)
	dst = binary.AppendUvarint(dst, uint64(c.ID))
	dst = binary.AppendUvarint(dst, uint64(c.AccountID))
	for _, s := range [...]string{c.Salutation, c.AcademicTitle, c.FirstName, c.LastName, c.Title, c.Email, c.Phone, c.Mobile, c.Street, c.PostalCode, c.City, c.Country, c.Source} {
		dst = appendString(dst, s)
	}
	dst = appendTime(dst, c.CreatedAt)
	dst = appendIDs(dst, c.Leads)
	if v == objCodecV2 {
		dst = appendString(dst, c.PhoneExt)
	}
	return dst
}

func appendOpportunity(dst []byte, o *crm.Opportunity) []byte {
	dst = append(dst, objCodecV1)
	for _, id := range [...]uint64{uint64(o.ID), uint64(o.AccountID), uint64(o.ContactID), uint64(o.LeadID)} {
		dst = binary.AppendUvarint(dst, id)
	}
	for _, s := range [...]string{o.Name, o.Amount, o.Currency, o.Stage, o.CloseDate, o.Source} {
		dst = appendString(dst, s)
	}
	dst = append(dst, flags(o.Won, o.PendingVerification))
	return appendTime(dst, o.CreatedAt)
}

func flags(a, b bool) byte {
	var f byte
	if a {
		f |= 1
	}
	if b {
		f |= 2
	}
	return f
}

func appendIDs(dst []byte, ids []crm.ID) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(ids)))
	for _, id := range ids {
		dst = binary.AppendUvarint(dst, uint64(id))
	}
	return dst
}

// decodeObject decodes a stored account, contact or opportunity (v points
// to one of the three), in the binary codec or, written before it, JSON.
// The result holds no reference to data.
func decodeObject(data []byte, v any) error {
	if len(data) == 0 {
		return fmt.Errorf("%w: empty", errDamaged)
	}
	if data[0] == '{' {
		return json.Unmarshal(data, v)
	}
	_, contact := v.(*crm.Contact)
	if data[0] != objCodecV1 && !(data[0] == objCodecV2 && contact) {
		return fmt.Errorf("%w: unknown codec version %d", errDamaged, data[0])
	}
	d := decoder{b: data, s: string(data), off: 1}
	switch o := v.(type) {
	case *crm.Account:
		o.ID = crm.AccountID(d.uvarint())
		for _, p := range [...]*string{&o.Name, &o.NameKey, &o.LegalForm, &o.TaxID, &o.Domain, &o.Street, &o.PostalCode, &o.City, &o.Country, &o.Phone} {
			*p = d.str()
		}
		o.Verified, o.Customer = d.flags()
		o.CreatedAt = d.time()
		o.UpdatedAt = d.time()
		o.Leads = d.ids()
		if n := d.count(7); n > 0 { // a change is at least 7 bytes
			o.History = make([]crm.Change, n)
			for i := range o.History {
				c := &o.History[i]
				c.At = d.time()
				for _, p := range [...]*string{&c.ImportID, &c.By, &c.Field, &c.Old, &c.New, &c.Reason} {
					*p = d.str()
				}
			}
		}
	case *crm.Contact:
		o.ID = crm.ContactID(d.uvarint())
		o.AccountID = crm.AccountID(d.uvarint())
		for _, p := range [...]*string{&o.Salutation, &o.AcademicTitle, &o.FirstName, &o.LastName, &o.Title, &o.Email, &o.Phone, &o.Mobile, &o.Street, &o.PostalCode, &o.City, &o.Country, &o.Source} {
			*p = d.str()
		}
		o.CreatedAt = d.time()
		o.Leads = d.ids()
		if data[0] == objCodecV2 {
			o.PhoneExt = d.str()
		}
	case *crm.Opportunity:
		o.ID = crm.OpportunityID(d.uvarint())
		o.AccountID = crm.AccountID(d.uvarint())
		o.ContactID = crm.ContactID(d.uvarint())
		o.LeadID = crm.ID(d.uvarint())
		for _, p := range [...]*string{&o.Name, &o.Amount, &o.Currency, &o.Stage, &o.CloseDate, &o.Source} {
			*p = d.str()
		}
		o.Won, o.PendingVerification = d.flags()
		o.CreatedAt = d.time()
	default:
		return fmt.Errorf("decode object: unknown type %T", v)
	}
	if d.err == nil && d.off != len(data) {
		d.fail("%d trailing bytes", len(data)-d.off)
	}
	return d.err
}

func (d *decoder) flags() (bool, bool) {
	f := d.u8()
	if f > 3 {
		d.fail("unknown flags %#x", f)
	}
	return f&1 != 0, f&2 != 0
}

func (d *decoder) ids() []crm.ID {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	ids := make([]crm.ID, n)
	for i := range ids {
		ids[i] = crm.ID(d.uvarint())
	}
	return ids
}
