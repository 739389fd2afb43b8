// Command peer is the "short hand-written program" podfeed build is
// compared with: it decodes podcast.toml and every episodes/*.toml file of a
// show folder with github.com/BurntSushi/toml into structs, one file after
// another, and writes a plain RSS feed (title, guid, enclosure and the
// summary as description, newest first) with github.com/gorilla/feeds.
//
// It validates nothing, renders no show notes, and writes one file: what a
// podcaster might write in an afternoon, kept honest and short.
//
// Usage:
//
//	peer DIR OUT.xml
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/gorilla/feeds"
)

type show struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	Link        string `toml:"link"`
	Author      string `toml:"author"`
}

type episode struct {
	Title     string    `toml:"title"`
	GUID      string    `toml:"guid"`
	Published time.Time `toml:"published"`
	Summary   string    `toml:"summary"`
	Audio     struct {
		URL    string `toml:"url"`
		Length int64  `toml:"length"`
		Type   string `toml:"type"`
	} `toml:"audio"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: peer DIR OUT.xml")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "peer: %v\n", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	var s show
	if _, err := toml.DecodeFile(filepath.Join(dir, "podcast.toml"), &s); err != nil {
		return err
	}
	names, err := filepath.Glob(filepath.Join(dir, "episodes", "*.toml"))
	if err != nil {
		return err
	}
	eps := make([]episode, len(names))
	for i, name := range names {
		if _, err := toml.DecodeFile(name, &eps[i]); err != nil {
			return err
		}
	}
	slices.SortFunc(eps, func(a, b episode) int { return b.Published.Compare(a.Published) })

	f := &feeds.Feed{Title: s.Title, Link: &feeds.Link{Href: s.Link}, Description: s.Description,
		Author: &feeds.Author{Name: s.Author}}
	for _, e := range eps {
		f.Items = append(f.Items, &feeds.Item{
			Title: e.Title, Id: e.GUID, Created: e.Published, Description: e.Summary,
			Enclosure: &feeds.Enclosure{Url: e.Audio.URL, Type: e.Audio.Type, Length: strconv.FormatInt(e.Audio.Length, 10)},
		})
	}
	if len(eps) > 0 {
		f.Created = eps[0].Published
	}
	file, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(file)
	if err := f.WriteRss(w); err != nil {
		file.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		file.Close()
		return err
	}
	return file.Close()
}
