package project

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/par"
	"github.com/podfeed/podfeed/internal/publish"
	"github.com/podfeed/podfeed/internal/tomlx"
	"github.com/podfeed/podfeed/media"
	"github.com/podfeed/podfeed/site"
)

// DefaultLockWait is how long a build waits for another build of the same
// output folder to finish before it gives up with [publish.ErrBusy].
const DefaultLockWait = 30 * time.Second

// BuildOptions tunes [Show.Render] and [Show.Build]. Now is required; every
// other zero value is ready to use.
type BuildOptions struct {
	// Now is the build's clock: episodes published after it are scheduled
	// and left out of every output.
	Now time.Time
	// Output overrides the show's [build] output folder.
	Output string
	// AllowRemoval lists guids whose removal (or change of guid) from the
	// published feed is confirmed.
	AllowRemoval []string
	// AllowAllRemovals confirms every removal.
	AllowAllRemovals bool
	// LockWait is how long to wait for a concurrent build; 0 means
	// DefaultLockWait.
	LockWait time.Duration
	// Generator is written into the feeds' generator element when set.
	Generator string
	// Publish is passed to publish.Write (tests inject faults with it).
	Publish publish.Options
}

// Plan is a rendered build: every output file, in the order it is
// published, and what went into it.
type Plan struct {
	Live      []*episodes.Episode // in the outputs, newest first
	Scheduled []*episodes.Episode // left out until their time, soonest first
	Files     []publish.File
	Warnings  diag.List // from rendering, e.g. descriptions over Apple's limit
	Pages     int       // pages of each feed: 1, or more with [build] max_items
}

