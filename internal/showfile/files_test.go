package showfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/internal/output"
)

func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	files := []output.File{{Name: "podcast.toml", Data: []byte("a")}, {Name: "episodes/001-x.toml", Data: []byte("b")}}
	written, err := WriteFiles(dir, files, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 || written[1] != filepath.Join(dir, "episodes", "001-x.toml") {
		t.Errorf("written: %q", written)
	}

	// A second write refuses, names the files, and changes nothing.
	changed := []output.File{{Name: "podcast.toml", Data: []byte("new")}, {Name: "episodes/002-y.toml", Data: []byte("c")}}
	_, err = WriteFiles(dir, changed, false)
	var exist *ExistError
	if !errors.As(err, &exist) || len(exist.Files) != 1 || exist.Files[0] != filepath.Join(dir, "podcast.toml") {
		t.Fatalf("want an ExistError naming podcast.toml, got %v", err)
	}
	if got := string(golden.Read(t, filepath.Join(dir, "podcast.toml"))); got != "a" {
		t.Errorf("podcast.toml was changed to %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "episodes", "002-y.toml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("002-y.toml was written although the write was refused")
	}

	// With overwrite it replaces them.
	if _, err := WriteFiles(dir, changed, true); err != nil {
		t.Fatal(err)
	}
	if got := string(golden.Read(t, filepath.Join(dir, "podcast.toml"))); got != "new" {
		t.Errorf("podcast.toml is %q after overwriting", got)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "episodes"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".tmp" {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestExistErrorMessage(t *testing.T) {
	tests := []struct {
		files []string
		want  string
	}{
		{[]string{"a"}, "1 file already exists: a"},
		{[]string{"a", "b"}, "2 files already exist: a, b"},
		{[]string{"a", "b", "c", "d", "e"}, "5 files already exist: a, b, c and 2 more"},
	}
	for _, tt := range tests {
		if got := (&ExistError{Files: tt.files}).Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
