// Command floor is the decode-only floor of the benchmarks: it reads
// podcast.toml and every episodes/*.toml file of a show folder and decodes
// each with github.com/BurntSushi/toml alone into a map[string]any, on one
// core (GOMAXPROCS=1, one file after another), and writes nothing.
//
// By default it keeps every decoded map until the end, as any program that
// builds one feed from all episodes must; -keep=false drops each map after
// decoding it (the floor of a program that could stream).
//
// It validates nothing and renders nothing: it is what podfeed build is
// measured against, not a tool.
//
// Usage:
//
//	floor [-keep=false] DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/BurntSushi/toml"
)

func main() {
	keep := flag.Bool("keep", true, "keep every decoded episode in memory until the end")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: floor [-keep=false] DIR")
		os.Exit(2)
	}
	runtime.GOMAXPROCS(1)
	n, err := decodeAll(flag.Arg(0), *keep)
	if err != nil {
		fmt.Fprintf(os.Stderr, "floor: %v\n", err)
		os.Exit(1)
	}
	if n == 0 {
		fmt.Fprintln(os.Stderr, "floor: no episode files")
		os.Exit(1)
	}
}

// decodeAll decodes the show file and every episode file of dir and returns
// the number of episode files.
func decodeAll(dir string, keep bool) (int, error) {
	if _, err := decode(filepath.Join(dir, "podcast.toml")); err != nil {
		return 0, err
	}
	epDir := filepath.Join(dir, "episodes")
	entries, err := os.ReadDir(epDir)
	if err != nil {
		return 0, fmt.Errorf("read the episodes folder: %w", err)
	}
	var kept []map[string]any
	n := 0
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		m, err := decode(filepath.Join(epDir, e.Name()))
		if err != nil {
			return 0, err
		}
		if keep {
			kept = append(kept, m)
		}
		n++
	}
	runtime.KeepAlive(kept)
	return n, nil
}

func decode(name string) (map[string]any, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := toml.Unmarshal(src, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}
