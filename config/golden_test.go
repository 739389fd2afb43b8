package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/golden"
)

var update = golden.Update // -update rewrites the golden files

// TestGolden parses every testdata/{invalid,warn}/<case>.toml and compares
// the sorted problems, formatted, with <case>.err. Files under invalid must
// hold at least one error; files under warn no error and at least one
// warning. Run with -update to rewrite the .err files, then review the diff.
func TestGolden(t *testing.T) {
	for _, dir := range []string{"invalid", "warn"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.toml"))
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("no test cases in testdata/%s", dir)
		}
		for _, file := range files {
			name := strings.TrimSuffix(filepath.Base(file), ".toml")
			t.Run(dir+"/"+name, func(t *testing.T) {
				src, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				show, probs := Parse(filepath.Base(file), src)
				probs.Sort()
				switch dir {
				case "invalid":
					if probs.Err() == nil {
						t.Errorf("no error reported")
					}
				case "warn":
					if err := probs.Err(); err != nil {
						t.Errorf("unexpected errors:\n%v", err)
					}
					if len(probs.Warnings()) == 0 {
						t.Errorf("no warning reported")
					}
					if show == nil {
						t.Errorf("Parse returned a nil show")
					}
				}
				got := probs.Format()
				golden := strings.TrimSuffix(file, ".toml") + ".err"
				if *update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs (-want +got):\n%s", golden, lineDiff(string(want), got))
				}
			})
		}
	}
}

// lineDiff returns a minimal line diff of want and got: common lines
// prefixed "  ", lines only in want "- ", lines only in got "+ ".
func lineDiff(want, got string) string {
	a := strings.Split(want, "\n")
	b := strings.Split(got, "\n")
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out strings.Builder
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			out.WriteString("  " + a[i] + "\n")
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			out.WriteString("+ " + b[j] + "\n")
			j++
		default:
			out.WriteString("- " + a[i] + "\n")
			i++
		}
	}
	return out.String()
}