// Render prepares the outputs without touching the output folder: every
// episode's show notes are rendered at once, and every problem Render can
// find is reported; the files themselves (feeds, chapters, pages) are
// rendered when they are written, or by [Plan.RenderAll].
func (s *Show) Render(opts BuildOptions) (*Plan, error) {
	live, scheduled := episodes.Select(s.Episodes, opts.Now)
	out, err := feed.Build(s.Config, live, feed.Options{
		Updated:    s.Modified,
		Generator:  opts.Generator,
		Stylesheet: site.StylesheetFile,
		MaxItems:   s.Config.Build.MaxItems,
		PageLinks:  true,
	})
	if err != nil {
		return nil, fmt.Errorf("render feeds: %w", err)
	}
	pages, err := site.Build(s.Config, live, site.Options{
		Notes:     out.Notes,
		Templates: os.DirFS(filepath.Join(s.Dir, site.TemplatesDir)),
	})
	if err != nil {
		return nil, err
	}
	p := &Plan{Live: live, Scheduled: scheduled, Warnings: out.Warnings}
	if n := s.Config.Build.MaxItems; n > 0 && len(live) > n {
		s.warnArchived(&p.Warnings, len(live)-n, out.Pages)
	}
	// Files that others refer to come first, feed.xml last: publish.Write
	// renames in this order. Media files of live episodes lead.
	for _, e := range live {
		if f, ok := s.media[e]; ok {
			p.Files = append(p.Files, f)
		}
	}
	for _, d := range out.Chapters {
		p.Files = append(p.Files, publish.File{Name: d.Name, Render: d.Write})
	}
	// The site (stylesheet, embed and episode pages, index.html last).
	for _, f := range pages {
		pf := publish.File{Name: f.Name, Data: f.Data, Render: f.Render}
		if f.Large {
			pf.Render, pf.Stream = nil, f.Render
		}
		p.Files = append(p.Files, pf)
	}
	// The feeds stream into their files: archive pages, then the first
	// pages, feed.xml last.
	p.Pages = out.Pages
	for _, d := range out.Feeds {
		p.Files = append(p.Files, publish.File{Name: d.Name, Stream: d.Write})
	}
	return p, nil
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

// Result is what a build did.
type Result struct {
	Output string // the output folder
	Plan   *Plan
	publish.Result
	// Removed lists the files of earlier builds that this one removed:
	// archive pages past its last, and the pages, chapters and media
	// copies of episodes that left the feed or changed file name.
	Removed []string
}

// Build renders the show and publishes it into the output folder, holding
// the folder's lock so that overlapping builds cannot interleave. It refuses
// with a *RemovalError when the feed already in the folder carries an
// episode that the new one would drop or re-key, unless opts confirms it.
func (s *Show) Build(ctx context.Context, opts BuildOptions) (*Result, error) {
	plan, err := s.Render(opts)
	if err != nil {
		return nil, err
	}
	out := s.OutputDir(opts.Output)
	wait := opts.LockWait
	if wait == 0 {
		wait = DefaultLockWait
	}
	unlock, err := publish.Lock(ctx, out, wait)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if err := publish.RemoveTemps(out); err != nil {
		return nil, err
	}

	if err := s.guard(out, plan, opts); err != nil {
		return nil, err
	}
	prev, _ := readManifest(out) // what the last build wrote; none is fine
	res, err := publish.Write(out, plan.Files, opts.Publish)
	if err != nil {
		return nil, err
	}
	// Archive pages past the last one are left from a build with more
	// pages: nothing links to them, and the guard must not read them.
	removed, err := removeStalePages(out, plan.Pages)
	if err != nil {
		return nil, err
	}
	// So are the pages, chapters and media copies of episodes that left the
	// feed (the guard made sure that was confirmed).
	if prev != nil {
		left, err := removeLeftovers(out, prev, plan)
		if err != nil {
			return nil, err
		}
		removed = append(removed, left...)
	}
	// The outputs are published; a cache that cannot be saved only costs
	// the next build its probing.
	if err := s.cache.Save(); err != nil {
		plan.Warnings.Warn(diag.Pos{File: filepath.Join(s.Dir, media.CacheFile)}, "probe cache not saved: %v", err)
	}
	// Without a manifest the next build only takes longer.
	if err := s.writeManifest(out, plan, opts); err != nil {
		plan.Warnings.Warn(diag.Pos{File: filepath.Join(out, ManifestFile)}, "build manifest not saved: %v", err)
	}
	return &Result{Output: out, Plan: plan, Result: res, Removed: removed}, nil
}

// CheckPublished reports, as errors, what would make [Show.Build] with
// opts refuse: episodes of the feed published in the output folder that
// plan would lose or re-key unconfirmed, a new podcast:guid, or a published
// feed that cannot be read. It reads the folder without taking its lock.
func (s *Show) CheckPublished(plan *Plan, opts BuildOptions) diag.List {
	var probs diag.List
	err := s.guard(s.OutputDir(opts.Output), plan, opts)
	var (
		removal    *RemovalError
		unreadable *UnreadableFeedError
	)
	switch {
	case err == nil:
	case errors.As(err, &removal):
		hint := removal.Hint()
		if g := removal.ShowGUID; g != nil {
			probs.Add(diag.Pos{File: filepath.Join(s.Dir, config.FileName)},
				"the show's podcast:guid would change from %s (in %s) to %s", g.Old, removal.Feed, g.New).WithHint("%s", hint)
		}
		for _, l := range removal.Losses {
			probs.Add(diag.Pos{File: removal.Feed}, "%s: %s", l.Loss, l.Why).WithHint("%s", hint)
		}
		for _, g := range removal.Unmatched {
			probs.Warn(diag.Pos{File: removal.Feed}, "--allow-removal %s: %s", quoteArg(g), unmatched)
		}
	case errors.As(err, &unreadable):
		probs.Add(diag.Pos{File: unreadable.Feed}, "cannot read the published feed: %v", unreadable.Err).WithHint("%s", unreadable.Hint())
	default:
		probs.Add(diag.Pos{File: s.OutputDir(opts.Output)}, "%v", err)
	}
	return probs
}

// guard compares the feed already published in out (feed.xml and its
// archive pages) with the one about to be, and refuses losses that opts
// does not confirm.
func (s *Show) guard(out string, plan *Plan, opts BuildOptions) error {
	prevFile := filepath.Join(out, feed.RSSFile)
	var (
		prev     []publish.Item
		showGUID string // the published feed's podcast:guid
	)
	for page := 0; ; page++ {
		name := filepath.Join(out, feed.PageName(feed.RSSFile, page))
		data, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			break
		}
		if err != nil {
			return fmt.Errorf("read the published feed: %w", err)
		}
		f, err := publish.ReadRSS(bytes.NewReader(data))
		if err != nil {
			return &UnreadableFeedError{Feed: name, Err: err}
		}
		if page == 0 {
			showGUID = f.ShowGUID
		}
		prev = append(prev, f.Items...)
	}
	used := make(map[string]bool) // the confirmations that matched
	named := func(guid string) bool {
		if slices.Contains(opts.AllowRemoval, guid) {
			used[guid] = true
			return true
		}
		return false
	}
	confirmed := func(guid string) bool { return named(guid) || opts.AllowAllRemovals }
	removal := &RemovalError{Feed: prevFile}
	// The show's guid matters once the feed carries an episode (a feed
	// without any is no show anyone follows yet), unless it is the guid of
	// init's placeholder feed_url, which no show should keep. Only
	// --allow-removal with the old guid confirms a new one: --allow-removals
	// is about episodes.
	if showGUID != "" && len(prev) > 0 && !strings.EqualFold(showGUID, s.Config.GUID) &&
		!strings.EqualFold(showGUID, config.PodcastGUID(config.PlaceholderFeedURL)) && !named(showGUID) {
		removal.ShowGUID = &GUIDChange{Old: showGUID, New: s.Config.GUID}
	}
	next := make([]publish.Item, len(plan.Live))
	for i, e := range plan.Live {
		next[i] = publish.Item{GUID: e.GUID, Title: e.Title, EnclosureURL: e.Audio.URL}
	}
	for _, l := range publish.Compare(prev, next) {
		if !confirmed(l.Old.GUID) {
			removal.Losses = append(removal.Losses, Loss{Loss: l, Why: s.why(l, plan)})
		}
	}
	// A confirmation that matched nothing is most likely a mistyped guid.
	for _, g := range opts.AllowRemoval {
		if !used[g] && !slices.Contains(removal.Unmatched, g) {
			removal.Unmatched = append(removal.Unmatched, g)
		}
	}
	if removal.ShowGUID != nil || len(removal.Losses) > 0 {
		return removal
	}
	for _, g := range removal.Unmatched {
		plan.Warnings.Warn(diag.Pos{File: prevFile}, "--allow-removal %s: %s", quoteArg(g), unmatched).
			WithHint("compare it with the <guid> elements of %s", prevFile)
	}
	return nil
}

