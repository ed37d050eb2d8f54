package frontmatter

import "strings"

// suggest returns the candidate closest to the unknown key k, compared
// without regard to case, when it is within two edits (a transposition
// counts as one: titel → title) and the key is not too short to judge;
// else "".
func suggest(k string, candidates []string) string {
	lk := strings.ToLower(k)
	best, bestDist := "", 3
	for _, c := range candidates {
		if d := editDistance(lk, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist >= len([]rune(k)) {
		return ""
	}
	return best
}

// editDistance is the optimal string alignment distance between a and b,
// over runes: insertions, deletions, substitutions and transpositions of
// adjacent runes each cost one.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows suffice: the current one, and two back for transpositions.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
