// Command writefloor is the write floor of the benchmarks: it writes the
// files of a finished output tree again, the same names and bytes, into a
// folder that does not exist yet, as plainly as a program can. It is what
// writing podfeed's outputs costs at least, so bench/run.sh measures a full
// build against the decode floor (bench/floor) plus this.
//
// It reads every regular file under -from into memory first (hidden ones
// too: a build writes .podfeed-build.json and .podfeed.lock as well), then
// creates the folders one after another, then the files on two goroutines,
// each with os.WriteFile: create, write, close. No temporary file, no
// rename, no sync, no comparison with what was there.
//
// Usage:
//
//	writefloor -from BUILT_OUTPUT_DIR -o NEW_DIR
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

func main() {
	from := flag.String("from", "", "copy the files of the output tree `DIR`")
	to := flag.String("o", "", "write them into `DIR`, which must not exist")
	flag.Parse()
	if *from == "" || *to == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: writefloor -from DIR -o NEW_DIR")
		os.Exit(2)
	}
	if err := copyTree(*from, *to, 2); err != nil {
		fmt.Fprintf(os.Stderr, "writefloor: %v\n", err)
		os.Exit(1)
	}
}

// copyTree writes every folder and regular file under from again under to
// with workers goroutines writing the files.
func copyTree(from, to string, workers int) error {
	if err := os.Mkdir(to, 0o755); err != nil {
		return err // it exists: the floor creates every file anew
	}
	var dirs, names []string
	var data [][]byte
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == from {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		switch {
		case d.IsDir():
			dirs = append(dirs, rel)
		case d.Type().IsRegular():
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			names, data = append(names, rel), append(data, b)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, d := range dirs { // WalkDir lists a folder before what it holds
		if err := os.Mkdir(filepath.Join(to, d), 0o755); err != nil {
			return err
		}
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(names) && errs[w] == nil; i += workers {
				errs[w] = os.WriteFile(filepath.Join(to, names[i]), data[i], 0o644)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
