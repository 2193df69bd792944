package importer

import (
	"strconv"
	"strings"

	"github.com/leadpipe/leadpipe/normalize"
)

// sigVersion changes when rows an older leadpipe absorbed must be read
// again. It does not change for every improvement of Build: a row that
// matches its lead and brings nothing new is not stored (a run that
// changes nothing leaves the store file as it was), so after a change of
// the version every later run would match such rows once more. Measured
// (ninth session, 1M generated rows): a store made by the previous
// binary, imported again with the version changed, merged 192,640 rows
// in 38 s at 1.28 GB, and every run after that still took 26-31 s and
// 1.2 GB instead of 1.4 s and 364 MB. Leads keep the normalization of
// the leadpipe that imported them until a row changes them.
const sigVersion = "leadpipe row signature v1"

// sigTarget is the byte a column's target adds to a row's signature:
// fixed per target, so that new targets (phone_ext, currency) leave the
// signatures of the others as they were.
var sigTarget = func() (t [numTargets]byte) {
	for i := range t {
		t[i] = byte(i)
	}
	t[tPhoneExt], t[tCurrency] = 23, 24
	t[tCustom], t[tIgnore] = 21, 22
	return t
}()

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
			t = sigTarget[b.targets[c]]
		}
		h = fnvByte(h, t)
		h = fnvField(h, strings.TrimSpace(v))
		n++
	}
	return fnvLen(h, n)
}
