package dedupe

import "sync"

// phoneticCodes are the phonetic codes of one name.
type phoneticCodes struct {
	cologne string
	dm      []string // shared: read only
}

// phoneticMemo keeps the codes of the names compared last. A row is
// compared with every lead of its blocks, and the same names come back
// for every pair: in a block of one switchboard number (50,000 people at
// one firm) coding them again for each pair took 43% of the import's CPU.
// The codes are pure functions of the name, so the memo changes no
// result. It is sharded so that a store-wide dedupe's workers seldom
// wait for each other, and a shard that fills up starts afresh.
type phoneticMemo struct {
	shards [16]memoShard
}

type memoShard struct {
	mu sync.Mutex
	m  map[string]phoneticCodes
}

// memoShardSize bounds the names kept per shard (about 1 MB in all).
const memoShardSize = 2048

var phonetics phoneticMemo

func (p *phoneticMemo) codes(s string) phoneticCodes {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	sh := &p.shards[h%uint32(len(p.shards))]
	sh.mu.Lock()
	c, ok := sh.m[s]
	sh.mu.Unlock()
	if ok {
		return c
	}
	c = phoneticCodes{cologne: Cologne(s), dm: DaitchMokotoff(s)}
	sh.mu.Lock()
	if sh.m == nil || len(sh.m) >= memoShardSize {
		sh.m = make(map[string]phoneticCodes, memoShardSize)
	}
	sh.m[s] = c
	sh.mu.Unlock()
	return c
}

// cologneOf is Cologne(s), remembered.
func cologneOf(s string) string { return phonetics.codes(s).cologne }

// dmOf is DaitchMokotoff(s), remembered; the slice must not be changed.
func dmOf(s string) []string { return phonetics.codes(s).dm }
