package normalize

import (
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
)

// digitDFA is a deterministic automaton over the digits 0-9 that tells
// whether a whole string matches one of libphonenumber's national number
// patterns. Go's regexp matched those patterns in about 1.5 µs per phone
// number (1.8 s of a 1M-row import); the automaton takes a table look-up
// per digit. It is built once per pattern from regexp/syntax's compiled
// program by the subset construction; patterns it cannot take (anchors or
// other zero-width assertions, more than maxDFAStates states) keep the
// regexp. TestDigitDFAMatchesRegexp compares both on every pattern of the
// metadata.
type digitDFA struct {
	next   [][10]int32 // next[state][digit]; -1: no match possible
	accept []bool
}

const maxDFAStates = 4096

// newDigitDFA builds the automaton of pattern, matched as a whole string;
// nil when the pattern has forms it does not take.
func newDigitDFA(pattern string) *digitDFA {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil
	}
	d := &digitDFA{}
	index := map[string]int32{}
	var sets [][]uint32 // the consuming instructions of each state
	// add returns the state of the instructions reachable from pcs
	// without consuming input, creating it when new; ok is false for an
	// instruction the automaton does not take.
	add := func(pcs []uint32) (int32, bool) {
		var set []uint32
		accept := false
		seen := map[uint32]bool{}
		stack := slices.Clone(pcs)
		for len(stack) > 0 {
			pc := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[pc] {
				continue
			}
			seen[pc] = true
			in := &prog.Inst[pc]
			switch in.Op {
			case syntax.InstAlt, syntax.InstAltMatch:
				stack = append(stack, in.Out, in.Arg)
			case syntax.InstCapture, syntax.InstNop:
				stack = append(stack, in.Out)
			case syntax.InstMatch:
				accept = true
			case syntax.InstFail:
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				set = append(set, pc)
			default: // zero-width assertions
				return 0, false
			}
		}
		slices.Sort(set)
		var key strings.Builder
		if accept {
			key.WriteByte('!')
		}
		for _, pc := range set {
			key.WriteString(strconv.FormatUint(uint64(pc), 36))
			key.WriteByte(',')
		}
		if s, ok := index[key.String()]; ok {
			return s, true
		}
		if len(sets) == maxDFAStates {
			return 0, false
		}
		s := int32(len(sets))
		index[key.String()] = s
		sets = append(sets, set)
		d.accept = append(d.accept, accept)
		d.next = append(d.next, [10]int32{})
		return s, true
	}
	if _, ok := add([]uint32{uint32(prog.Start)}); !ok {
		return nil
	}
	for s := 0; s < len(sets); s++ {
		for c := range 10 {
			var to []uint32
			for _, pc := range sets[s] {
				if in := &prog.Inst[pc]; in.MatchRune(rune('0' + c)) {
					to = append(to, in.Out)
				}
			}
			if len(to) == 0 {
				d.next[s][c] = -1
				continue
			}
			t, ok := add(to)
			if !ok {
				return nil
			}
			d.next[s][c] = t
		}
	}
	return d
}

// match reports whether s, all digits, matches the whole pattern; ok is
// false when s has another character (the regexp must decide).
func (d *digitDFA) match(s string) (matched, ok bool) {
	st := int32(0)
	for i := 0; i < len(s); i++ {
		c := s[i] - '0'
		if c > 9 {
			return false, false
		}
		if st >= 0 {
			st = d.next[st][c]
		}
	}
	return st >= 0 && d.accept[st], true
}
