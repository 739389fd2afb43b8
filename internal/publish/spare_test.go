package publish

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/output"
)

// bigText is n bytes of text that differ from those of another fill: a
// file past spareMin, as the feeds of a big show are.
func bigText(fill string, n int) string {
	return strings.Repeat(fill, n/len(fill)+1)[:n]
}

// TestSpares writes a big streamed file again and again with a folder of
// spares: the file each write replaces is kept as the spare, the next
// write fills that spare (the same file, cut to its new size), and one
// linked anywhere else is never written into.
func TestSpares(t *testing.T) {
	if !canSpare {
		t.Skip("no spares on this system")
	}
	const name = "feed.xml"
	steps := []struct {
		name string
		data string
		// link links the spare under another name before the write: a
		// backup of the output folder by links, or a crash between
		// keeping a spare and the rename that follows.
		link bool
		// filled says that the write fills the spare the last one kept.
		filled bool
	}{
		{name: "first write: nothing to replace", data: bigText("a", spareMin+100)},
		{name: "replaced: kept as the spare", data: bigText("b", spareMin+5000)},
		{name: "the spare filled, longer", data: bigText("c", 3*spareMin), filled: true},
		{name: "the spare filled, shorter", data: bigText("d", spareMin+1), filled: true},
		{name: "a spare linked elsewhere is not filled", data: bigText("e", 2*spareMin), link: true},
		{name: "the same bytes: nothing replaced", data: bigText("e", 2*spareMin)},
		{name: "small: fills the spare, the big one replaced kept", data: "<rss>small</rss>", filled: true},
		{name: "big again: fills the spare, the small one let go", data: bigText("f", 2*spareMin), filled: true},
	}
	dir := t.TempDir()
	spares := filepath.Join(dir, ".cache", "spare")
	spare := sparePath(spares, name)
	other := filepath.Join(t.TempDir(), "backup")
	for _, step := range steps {
		before, _ := os.ReadFile(filepath.Join(dir, name))
		var backup []byte
		if step.link {
			if err := os.Link(spare, other); err != nil {
				t.Fatalf("%s: link the spare: %v", step.name, err)
			}
			backup, _ = os.ReadFile(other)
		}
		kept, _ := os.Stat(spare)
		if _, err := Write(dir, []output.File{streamed(name, step.data)}, Options{Spares: spares}); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != step.data {
			t.Fatalf("%s: %s holds %d bytes (err %v), want %d", step.name, name, len(got), err, len(step.data))
		}
		now, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if filled := kept != nil && os.SameFile(kept, now); filled != step.filled {
			t.Errorf("%s: the spare filled: %v, want %v", step.name, filled, step.filled)
		}
		// What the write replaced is the spare now, when it was big.
		replaced := before != nil && !bytes.Equal(before, got)
		spareData, err := os.ReadFile(spare)
		switch {
		case replaced && len(before) >= spareMin:
			if !bytes.Equal(spareData, before) {
				t.Errorf("%s: the spare holds %d bytes (err %v), want the %d replaced", step.name, len(spareData), err, len(before))
			}
			if fi, err := os.Stat(spare); err != nil || links(fi) != 1 {
				t.Errorf("%s: the spare has other names (err %v)", step.name, err)
			}
		case replaced && err == nil:
			t.Errorf("%s: a spare (%d bytes) is left of a small file", step.name, len(spareData))
		}
		if step.link {
			if after, err := os.ReadFile(other); err != nil || !bytes.Equal(after, backup) {
				t.Errorf("%s: the spare's other name changed: %d bytes (err %v), want %d", step.name, len(after), err, len(backup))
			}
		}
		if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(leftovers) > 0 {
			t.Errorf("%s: left temporary files %v", step.name, leftovers)
		}
	}
}

// TestSparesOfFilesNoLongerWritten: a Write removes the spares of the
// names it does not write (an archive page no longer made), and keeps
// those of the names it writes, even unchanged.
func TestSparesOfFilesNoLongerWritten(t *testing.T) {
	if !canSpare {
		t.Skip("no spares on this system")
	}
	dir := t.TempDir()
	spares := filepath.Join(dir, "spare")
	write := func(files ...output.File) {
		t.Helper()
		if _, err := Write(dir, files, Options{Spares: spares}); err != nil {
			t.Fatal(err)
		}
	}
	write(streamed("feed.xml", bigText("a", spareMin)), streamed("feed-1.xml", bigText("a", spareMin)))
	write(streamed("feed.xml", bigText("b", spareMin)), streamed("feed-1.xml", bigText("b", spareMin)))
	for _, name := range []string{"feed.xml", "feed-1.xml"} {
		if _, err := os.Stat(sparePath(spares, name)); err != nil {
			t.Fatalf("%s: no spare: %v", name, err)
		}
	}
	write(streamed("feed.xml", bigText("b", spareMin)))
	if _, err := os.Stat(sparePath(spares, "feed.xml")); err != nil {
		t.Errorf("feed.xml, unchanged: its spare is gone: %v", err)
	}
	if _, err := os.Stat(sparePath(spares, "feed-1.xml")); err == nil {
		t.Errorf("feed-1.xml, no longer written: its spare is left")
	}
}

// TestBeginFillsSpares: the files Begin writes fill their spares, and the
// Write they are given to keeps the files they replace.
func TestBeginFillsSpares(t *testing.T) {
	if !canSpare {
		t.Skip("no spares on this system")
	}
	dir := t.TempDir()
	spares := filepath.Join(dir, "spare")
	var kept os.FileInfo
	for i, fill := range []string{"a", "b", "c"} {
		files := []output.File{streamed("feed.xml", bigText(fill, 2*spareMin))}
		b, err := Begin(dir, files, BeginOptions{Spares: spares})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Write(dir, files, Options{Begun: b, Spares: spares}); err != nil {
			t.Fatal(err)
		}
		now, err := os.Stat(filepath.Join(dir, "feed.xml"))
		if err != nil {
			t.Fatal(err)
		}
		if filled := kept != nil && os.SameFile(kept, now); filled != (i == 2) {
			t.Errorf("write %d: the spare filled: %v, want %v", i, filled, i == 2)
		}
		kept, _ = os.Stat(sparePath(spares, "feed.xml"))
	}
}
