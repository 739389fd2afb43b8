package diag

import (
	"slices"
	"strings"
)

// Suggest returns the candidate nearest to word by edit distance, if it is at
// most 2 edits away (case-insensitive), and "" otherwise. Ties go to the
// candidate listed first, so the result is deterministic.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", 3
	lw := strings.ToLower(word)
	for _, c := range candidates {
		if d := distance(lw, strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, counted in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
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
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Aliases maps a word people use for a key to the keys they likely meant,
// such as "pubdate" to "published". Its keys are normalised as
// [SuggestKey] normalises a word: lower case, without '_', '-' or spaces.
type Aliases map[string][]string

// SuggestKey is [Suggest] for a key that is not known: a word that aliases
// lists is answered with the first of its keys that is a candidate, since
// a synonym ("description" for "summary") is many edits away; any other
// word with the nearest candidate by edit distance.
func SuggestKey(word string, candidates []string, aliases Aliases) string {
	norm := strings.Map(func(r rune) rune {
		if r == '_' || r == '-' || r == ' ' {
			return -1
		}
		return r
	}, strings.ToLower(word))
	for _, k := range aliases[norm] {
		if slices.Contains(candidates, k) {
			return k
		}
	}
	return Suggest(word, candidates)
}
