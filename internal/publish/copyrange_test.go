package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/output"
)

// TestCopyRange copies runs of a file after what the destination holds,
// in the kernel where it can and by reading, and fails on a run past the
// end of the file, as a published file that shrank would make it. The
// file is longer than two of copyRange's chunks.
func TestCopyRange(t *testing.T) {
	src := strings.Repeat("abcdefghij", 2*copyChunk/10+30000)
	dir := t.TempDir()
	put(t, dir, map[string]string{"src": src})
	from, err := os.Open(filepath.Join(dir, "src"))
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close()
	for name, cp := range map[string]func(dst, src *os.File, off, n int64) error{"copyRange": copyRange, "output.CopySpan": func(dst, src *os.File, off, n int64) error { return output.CopySpan(dst, src, off, n) }} {
		for _, tc := range []struct {
			off, n int64
			fails  bool
		}{
			{0, 0, false},
			{0, 10, false},
			{7, 3, false},
			{123, 250000, false},
			{0, int64(len(src)), false},
			{copyChunk - 3, copyChunk + 7, false},
			{int64(len(src)) - 5, 10, true},
		} {
			dst, err := os.Create(filepath.Join(dir, "dst"))
			if err != nil {
				t.Fatal(err)
			}
			dst.WriteString("head:")
			err = cp(dst, from, tc.off, tc.n)
			dst.Close()
			if (err != nil) != tc.fails {
				t.Errorf("%s(%d, %d): error %v, want one: %v", name, tc.off, tc.n, err, tc.fails)
			}
			if tc.fails {
				continue
			}
			got, _ := os.ReadFile(filepath.Join(dir, "dst"))
			if want := "head:" + src[tc.off:tc.off+tc.n]; string(got) != want {
				t.Errorf("%s(%d, %d): %d bytes, not the %d of the run", name, tc.off, tc.n, len(got), len(want))
			}
		}
	}
}
