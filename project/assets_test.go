package project

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/site"
)

// assets returns the content-hashed asset files under out/assets.
func assets(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(out, "assets"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, "assets/"+e.Name())
	}
	return names
}

// TestChangedCSSRemovesTheOldAsset changes the show's stylesheet between
// two builds: the next build publishes it under a new hashed name, links
// every page to it, and removes the old file, which nothing it wrote
// still references; a file podfeed did not write stays.
func TestChangedCSSRemovesTheOldAsset(t *testing.T) {
	dir := copyExample(t)
	out := filepath.Join(t.TempDir(), "public")
	buildShow(t, dir, out)
	before := assets(t, out)
	if err := os.WriteFile(filepath.Join(out, "assets", "mine.css"), []byte("p{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile(filepath.Join("..", "site", site.TemplatesDir, site.CSSTemplate))
	if err != nil {
		t.Fatal(err)
	}
	css = append(css, "\n.changed { color: red }\n"...)
	if err := os.MkdirAll(filepath.Join(dir, site.TemplatesDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, site.TemplatesDir, site.CSSTemplate), css, 0o644); err != nil {
		t.Fatal(err)
	}
	buildShow(t, dir, out)
	after := assets(t, out)

	var oldCSS, newCSS string
	for _, n := range before {
		if strings.HasSuffix(n, ".css") {
			oldCSS = n
		}
	}
	for _, n := range after {
		if strings.HasSuffix(n, ".css") && n != "assets/mine.css" && !slices.Contains(before, n) {
			newCSS = n
		}
	}
	switch {
	case oldCSS == "" || newCSS == "":
		t.Fatalf("no old or no new stylesheet: before %v, after %v", before, after)
	case slices.Contains(after, oldCSS):
		t.Errorf("the old stylesheet %s is still there: %v", oldCSS, after)
	case !slices.Contains(after, "assets/mine.css"):
		t.Errorf("a file podfeed did not write was removed: %v", after)
	}
	if data, _ := os.ReadFile(filepath.Join(out, filepath.FromSlash(newCSS))); !bytes.Equal(data, css) {
		t.Errorf("%s does not hold the new stylesheet", newCSS)
	}
	for name, data := range readTree(t, out) {
		if bytes.Contains(data, []byte(filepath.Base(oldCSS))) {
			t.Errorf("%s still references the removed %s", name, oldCSS)
		}
		if name == "index.html" && !bytes.Contains(data, []byte(newCSS)) {
			t.Errorf("index.html does not link %s", newCSS)
		}
	}
}
