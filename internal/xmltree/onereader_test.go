package xmltree

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOneReader keeps xmltree the module's one reader of XML in production
// code: no other non-test file decodes XML with encoding/xml or imports
// gofeed (which the tests keep as an independent oracle).
func TestOneReader(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("the module root: %v", err)
	}
	self, _ := filepath.Abs(".")
	readers := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		xmlName := ""
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.Contains(p, "gofeed") {
				t.Errorf("%s imports %s: read feeds with package xmltree", rel, p)
			}
			if p == "encoding/xml" {
				xmlName = "xml"
				if imp.Name != nil {
					xmlName = imp.Name.Name
				}
			}
		}
		if xmlName == "" {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == xmlName &&
				(sel.Sel.Name == "NewDecoder" || sel.Sel.Name == "NewTokenDecoder" || sel.Sel.Name == "Unmarshal") {
				if filepath.Dir(path) != self {
					t.Errorf("%s reads XML with xml.%s: use package xmltree", rel, sel.Sel.Name)
				} else {
					readers++
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if readers == 0 {
		t.Error("found no xml.NewDecoder in package xmltree itself: the check looks in the wrong place")
	}
}
