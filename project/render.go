package project

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/par"
	"github.com/podfeed/podfeed/internal/publish"
	"github.com/podfeed/podfeed/internal/tomlx"
	"github.com/podfeed/podfeed/site"
)

// Plan is a rendered build: every output file, in the order it is
// published, and what went into it.
type Plan struct {
	Live      []*episodes.Episode // in the outputs, newest first
	Scheduled []*episodes.Episode // left out until their time, soonest first
	Files     []output.File
	Warnings  diag.List // from rendering, e.g. descriptions over Apple's limit
	Pages     int       // pages of each feed: 1, or more with [build] max_items
	// Addresses are the episode addresses the build publishes, slug →
	// guid: the live episodes' pages and the redirects left at the
	// addresses they had before (see pageAddresses).
	Addresses map[string]string

	// published is the feed as the guard reads it back once written.
	published publish.Feed
	// keys are the keys of the files a later build may keep (see
	// keep.go), and keyOf each file's place among them: keyOf[i] is
	// Files[i]'s, -1 for a file without a key; nil without keys.
	keys  *keyedFiles
	keyOf []int32
	// items are the feeds as rendered, whose items the incremental cache
	// records once written, with their keys (by guid); reused are the
	// items copied from the last build's feeds.
	items    *feed.Output
	itemKeys map[string]string
	reused   *reusedItems
	// listed are where the pages of the episode list rendered, past the
	// first, hold their episodes' entries, which the cache records too.
	listed *listedEntries
	// last is the last build's manifest as Render read it (nil: none),
	// and lastStamp its stamp then.
	last      *manifest
	lastStamp stamp
	// begun are the feeds that Build began to write as soon as they were
	// rendered (see publish.Begin), until it hands them to publish.Write.
	begun *publish.Begun
}

// kept returns Files[i] as the last build wrote it, when it is kept as
// such; nil when it is rendered again.
func (p *Plan) kept(i int) *stamp {
	if p.keyOf == nil || p.keyOf[i] < 0 {
		return nil
	}
	return p.keys.list[p.keyOf[i]].kept
}

// lastManifest returns the manifest of the last build in out: the one
// Render read, unless another build has replaced it since.
func (p *Plan) lastManifest(out string) *manifest {
	if p.last != nil && p.lastStamp.holds(out) {
		return p.last
	}
	m, _, _ := readManifest(out)
	return m
}

// Close lets go of the files of the last build that the plan's feeds copy
// items from, and of the feeds begun but not published. [Show.Build]
// closes its plan; a plan only rendered, as check renders one, should be
// closed too.
func (p *Plan) Close() error {
	err := p.begun.Abort()
	p.begun = nil
	return errors.Join(err, p.reused.close())
}

// Render prepares the outputs without touching the output folder: every
// episode's show notes are rendered at once, and every problem Render can
// find is reported; the files themselves (feeds, chapters, pages) are
// rendered when they are written, or by [Plan.RenderAll].
func (s *Show) Render(opts BuildOptions) (*Plan, error) { return s.render(opts, nil) }

