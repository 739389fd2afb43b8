package publish

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// One syncfs per file system: a folder linked to another file system (a
// media folder on a bigger disk) gets its own.
func TestFileSystems(t *testing.T) {
	out := t.TempDir()
	sub := filepath.Join(out, "episodes", "a")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	roots, err := fileSystems([]string{sub, out, sub})
	if err != nil || len(roots) != 1 {
		t.Fatalf("one file system: roots %v, %v", roots, err)
	}

	other, err := os.MkdirTemp("/dev/shm", "podfeed-test-")
	if err != nil {
		t.Skip("no /dev/shm:", err)
	}
	defer os.RemoveAll(other)
	var a, b os.FileInfo
	if a, err = os.Stat(out); err == nil {
		b, err = os.Stat(other)
	}
	if err != nil {
		t.Fatal(err)
	}
	if os.SameFile(a, b) || sameDevice(a, b) {
		t.Skip("/dev/shm is on the same file system as", out)
	}
	audio := filepath.Join(out, "audio")
	if err := os.Symlink(other, audio); err != nil {
		t.Fatal(err)
	}
	roots, err = fileSystems([]string{sub, audio, out})
	if err != nil || len(roots) != 2 {
		t.Errorf("two file systems: roots %v, %v", roots, err)
	}
	if _, err := fileSystems([]string{filepath.Join(out, "missing")}); err == nil {
		t.Errorf("a missing folder: no error")
	}
}

func sameDevice(a, b os.FileInfo) bool {
	sa, oka := a.Sys().(*syscall.Stat_t)
	sb, okb := b.Sys().(*syscall.Stat_t)
	return oka && okb && sa.Dev == sb.Dev
}
