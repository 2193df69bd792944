package dedupe

// osaWithin is the optimal string alignment distance of a and b (edits of
// one rune: insertion, deletion, substitution, or transposition of two
// adjacent runes; edlib.OSADamerauLevenshteinDistance) where it is at most
// k, and k+1 where it is more. Matching only asks whether two values are
// one, two or a few edits apart: the cells more than k from the diagonal
// can only hold more, so only the band of 2k+1 cells per row is computed,
// without allocating for values of up to 64 runes. The full distance cost
// a matrix of both lengths for every pair of e-mail addresses, streets and
// names a lookup scored (44% of an import's time where one name filled
// its blocks).
func osaWithin(a, b string, k int) int {
	if a == b {
		return 0
	}
	var ba, bb [64]rune
	ra, rb := runesOf(a, ba[:0]), runesOf(b, bb[:0])
	n, m := len(ra), len(rb)
	inf := k + 1
	if n-m > k || m-n > k {
		return inf
	}
	if n == 0 || m == 0 {
		return min(max(n, m), inf)
	}
	// Three rows, as the transposition reads two rows back; a cell
	// outside the band reads as inf.
	var buf [3 * 65]int
	var rows [3][]int
	if 3*(m+1) <= len(buf) {
		rows = [3][]int{buf[:m+1], buf[m+1 : 2*(m+1)], buf[2*(m+1) : 3*(m+1)]}
	} else {
		all := make([]int, 3*(m+1))
		rows = [3][]int{all[:m+1], all[m+1 : 2*(m+1)], all[2*(m+1):]}
	}
	for j := range rows[0] {
		rows[0][j] = min(j, inf)
	}
	for r := 1; r < 3; r++ {
		for j := range rows[r] {
			rows[r][j] = inf
		}
	}
	prevMin := 0 // the least value of the row before
	for i := 1; i <= n; i++ {
		cur, prev, prev2 := rows[i%3], rows[(i-1)%3], rows[(i+1)%3]
		lo, hi := max(1, i-k), min(m, i+k)
		cur[0] = min(i, inf)
		if lo > 1 {
			cur[lo-1] = inf
		}
		rowMin := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			v = min(v, inf)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if hi < m {
			cur[hi+1] = inf
		}
		if rowMin >= inf && prevMin >= inf {
			// Two rows past k: no later cell comes back within it.
			return inf
		}
		prevMin = rowMin
	}
	return rows[n%3][m]
}

// runesOf returns the runes of s, in buf where they fit.
func runesOf(s string, buf []rune) []rune {
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf
}
