// Package golden holds the one -update flag of podfeed's tests, so that
// `go test ./... -update` rewrites every golden file from the root of the
// module: every package with tests imports it (a blank import where a
// package has no golden files), so that none of their test binaries
// rejects the flag.
package golden

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

// Update reports whether the tests should rewrite their golden files
// instead of comparing with them.
var Update = flag.Bool("update", false, "rewrite the golden files")

// Diff returns a short line diff of two texts, for a golden file that
// does not match: each line that differs, up to about 2 KB.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, wl, gl)
			if b.Len() > 2000 {
				b.WriteString("  …\n")
				break
			}
		}
	}
	return b.String()
}

// Read returns the content of the file name; an error fails the test.
func Read(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
