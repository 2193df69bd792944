package dedupe

import (
	"strings"

	"github.com/leadpipe/leadpipe/crm"
)

// packed is a Record as the Index keeps it: all values in one string, so
// that a million records cost one allocation and one pointer each (the
// garbage collector scans pointers, not bytes), about half the memory of
// the unpacked form.
type packed struct {
	s     string
	end   [nPacked]uint16 // end offsets of the fixed fields in s
	id    uint32
	flags uint16
}

// The fixed fields, in packing order; configured extra values follow in
// s, each preceded by a 0 byte.
const nPacked = 11

const (
	pkFreemail = 1 << iota
	pkRole
	pkPresent
	pkSwitchboard
	pkMale
	pkFemale
	pkGeneration // 3 bits from here: Record.Generation
)

const pkGenerationMask = 7

func pack(r *Record) packed {
	fields := [nPacked]string{r.First, r.Last, r.Company, r.Email, r.Phone, r.Mobile, r.Postal, r.City, r.Street, r.TaxID, r.Other}
	n := 0
	for _, f := range fields {
		n += len(f)
	}
	for _, e := range r.Extra {
		n += 1 + len(e)
	}
	var b strings.Builder
	b.Grow(n)
	p := packed{id: uint32(r.ID), flags: pkPresent}
	for i, f := range fields {
		// Values longer than a packed record can address are cut: they
		// are compared by their first 64 KiB.
		if b.Len()+len(f) > 0xffff {
			f = f[:max(0, 0xffff-b.Len())]
		}
		b.WriteString(f)
		p.end[i] = uint16(b.Len())
	}
	for _, e := range r.Extra {
		b.WriteByte(0)
		b.WriteString(e)
	}
	p.s = b.String()
	if r.Freemail {
		p.flags |= pkFreemail
	}
	if r.Role {
		p.flags |= pkRole
	}
	if r.Switchboard {
		p.flags |= pkSwitchboard
	}
	p.flags |= uint16(r.Generation&pkGenerationMask) * pkGeneration
	switch r.Gender {
	case genderMale:
		p.flags |= pkMale
	case genderFemale:
		p.flags |= pkFemale
	}
	return p
}

// unpack returns the Record; its strings share p's memory. extra is the
// number of configured values.
func (p *packed) unpack(extra int) Record {
	var f [nPacked]string
	start := uint16(0)
	for i, e := range p.end {
		f[i] = p.s[start:e]
		start = e
	}
	r := Record{
		ID: crm.ID(p.id), First: f[0], Last: f[1], Company: f[2], Email: f[3], Phone: f[4], Mobile: f[5],
		Postal: f[6], City: f[7], Street: f[8], TaxID: f[9], Other: f[10],
		Freemail: p.flags&pkFreemail != 0, Role: p.flags&pkRole != 0, Switchboard: p.flags&pkSwitchboard != 0,
	}
	r.Generation = byte(p.flags / pkGeneration & pkGenerationMask)
	switch {
	case p.flags&pkMale != 0:
		r.Gender = genderMale
	case p.flags&pkFemale != 0:
		r.Gender = genderFemale
	}
	if extra > 0 && len(p.s) > int(start) {
		// Folded values hold no 0 byte, so it separates them.
		r.Extra = strings.Split(p.s[start+1:], "\x00")
	}
	return r
}