// render is Render, which hands the feeds to begin, when not nil, as soon
// as they are rendered: Build starts writing them (see publish.Begin)
// while the site is prepared and the guard reads the published feed.
func (s *Show) render(opts BuildOptions, begin func(feeds []output.File) (*publish.Begun, error)) (*Plan, error) {
	live, scheduled := episodes.Select(s.Episodes, opts.Now)
	outDir := s.OutputDir(opts.Output)
	// The last build's manifest, 30,000 lines for a big show, is read
	// while the outputs are keyed and rendered.
	type read struct {
		m  *manifest
		st stamp
	}
	last := make(chan read, 1)
	go func() {
		m, st, _ := readManifest(outDir)
		last <- read{m, st}
	}()
	// What the last build wrote from the same input is kept as it wrote
	// it (see keep.go): the files, and the feeds' items of the episodes
	// whose pages need not show their notes again.
	lk, itemKeys := s.itemKeys(live, opts.Generator)
	// The files are keyed meanwhile, on the core feed.Build leaves.
	fileKeys := make(chan *keyedFiles, 1)
	go func() { fileKeys <- s.fileKeys(live, lk) }()
	reuse := s.inc.reusableItems(outDir, itemKeys)
	var begun *publish.Begun
	done := false
	defer func() {
		if !done {
			begun.Abort() // before its feeds' files are closed
			reuse.close()
		}
	}()
	// What the items rendered again show of their episodes, read now for
	// the episodes loaded without it; what the site's pages show, once
	// the feeds are begun.
	if err := s.inc.complete(s.itemsRendered(live, reuse), nil); err != nil {
		return nil, cacheError(err, outDir)
	}
	out, err := feed.Build(s.Config, live, feed.Options{
		Reuse:      reuse.get,
		Updated:    s.Modified,
		Now:        opts.Now,
		Generator:  opts.Generator,
		Stylesheet: site.StylesheetFile,
		MaxItems:   s.Config.Build.MaxItems,
		PageLinks:  true,
	})
	if err != nil {
		return nil, fmt.Errorf("render feeds: %w", err)
	}
	if begin != nil {
		if begun, err = begin(out.Feeds); err != nil {
			return nil, err
		}
		if opts.Begun != nil {
			opts.Begun()
		}
	}
	// The files kept are stated, 30,000 for a big show, once the feeds are
	// begun: an episode's items are copied by their key alone, and the
	// feeds wait for nothing else. Stated before, while the feeds were
	// rendered, they took the cores from feed.Build: an edit of 100,000
	// episodes began its feeds 0.4 s later (though, side by side, it did
	// not end measurably later: the feeds then took less long). Keyed
	// before, the feeds began 12 ms later at 10,000; keyed after, the
	// pages waited 15 ms for it.
	keys := <-fileKeys
	s.inc.keepable(outDir, keys, lk)
	if err := s.inc.complete(s.detailed(live, lk, keys, reuse)); err != nil {
		return nil, cacheError(err, outDir)
	}
	// The pages rendered again of episodes whose items were copied show
	// notes that feed.Build did not render.
	if err := s.addNotes(out.Notes, live, lk); err != nil {
		return nil, fmt.Errorf("render show notes: %w", err)
	}
	listed := &listedEntries{pages: map[string][]site.Entry{}}
	siteOpts := site.Options{
		Notes:       out.Notes,
		Templates:   os.DirFS(filepath.Join(s.Dir, site.TemplatesDir)),
		Artwork:     s.siteArtwork,
		Transcripts: s.siteTranscripts(live),
		Listed:      listed.add,
	}
	if reuse != nil {
		siteOpts.Entries = reuse.entry
	}
	pages, err := site.Build(s.Config, live, siteOpts)
	if err != nil {
		return nil, err
	}
	r := <-last
	m, mst := r.m, r.st
	published, _ := s.inc.published(outDir) // nil when unreadable: the guard reports it
	moves, addresses := pageAddresses(publishedAddresses(published, s.Config, m), live)
	redirects, err := redirectPages(s.Config, moves)
	if err != nil {
		return nil, err
	}
	p := &Plan{Live: live, Scheduled: scheduled, Warnings: out.Warnings, Addresses: addresses, last: m, lastStamp: mst}
	p.published.ShowGUID = strings.TrimSpace(s.Config.GUID)
	p.published.Items = make([]publish.Item, 0, len(out.Items))
	for _, it := range out.Items {
		// As publish.ReadRSS reads them back.
		p.published.Items = append(p.published.Items, publish.Item{GUID: strings.TrimSpace(it.GUID), Title: strings.TrimSpace(it.Title),
			EnclosureURL: strings.TrimSpace(it.EnclosureURL), Link: strings.TrimSpace(it.Link)})
	}
	if n := s.Config.Build.MaxItems; n > 0 && len(live) > n {
		s.warnArchived(&p.Warnings, len(live)-n, out.Pages)
	}
	// Files that others refer to come first, feed.xml last: publish.Write
	// renames in this order. The artwork and media files of live episodes
	// lead.
	p.Files = append(p.Files, s.artwork...)
	images := make(map[string]bool)
	for _, f := range s.artwork {
		images[f.Name] = true
	}
	for _, e := range live {
		if f, ok := s.media[e]; ok {
			p.Files = append(p.Files, f)
		}
		for _, f := range s.images[e] {
			if !images[f.Name] { // one file may serve several episodes
				images[f.Name] = true
				p.Files = append(p.Files, f)
			}
		}
	}
	p.Files = append(p.Files, s.transcriptOutputs(live, images)...)
	// Then the chapters, the redirects left at old episode addresses, the
	// site (stylesheet, embed and episode pages, index.html last), and the
	// feeds: archive pages, then the first pages,
	// feed.xml last.
	p.Files = slices.Concat(p.Files, out.Chapters, redirects, pages, out.Feeds)
	p.Pages = out.Pages
	// Each file this build makes is looked up among the keys once, on
	// every core a block of files at a time: whether it is kept, and
	// where the cache records it.
	if keys != nil {
		p.keys, p.keyOf = keys, make([]int32, len(p.Files))
		const block = 1024
		par.Do((len(p.Files)+block-1)/block, func(b int) {
			for i := b * block; i < min(len(p.Files), (b+1)*block); i++ {
				j, ok := keys.at[p.Files[i].Name]
				if !ok {
					j = -1
				} else {
					p.Files[i].Keep = keys.list[j].kept != nil
				}
				p.keyOf[i] = j
			}
		})
	}
	p.items, p.itemKeys, p.reused, p.begun, p.listed = out, itemKeys, reuse, begun, listed
	done = true
	return p, nil
}

