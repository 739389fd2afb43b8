package golden

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestEveryPackageTakesUpdate fails for a package of the module whose
// tests do not import this one: its test binary would reject -update, and
// `go test ./... -update` would fail from the root.
func TestEveryPackageTakesUpdate(t *testing.T) {
	const self = "github.com/podfeed/podfeed/internal/golden"
	root := filepath.Join("..", "..")
	imports := map[string]bool{} // folder → a test file imports this package
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.Dir(path)
		if dir == filepath.Join(root, "internal", "golden") {
			return nil // defines the flag
		}
		imports[dir] = imports[dir] || false
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == self {
				imports[dir] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 10 {
		t.Fatalf("found the tests of %d folders only: is %s the module's root?", len(imports), root)
	}
	for dir, ok := range imports {
		if !ok {
			t.Errorf("%s: no test file imports %s (add a golden_test.go with a blank import)", dir, self)
		}
	}
}
