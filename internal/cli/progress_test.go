package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestNoProgressOffTerminal: a build under cron or in a pipe draws no
// progress bar (and prints nothing on success; see the scripts).
func TestNoProgressOffTerminal(t *testing.T) {
	if p := probeProgress(&bytes.Buffer{}); p != nil {
		t.Errorf("a progress bar for a buffer")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := probeProgress(f); p != nil {
		t.Errorf("a progress bar for a plain file")
	}
}
