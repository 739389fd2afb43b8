// Package diagtest helps table tests check the problems a reader
// reported: each expected message once, nothing else, and a hint with
// every error.
package diagtest

import (
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/diag"
)

// Expect reports, through t, an error without a hint, a count of problems
// other than len(want), and each entry of want that not exactly one
// problem's message (file:line:col: message) contains.
func Expect(t testing.TB, probs diag.List, want []string) {
	t.Helper()
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
		if p.Severity == diag.Error && p.Hint == "" {
			t.Errorf("error without a hint: %s", p.Error())
		}
	}
	if len(got) != len(want) {
		t.Errorf("problems:\n%s\nwant %d: %q", strings.Join(got, "\n"), len(want), want)
	}
	for _, w := range want {
		n := 0
		for _, g := range got {
			if strings.Contains(g, w) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d problems contain %q:\n%s", n, w, strings.Join(got, "\n"))
		}
	}
}
