// Package project ties a show folder together: it loads podcast.toml and
// the episode files (packages config and episodes), decides which episodes
// are live at a given time, renders every output (packages feed and site),
// and publishes them into the output folder (package internal/publish) so
// that nothing already published is lost.
//
// It is what `podfeed build` and `podfeed check` call; it prints nothing.
// The build's clock, which decides what is live, comes in [BuildOptions];
// the machine's clock is read only to tell whether an input file changed
// too recently for its size and time to be trusted by the next build (see
// the manifest, and package internal/filetime).
//
// A build after an edit is incremental: the cache it finds in the output
// folder ([IncrementalFile]) spares it decoding the episode files that did
// not change, rendering the feed items of their episodes and the pages
// whose inputs did not change (see incremental.go and keep.go). Its
// outputs are those of a build without the cache, byte for byte.
package project

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/media"
	"github.com/podfeed/podfeed/site"
)

// Show is a loaded show folder.
type Show struct {
	Dir    string // the folder, as given to Load
	Config *config.Show
	// Episodes are every episode file that decoded, drafts and scheduled
	// ones included; loaded with [LoadOptions.Partial], some without their
	// detail.
	Episodes []*episodes.Episode
	Modified time.Time // modification time of podcast.toml

	cache *media.Cache                      // probe results of media files; nil without any
	media map[*episodes.Episode]output.File // local media files to publish, for episodes with only a file
	// artwork is the show's artwork file and its copies for the site, to
	// publish beside the feed, when its image names a valid file in the
	// show folder; siteArtwork gives the copies' addresses to the site.
	artwork []output.File
	// images are the image files in the show folder that live episodes
	// and their chapters name, to publish beside the feed.
	images      map[*episodes.Episode][]output.File
	siteArtwork site.Artwork
	transcripts transcripts // transcript files in the show folder: see transcripts.go
	// inc is the incremental build's cache in the output folder: the
	// episodes decoded by the last build, and what it published.
	inc *incrementalCache
	// readFiles are the media, transcript and image files that the
	// episodes name, as the manifest lists them.
	readFiles []string
	// inputs fingerprints every input as it was before Load read it; the
	// build's manifest records it. It is "" when an input had changed too
	// recently to be told apart by its time (see filetime.Settled).
	inputs string
	// showKey fingerprints the inputs every output is rendered from
	// (podcast.toml, the templates, the artwork file, and the program);
	// "" when one of them had changed too recently to be told apart.
	showKey string
}

// LoadOptions tunes [LoadWith]. The zero value is ready to use.
type LoadOptions struct {
	// Progress, when not nil, is told how many of the media files to
	// probe are done (the command line draws a progress bar on a terminal).
	Progress func(done, total int)
	// Output is the output folder the show will be built into, when not
	// the show's own [build] output: its incremental cache saves decoding
	// the episode files that did not change since the last build there.
	Output string
	// Inputs is what UpToDate saw of the show's inputs just before, if
	// anything: LoadWith takes podcast.toml and the files' sizes and times
	// from it instead of looking at them again.
	Inputs *Inputs
	// Partial leaves the episodes taken from the incremental cache without
	// their summary, keywords, links, takeaways and Podcasting 2.0 details,
	// and with only the first of their chapters (unless their audio is a
	// file of the show's own or a chapter has an image), until
	// [Show.Render] or [Show.Build] renders what shows them: a build
	// after an edit of a big show then holds a fraction of its episodes in
	// memory. Set it only for a Show that is built and nothing else.
	Partial bool
}

// Load reads the show in dir. It returns every problem it finds, with file
// names that include dir; the Show is nil when podcast.toml could not be
// read or decoded.
func Load(dir string) (*Show, diag.List) { return LoadWith(dir, LoadOptions{}) }