// unmatched says what a confirmation that matched nothing means.
const unmatched = "the build drops or re-keys no episode with this guid"

// UnreadableFeedError is returned by Build when the feed already published
// in the output folder cannot be read, so the build cannot tell which
// episodes it would drop.
type UnreadableFeedError struct {
	Feed string
	Err  error
}

func (e *UnreadableFeedError) Error() string {
	return fmt.Sprintf("read the published feed %s: %v", e.Feed, e.Err)
}

func (e *UnreadableFeedError) Unwrap() error { return e.Err }

// Hint says how to get past a damaged feed.
func (e *UnreadableFeedError) Hint() string {
	return "podfeed reads it to make sure no published episode is lost; restore it from your web host " +
		"(or a backup), or, if it is not the feed your subscribers get, delete it: the next build then checks nothing " +
		"against it and writes it anew"
}

// why says where a lost episode went, as far as the show folder tells.
func (s *Show) why(l publish.Loss, plan *Plan) string {
	if (l.Kind == publish.Rekeyed || l.Kind == publish.Moved) && l.New != nil {
		for _, e := range plan.Live {
			if e.GUID == l.New.GUID {
				return "the guid of " + e.File + " changed"
			}
		}
	}
	for _, e := range s.Episodes {
		if e.GUID != l.Old.GUID {
			continue
		}
		switch {
		case e.Draft:
			return e.File + " is now a draft"
		case slices.Contains(plan.Scheduled, e):
			return e.File + " is now scheduled for " + e.Published.Format(time.RFC3339) // as written, as check and build -v say it
		}
	}
	return "no episode file has this guid any more"
}

// Loss is an episode the build would lose, and why.
type Loss struct {
	publish.Loss
	Why string
}

// GUIDChange is a change of the show's podcast:guid.
type GUIDChange struct{ Old, New string }

// RemovalError is returned by Build when the new feed would drop or re-key
// episodes that the published feed carries, or give the show another
// podcast:guid.
type RemovalError struct {
	Feed     string // the published feed that was compared
	ShowGUID *GUIDChange
	Losses   []Loss
	// Unmatched lists the guids confirmed by BuildOptions.AllowRemoval
	// that no loss has.
	Unmatched []string
}

func (e *RemovalError) Error() string {
	var b strings.Builder
	switch {
	case len(e.Losses) == 0:
		fmt.Fprintf(&b, "refusing to build: the show of %s would change its podcast:guid", e.Feed)
	case e.ShowGUID != nil:
		fmt.Fprintf(&b, "refusing to build: the show of %s would change its podcast:guid, and %d episode(s) would be lost", e.Feed, len(e.Losses))
	default:
		fmt.Fprintf(&b, "refusing to build: %d episode(s) of %s would be lost", len(e.Losses), e.Feed)
	}
	if g := e.ShowGUID; g != nil {
		fmt.Fprintf(&b, "\n\tthe show's podcast:guid would change from %s to %s: directories and apps would take it for a new show", g.Old, g.New)
	}
	for _, l := range e.Losses {
		fmt.Fprintf(&b, "\n\t%s: %s", l.Loss, l.Why)
	}
	for _, g := range e.Unmatched {
		fmt.Fprintf(&b, "\n\t--allow-removal %s: %s", quoteArg(g), unmatched)
	}
	return b.String()
}

