package publish

import (
	"os"
	"testing"

	"golang.org/x/sys/unix"
)

// evict drops the file at name from the page cache, and reports whether
// it could.
func evict(t *testing.T, name string) bool {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		t.Fatal(err)
	}
	return unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED) == nil
}
