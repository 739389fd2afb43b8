package publish

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"
)

// TestBigFile writes files of writes and runs of another file, read as a
// file (copied in the kernel when the new file goes through the page
// cache) and as any io.ReaderAt, across the buffer's edges and past
// several buffers, so that whole buffers bypass the page cache where the
// file system lets them; each comes out with exactly its bytes, whether
// the file system lets them (direct) or not (plain, as forced), and
// whether the file the runs come from is in the page cache or not
// (evicted: read around it). A run
// past the end of its file fails, as a published feed that shrank would
// make it.
func TestBigFile(t *testing.T) {
	// Bytes that do not repeat with any period a misplaced buffer would
	// hide.
	var src strings.Builder
	for i := 0; src.Len() < 3*bigBuffer; i++ {
		src.WriteString(strings.Repeat(string(rune('a'+i%26)), 1+i%97))
	}
	dir := t.TempDir()
	put(t, dir, map[string]string{"src": src.String()})
	from, err := os.Open(filepath.Join(dir, "src"))
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close()
	reader := strings.NewReader(src.String()) // an io.ReaderAt that is not a file

	type step struct {
		write    int   // write this many bytes of a counter's text, or
		off, n   int64 // copy n bytes of src from off,
		notFile  bool  // read from reader rather than from the file
		shrunken bool  // a run past src's end: the write fails
	}
	s := int64(src.Len())
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"empty", nil},
		{"a small write", []step{{write: 10}}},
		{"a small run", []step{{off: 5, n: 100}}},
		{"a buffer exactly", []step{{write: bigBuffer}}},
		{"one byte past a buffer", []step{{write: bigBuffer + 1}}},
		{"writes over several buffers", []step{{write: 3*bigBuffer + 17}, {write: 5}}},
		{"a run over several buffers", []step{{write: 3}, {off: 1, n: s - 1}}},
		{"runs across the buffer's edge", []step{{off: 0, n: bigBuffer - 10}, {off: 99, n: 20}, {write: 1000}, {off: 7, n: 2 * bigBuffer}}},
		{"runs of a reader", []step{{write: 12345}, {off: 3, n: bigBuffer, notFile: true}, {off: 0, n: s, notFile: true}}},
		{"a feed after an edit", []step{{write: 4096}, {off: 0, n: bigBuffer + 3}, {write: 777}, {off: bigBuffer + 3, n: s - bigBuffer - 3}, {write: 9}}},
		{"a run past the end", []step{{write: 10}, {off: s - 5, n: 10, shrunken: true}}},
		{"a run past the end after a buffer", []step{{write: bigBuffer + 10}, {off: s - 5, n: 10, shrunken: true}}},
	} {
		for _, mode := range []string{"", "plain", "evicted"} {
			name, plain, evicted := tc.name, mode == "plain", false
			if mode != "" {
				name += ", " + mode
			}
			t.Run(name, func(t *testing.T) {
				if mode == "evicted" {
					if evicted = evict(t, from.Name()); !evicted {
						t.Skip("cannot drop a file from the page cache here")
					}
				}
				f, err := os.Create(filepath.Join(t.TempDir(), "out"))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				b := newBigFile(f, plain)
				var want bytes.Buffer
				counter := 0
				for _, st := range tc.steps {
					if st.write > 0 {
						p := make([]byte, 0, st.write)
						for len(p) < st.write {
							p = append(p, []byte(strings.Repeat(" ", counter%5)+string(rune('0'+counter%10)))...)
							counter++
						}
						p = p[:st.write]
						if n, err := b.Write(p); n != len(p) || err != nil {
							t.Fatalf("Write(%d bytes) = %d, %v", len(p), n, err)
						}
						want.Write(p)
						continue
					}
					var err error
					if st.notFile {
						err = b.WriteSpan(reader, st.off, st.n)
					} else {
						err = b.WriteSpan(from, st.off, st.n)
					}
					if st.shrunken {
						if err == nil {
							t.Fatalf("WriteSpan(%d, %d) of a file of %d bytes: no error", st.off, st.n, s)
						}
						return
					}
					if err != nil {
						t.Fatalf("WriteSpan(%d, %d): %v", st.off, st.n, err)
					}
					if evicted && !st.notFile && st.n > 0 && b.src == nil {
						t.Fatalf("WriteSpan(%d, %d) of a file out of the page cache read it through the page cache", st.off, st.n)
					}
					want.WriteString(src.String()[st.off : st.off+st.n])
				}
				if err := b.finish(); err != nil {
					t.Fatal(err)
				}
				if b.direct {
					t.Fatal("still bypassing the page cache after finish")
				}
				got, err := os.ReadFile(f.Name())
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want.Bytes()) {
					i := 0
					for i < min(len(got), want.Len()) && got[i] == want.Bytes()[i] {
						i++
					}
					t.Fatalf("%d bytes, want %d; they differ from byte %d on", len(got), want.Len(), i)
				}
			})
		}
	}
}