// Hint says how to keep the show's guid and how to confirm the removals.
func (e *RemovalError) Hint() string {
	var b strings.Builder
	flags := make([]string, 0, len(e.Losses)+1)
	if g := e.ShowGUID; g != nil {
		fmt.Fprintf(&b, "to keep the show's identity (after a change of feed_url, say), write guid = %q into podcast.toml; ", g.Old)
		flags = append(flags, "--allow-removal "+quoteArg(g.Old))
	}
	for _, l := range e.Losses {
		flags = append(flags, "--allow-removal "+quoteArg(l.Old.GUID))
	}
	if len(e.Losses) > 0 {
		b.WriteString("subscribers' apps would drop or re-download these episodes; if that is intended")
	} else {
		b.WriteString("if it really is a new show")
	}
	fmt.Fprintf(&b, ", build again with %s", strings.Join(flags, " "))
	if len(e.Losses) > 0 {
		b.WriteString(" (or --allow-removals for every episode)")
	}
	return b.String()
}

// quoteArg quotes s for a POSIX shell when it holds anything but safe
// characters.
func quoteArg(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@+=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// sameFile reports whether the names a and b in the output folder out are
// one file.
func sameFile(out, a, b string) bool {
	fa, err := os.Stat(filepath.Join(out, filepath.FromSlash(a)))
	if err != nil {
		return false
	}
	fb, err := os.Stat(filepath.Join(out, filepath.FromSlash(b)))
	return err == nil && os.SameFile(fa, fb)
}

// matchCase gives the folders and the file on the way to name (a slash
// path in out) the case name spells them in, where the name on disk
// differs only in case. On a file system that ignores case (macOS,
// Windows), an episode file renamed only in case has its page written into
// the folder of the old name, and the links would miss it once the site is
// copied to a web server that minds case. A name whose exact spelling is
// on disk is left alone.
func matchCase(out, name string) error {
	dir := out
	for _, part := range strings.Split(name, "/") {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("match the case of %s: %w", name, err)
		}
		other := ""
		for _, e := range entries {
			if e.Name() == part {
				other = ""
				break
			}
			if strings.EqualFold(e.Name(), part) {
				other = e.Name()
			}
		}
		if other != "" {
			if err := os.Rename(filepath.Join(dir, other), filepath.Join(dir, part)); err != nil {
				return fmt.Errorf("rename %s to match the case of %s: %w", other, name, err)
			}
		}
		dir = filepath.Join(dir, part)
	}
	return nil
}

// removeStalePages deletes the archive pages (feed-N.xml, atom-N.xml,
// feed-N.json) numbered after the build's last page, and returns their
// names.
func removeStalePages(out string, pages int) ([]string, error) {
	var removed []string
	for i := pages; ; i++ {
		n := len(removed)
		for _, base := range []string{feed.RSSFile, feed.AtomFile, feed.JSONFile} {
			name := feed.PageName(base, i)
			err := os.Remove(filepath.Join(out, name))
			switch {
			case err == nil:
				removed = append(removed, name)
			case !errors.Is(err, os.ErrNotExist):
				return removed, fmt.Errorf("remove a stale archive page: %w", err)
			}
		}
		if len(removed) == n {
			return removed, nil
		}
	}
}

// removeLeftovers deletes the files the previous build wrote (as its
// manifest lists them) that this build did not, and the folders that
// leaves empty. It touches nothing podfeed did not write itself, nor a
// file that is one of this build's outputs under another name: on a file
// system that ignores case (macOS, Windows), an episode file renamed from
// 055-Rust.toml to 055-rust.toml has its new page written into the old
// folder, whose old name would otherwise delete it. It returns the names
// of the files it removed.
func removeLeftovers(out string, prev *manifest, plan *Plan) ([]string, error) {
	var removed []string
	keep := make(map[string]bool, len(plan.Files))
	folded := make(map[string]string, len(plan.Files)) // lower case → name
	for _, f := range plan.Files {
		keep[f.Name] = true
		folded[strings.ToLower(f.Name)] = f.Name
	}
	for _, o := range prev.Outputs {
		if keep[o.Name] || !fs.ValidPath(o.Name) || o.Name == ManifestFile {
			continue
		}
		if kept, ok := folded[strings.ToLower(o.Name)]; ok && sameFile(out, o.Name, kept) {
			if err := matchCase(out, kept); err != nil {
				return removed, err
			}
			continue
		}
		name := filepath.Join(out, filepath.FromSlash(o.Name))
		switch err := os.Remove(name); {
		case err == nil:
			removed = append(removed, o.Name)
		case !errors.Is(err, os.ErrNotExist):
			return removed, fmt.Errorf("remove %s, which the build no longer makes: %w", o.Name, err)
		}
		// Empty folders up to the output folder go too (episodes/<slug>/).
		for dir := path.Dir(o.Name); dir != "."; dir = path.Dir(dir) {
			if os.Remove(filepath.Join(out, filepath.FromSlash(dir))) != nil {
				break // not empty, or gone: either way, stop
			}
		}
	}
	return removed, nil
}