// listedEntries gathers what site.Build reports of the pages of the
// episode list as they are rendered, on several goroutines.
type listedEntries struct {
	mu    sync.Mutex
	pages map[string][]site.Entry // by file name
}

// add records the entries of the page file.
func (l *listedEntries) add(file string, entries []site.Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.pages[file] = entries
}

// cacheError is err, an incremental cache in out that cannot be read,
// with what to do about it.
func cacheError(err error, out string) error {
	return fmt.Errorf("%w (deleting %s is always safe)", err, filepath.Join(out, IncrementalFile))
}

// warnArchived says that [build] max_items leaves n episodes to the
// archive pages, which most podcast apps never read.
func (s *Show) warnArchived(warns *diag.List, n, pages int) {
	name := filepath.Join(s.Dir, config.FileName)
	pos := diag.Pos{File: name}
	if src, err := os.ReadFile(name); err == nil {
		pos = tomlx.KeyPos(name, src, "build.max_items")
	}
	where := "the archive page " + feed.PageName(feed.RSSFile, 1) + ", which"
	if pages > 2 {
		where = "the archive pages " + feed.PageName(feed.RSSFile, 1) + " to " + feed.PageName(feed.RSSFile, pages-1) + ", which"
	}
	warns.Warn(pos, "%s only on %s Apple Podcasts, Spotify and most apps never read (max_items = %d)",
		diag.Plural(n, "older episode is", "older episodes are"), where, s.Config.Build.MaxItems).
		WithHint("their listeners cannot find them there; raise max_items, or leave it out, unless feed.xml is too big for the apps")
}

// RenderAll renders every file that is otherwise rendered only when it is
// written (the site's pages), and returns their errors: what check uses to
// find a broken template without writing anything.
func (p *Plan) RenderAll() error {
	errs := make([]error, len(p.Files))
	par.Do(len(p.Files), func(i int) {
		switch f := p.Files[i]; {
		case f.Stream != nil:
			errs[i] = f.Stream(io.Discard)
		case f.Render != nil:
			errs[i] = f.Render(io.Discard)
		}
	})
	return errors.Join(errs...)
}