// LoadWith is [Load] with options.
func LoadWith(dir string, opts LoadOptions) (*Show, diag.List) {
	var probs diag.List
	name := filepath.Join(dir, config.FileName)
	in := opts.Inputs
	if in != nil && in.dir != dir {
		in = nil
	}
	var (
		showFile fs.FileInfo
		src      []byte
		err      error
	)
	if in != nil {
		showFile, src = in.showFile, in.src
	} else {
		var statErr error
		showFile, statErr = os.Stat(name) // before reading: the manifest must not claim newer input
		src, err = os.ReadFile(name)
		if err == nil {
			err = statErr
		}
	}
	if err != nil {
		p := probs.Add(diag.Pos{File: name}, "cannot read the show file: %v", diag.WithoutPath(err, false))
		if errors.Is(err, os.ErrNotExist) {
			p.WithHint("is %s a show folder? `podfeed init %s` creates one", dir, dir)
		}
		return nil, probs
	}
	show, showProbs := config.Parse(name, src)
	probs.Append(showProbs)
	if show == nil {
		return nil, probs
	}
	s := &Show{Dir: dir, Config: show, Modified: showFile.ModTime().UTC().Truncate(time.Second)}
	fp, seen := newFingerprint(), false
	if in != nil {
		if resumed, ok := in.fingerprint(); ok {
			fp, seen = resumed, true
		}
	}
	// The cache is read while the inputs are fingerprinted: one reads
	// files, the other stats them.
	cached := make(chan *incrementalCache, 1)
	go func() { cached <- openIncremental(s.OutputDir(opts.Output), fp.since, opts.Partial) }()
	if !seen {
		showInputs(fp, dir, show, showFile)
	}
	sk := newFingerprint()
	showFileInputs(sk, dir, show, showFile)
	s.showKey = sk.sum()
	s.inc = <-cached
	s.inc.next.Show = s.showKey
	// After showInputs, which reads the artwork's file name from
	// show.Image, and with the cache, which may hold its copies.
	s.loadArtwork(src, &probs)
	load := s.inc.loadOptions()
	if in != nil {
		load.Stat, load.ReadDir = in.stat, in.readDir
	}
	eps, epProbs := episodes.LoadDirWith(os.DirFS(dir), filepath.ToSlash(show.Build.Episodes), load)
	for _, p := range epProbs {
		p.Pos.File = filepath.Join(dir, filepath.FromSlash(p.Pos.File))
	}
	for _, e := range eps {
		e.File = filepath.Join(dir, filepath.FromSlash(e.File))
	}
	probs.Append(epProbs)
	s.Episodes = eps
	// The image files are known by name only until loadEpisodeImages
	// gives them their public addresses: listed now for the manifest.
	s.readFiles = slices.Concat(s.mediaFiles(), s.imageFiles())
	mediaInputs(fp, dir, s.readFiles)
	s.inputs = fp.sum()
	s.probeMedia(&probs, opts.Progress)
	s.loadEpisodeImages(&probs)
	s.loadTranscripts(&probs)
	probs.Sort()
	return s, probs
}

// Cached returns how many of the show's episodes LoadWith took from the
// incremental build's cache, decoded by an earlier build, instead of
// reading their files: none for a first build, most for an edit.
func (s *Show) Cached() int {
	if s.inc == nil {
		return 0
	}
	return int(s.inc.reused.Load())
}

// RendersAll reports whether a build of the show renders every output
// again, though its episodes may come from the incremental build's cache:
// when the last build there rendered them from other settings of the show
// (podcast.toml, its artwork), or none of its outputs are kept (a show
// with templates of its own, a cache without them).
func (s *Show) RendersAll() bool {
	return !s.keyed() || s.inc.old == nil || s.inc.old.Show != s.showKey
}

// OutputDir returns the folder the outputs go to: override when not empty,
// otherwise the show's [build] output, relative to the show folder.
func (s *Show) OutputDir(override string) string {
	if override != "" {
		return override
	}
	out := filepath.FromSlash(s.Config.Build.Output)
	if filepath.IsAbs(out) {
		return out
	}
	return filepath.Join(s.Dir, out)
}