// TestAlignedBuffer: the buffers that bypass the page cache start at a
// multiple of directAlign, whatever the allocator gives.
func TestAlignedBuffer(t *testing.T) {
	for _, n := range []int{directAlign, bigBuffer} {
		for range 5 {
			b := alignedBuffer(n)
			if len(b) != n || cap(b) != n {
				t.Fatalf("alignedBuffer(%d): len %d cap %d", n, len(b), cap(b))
			}
			if addr := uintptr(unsafe.Pointer(unsafe.SliceData(b))); addr%directAlign != 0 {
				t.Fatalf("alignedBuffer(%d) starts at %#x", n, addr)
			}
		}
	}
}

// TestBigFileBypasses: a file that outgrows the buffer bypasses the page
// cache from then on wherever its file system lets a file do so, and a
// smaller one never does.
func TestBigFileBypasses(t *testing.T) {
	dir := t.TempDir()
	probe, err := os.Create(filepath.Join(dir, "probe"))
	if err != nil {
		t.Fatal(err)
	}
	can := setDirect(probe, true) == nil
	probe.Close()
	t.Logf("the file system of %s lets writes bypass the page cache: %v", dir, can)
	f, err := os.Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := newBigFile(f, false)
	chunk := bytes.Repeat([]byte("x"), bigBuffer/2)
	for i, want := range []bool{false, false, can, can} {
		if b.direct != want {
			t.Fatalf("after %d bytes: bypassing %v, want %v", i*len(chunk), b.direct, want)
		}
		if _, err := b.Write(append(chunk, 'y')); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.finish(); err != nil {
		t.Fatal(err)
	}
	if fi, err := f.Stat(); err != nil || fi.Size() != int64(4*(len(chunk)+1)) {
		t.Fatalf("%v, %v: want %d bytes", fi.Size(), err, 4*(len(chunk)+1))
	}
}

// TestReadAroundFallsBack: where reading around the page cache fails,
// the run is read through it, whole.
func TestReadAroundFallsBack(t *testing.T) {
	dir := t.TempDir()
	src := strings.Repeat("0123456789", 1000)
	put(t, dir, map[string]string{"src": src})
	from, err := os.Open(filepath.Join(dir, "src"))
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close()
	failing, err := os.Open(filepath.Join(dir, "src"))
	if err != nil {
		t.Fatal(err)
	}
	failing.Close() // every read of it fails
	out, err := os.Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	b := newBigFile(out, false)
	b.src, b.srcDirect = from, failing
	p := make([]byte, 5000)
	got, err := b.readAround(from, p, 7)
	if err != nil || got != len(p) || string(p) != src[7:7+len(p)] {
		t.Fatalf("readAround = %d, %v; bytes equal: %v", got, err, string(p[:got]) == src[7:7+got])
	}
	if b.srcDirect != nil {
		t.Error("the failing file is still used")
	}
}
