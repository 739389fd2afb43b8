package main

import (
	"go/parser"
	"go/token"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/cli"
)

// TestDocShowsUsage keeps the one usage text and the package comment that
// go doc shows from drifting apart: doc.go carries usage, line for line, as
// a code block.
func TestDocShowsUsage(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	if f.Doc == nil {
		t.Fatal("doc.go has no package comment")
	}
	var want strings.Builder
	for _, line := range strings.Split(strings.TrimSuffix(cli.Usage, "\n"), "\n") {
		if line != "" {
			want.WriteString("\t" + line)
		}
		want.WriteString("\n")
	}
	if doc := f.Doc.Text(); !strings.Contains(doc, want.String()) {
		t.Errorf("doc.go's package comment does not show the usage text of internal/cli as a code block; want it to contain:\n%s\ngot:\n%s", want.String(), doc)
	}
}
