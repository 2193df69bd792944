package importer

import (
	"strconv"
	"strings"

	"github.com/leadpipe/leadpipe/normalize"
)

// sigVersion changes whenever Build would turn the same row into a
// different lead, so that rows absorbed by an older leadpipe are normalized
// again. v2 (ninth session): postal codes with a country prefix, job
// titles in "Titel", phone extension and currency columns, and the other
// fixes of that session change leads built from the same rows.
const sigVersion = "leadpipe row signature v2"

// FNV-1a, 64 bit, written out: the signature is stored and compared across
// runs and machines, so it must not depend on a per-process seed (as
// hash/maphash does), and hashing a string must not allocate.
const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime64
	}
	return h
}

func fnvByte(h uint64, b byte) uint64 {
	h ^= uint64(b)
	return h * fnvPrime64
}

// fnvLen hashes a length as a uvarint, so that fields are delimited
// unambiguously whatever bytes they hold.
func fnvLen(h uint64, n int) uint64 {
	u := uint64(n)
	for u >= 0x80 {
		h = fnvByte(h, byte(u)|0x80)
		u >>= 7
	}
	return fnvByte(h, byte(u))
}

func fnvField(h uint64, s string) uint64 { return fnvString(fnvLen(h, len(s)), s) }

// fingerprint hashes everything besides the cells that shapes what Build
// makes of a row: the version, region, default source, the date order of
// every column, and each column's header, target, group and priority.
// Ignored columns (a rejects file's annotations) are left out, so a
// corrected rejects file fingerprints like the file it came from.
func (b *Builder) fingerprint() uint64 {
	h := fnvField(fnvOffset64, sigVersion)
	h = fnvField(h, b.region)
	h = fnvField(h, b.opts.Source)
	for i, c := range b.m.Columns {
		if b.targets[i] == tIgnore {
			continue
		}
		h = fnvField(h, c.Header)
		h = fnvField(h, b.targets[i].String())
		h = fnvField(h, c.Group)
		h = fnvField(h, strconv.Itoa(c.Priority))
		if b.targets[i] == tCreatedAt {
			o := byte('d')
			if b.orders[i] == normalize.MDY {
				o = 'm'
			}
			h = fnvByte(h, o)
		}
	}
	return h
}

// Signature returns a stable 64-bit hash of a row as Build sees it: the
// builder's fingerprint (options and mapping) plus, column by column, the
// target and the trimmed raw value. Two rows with the same signature make
// the same lead, so the pipeline can skip rows a lead has already absorbed
// without normalizing them. It does no normalization and does not
// allocate. Safe for concurrent use; call Prime first.
func (b *Builder) Signature(rec Record) uint64 {
	h := b.sigPrefix
	n := 0
	for c, v := range rec.Fields {
		t := byte(0xff)
		if c < len(b.targets) {
			if b.targets[c] == tIgnore {
				continue
			}
			t = byte(b.targets[c])
		}
		h = fnvByte(h, t)
		h = fnvField(h, strings.TrimSpace(v))
		n++
	}
	return fnvLen(h, n)
}
