package publish

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/podfeed/podfeed/internal/output"
)

// resident returns the share of f that the page cache holds.
func resident(t *testing.T, f *os.File) float64 {
	t.Helper()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	m, err := unix.Mmap(int(f.Fd()), 0, int(fi.Size()), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	defer unix.Munmap(m)
	pages := make([]byte, (len(m)+os.Getpagesize()-1)/os.Getpagesize())
	_, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(unsafe.SliceData(m))), uintptr(len(m)), uintptr(unsafe.Pointer(unsafe.SliceData(pages))))
	if errno != 0 {
		t.Skipf("mincore: %v", errno)
	}
	in := 0
	for _, p := range pages {
		in += int(p & 1)
	}
	return float64(in) / float64(len(pages))
}

// TestStreamDropsOldCopied streams a new feed.xml whose bytes after the
// first are the old one's: the old file, replaced, leaves the page cache
// as it is copied, not all at once when its last reader closes it.
func TestStreamDropsOldCopied(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "feed.xml")
	data := make([]byte, 3*dropChunk+12345)
	for i := range data {
		data[i] = byte('a' + i%26)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	old, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if err := old.Sync(); err != nil { // clean pages, which the hint drops
		t.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, old); err != nil {
		t.Fatal(err)
	}
	if r := resident(t, old); r < 0.9 {
		t.Skipf("the file system keeps %.0f%% of a file just read in the page cache", 100*r)
	}
	// A file system whose page cache is its storage (tmpfs) drops none.
	probe := filepath.Join(dir, "probe")
	if err := os.WriteFile(probe, data[:dropAlign], 0o644); err != nil {
		t.Fatal(err)
	}
	evict(t, probe) // see evict_linux_test.go
	p, err := os.Open(probe)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if r := resident(t, p); r > 0.5 {
		t.Skipf("the file system keeps %.0f%% of a file in the page cache when asked to drop it", 100*r)
	}
	if err := os.Remove(probe); err != nil {
		t.Fatal(err)
	}
	stream := func(w io.Writer) error {
		if _, err := w.Write([]byte("A")); err != nil {
			return err
		}
		return w.(output.SpanWriter).WriteSpan(old, 1, int64(len(data)-1))
	}
	if _, err := Write(dir, []output.File{{Name: "feed.xml", Stream: stream}}, Options{}); err != nil {
		t.Fatal(err)
	}
	// The old file, still open, is no longer in the page cache.
	if r := resident(t, old); r > 0.1 {
		t.Errorf("%.0f%% of the old file is still in the page cache", 100*r)
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if want := "A" + string(data[1:]); string(got) != want {
		t.Error("the new file is not the old one with its first byte changed")
	}
}
