package project

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/publish"
	"github.com/podfeed/podfeed/media"
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
	// Begun, when set, is called by Build once it has begun writing the
	// feeds, while it works out and writes the other files.
	Begun func()
}

// Result is what a build did. Its Removed lists the files of earlier
// builds that this one removed: archive pages past its last, and the
// pages, chapters and media copies of episodes that left the feed or
// changed file name.
type Result struct {
	Output string // the output folder
	Plan   *Plan
	publish.Result
}

// Build renders the show and publishes it into the output folder, holding
// the folder's lock so that overlapping builds cannot interleave. It refuses
// with a *RemovalError when the feed already in the folder carries an
// episode that the new one would drop or re-key, unless opts confirms it.
func (s *Show) Build(ctx context.Context, opts BuildOptions) (*Result, error) {
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
	// A build cut short may have recorded, in the cache's outputs file,
	// new files it never published (see AwaitingBegun below): on a file
	// system whose times are coarse, one could pass for the file it was
	// to replace. After one, no output is kept on that record.
	if publish.CutShort(out) {
		s.inc.forgetOutputs(out)
	}
	// What a killed build left: in the output folder, and in the cache's,
	// which is written on its own.
	for _, dir := range []string{out, filepath.Join(out, IncrementalFile)} {
		if err := publish.RemoveTemps(dir); err != nil {
			return nil, err
		}
	}
	// The feeds that a build replaces are kept in the cache folder, for
	// the next build to fill again (see publish.Options.Spares).
	spares := filepath.Join(out, IncrementalFile, sparesFolder)
	// The lock is held from before the outputs are rendered: the feeds
	// are written as soon as they are, and what Render keeps of the last
	// build is as it found it.
	plan, err := s.render(opts, func(feeds []output.File) (*publish.Begun, error) {
		return publish.Begin(out, feeds, publish.BeginOptions{Spares: spares})
	})
	if err != nil {
		return nil, err
	}
	defer plan.Close() // before unlock: it removes the feeds begun, unless published
	if err := s.guard(out, plan, opts); err != nil {
		return nil, err
	}
	// What the last build wrote, from its manifest (none is fine): Write
	// removes what this build no longer makes, once the guard has made
	// sure that no episode leaves the feed unconfirmed.
	pub := opts.Publish
	pub.Archives = []string{address.RSSFile, address.AtomFile, address.JSONFile}
	pub.Spares = spares
	if prev := plan.lastManifest(out); prev != nil {
		pub.Previous = make([]string, 0, len(prev.Outputs))
		for _, o := range prev.Outputs {
			if o.Name != ManifestFile {
				pub.Previous = append(pub.Previous, o.Name)
			}
		}
	}
	pub.Begun, plan.begun = plan.begun, nil // Write publishes them or removes them
	// What the manifest and the cache record of the other files is
	// drafted while the feeds are still being written: after an edit of a
	// big show, they take a fifth of a second to write, and the manifest
	// and the cache took 40 ms of CPU after them.
	var (
		prepared   bool
		prepareErr error
		draft      *manifestText
		early      []stamp        // the stamps of every file but the feeds
		items      map[string]int // where the cache records each guid's item
	)
	pub.AwaitingBegun = func(files []fs.FileInfo) {
		prepared = true
		stamps, _ := plan.stamps(files) // the feeds' are still to come
		early = stamps
		var wg sync.WaitGroup
		wg.Go(func() { draft, _ = s.draftManifest(plan, opts, stamps) }) // else drafted after
		if items, prepareErr = s.recordFiles(plan, stamps); prepareErr == nil {
			prepareErr = s.inc.prepare(out)
		}
		wg.Wait()
	}
	res, err := publish.Write(out, plan.Files, pub)
	if err != nil {
		if prepared {
			s.inc.forgetOutputs(out) // as after a build cut short
		}
		return nil, err
	}
	// The last build's feeds that items were copied from are let go of
	// while the manifest and the cache are written: the last close of a
	// feed that was replaced frees its blocks (its pages left the page
	// cache as they were copied: see publish's divergeWriter).
	released := make(chan struct{})
	go func() { plan.Close(); close(released) }()
	defer func() { <-released }()
	// The outputs are published; a cache that cannot be saved only costs
	// the next build its probing.
	if err := s.cache.Save(); err != nil {
		plan.Warnings.Warn(diag.Pos{File: filepath.Join(s.Dir, media.CacheFile)}, "probe cache not saved: %v", err)
	}
	// Without a manifest or a cache the next build only takes longer. Both
	// record the files as written, stamped once; they are written at the
	// same time.
	var manifestErr, cacheErr error
	stamps, err := plan.written(res.Files, early)
	var feeds map[string]stamp // the feed files' stamps, by name
	if err == nil {
		feeds, err = stampsOf(stamps, plan.feedFiles())
	}
	if err != nil {
		manifestErr, cacheErr = err, err
	} else {
		var wg sync.WaitGroup
		wg.Go(func() { manifestErr = s.writeManifest(out, draft, plan, opts, stamps) })
		if cacheErr = prepareErr; !prepared {
			items, cacheErr = s.recordFiles(plan, stamps)
		}
		if cacheErr == nil {
			cacheErr = s.inc.recordParts(feeds, plan.items.Spans, plan.Pages, items)
		}
		if cacheErr == nil {
			cacheErr = s.inc.save(out, feeds, plan.Pages)
		}
		wg.Wait()
	}
	if manifestErr != nil {
		plan.Warnings.Warn(diag.Pos{File: filepath.Join(out, ManifestFile)}, "build manifest not saved: %v", manifestErr)
	}
	if cacheErr != nil {
		plan.Warnings.Warn(diag.Pos{File: filepath.Join(out, IncrementalFile)}, "incremental build cache not saved: %v", cacheErr)
	}
	return &Result{Output: out, Plan: plan, Result: res}, nil
}

// recordFiles records in the cache what it holds of the plan's files but
// where the items lie in the feeds: the outputs a later build may keep,
// and the feeds' items with their entries' places in the episode list, as
// stamps has the files written. It returns where each guid's item is in
// the record, for recordParts.
func (s *Show) recordFiles(plan *Plan, stamps []stamp) (map[string]int, error) {
	if err := s.inc.recordOutputs(plan.Files, plan.keys, plan.keyOf, stamps); err != nil {
		return nil, err
	}
	items := s.inc.recordItems(plan.items.Items, plan.itemKeys, plan.items.ItemWarnings, plan.published)
	return items, s.inc.recordEntries(items, plan.listed.pages, plan.keys, stamps)
}

// feedFiles names the files of the plan's feeds: every page of each.
func (p *Plan) feedFiles() []string { return slices.Sorted(maps.Keys(p.items.Spans)) }

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
			probs.Add(diag.Pos{File: removal.Feed}, "%s", l.Explained()).WithHint("%s", hint)
		}
		for _, g := range removal.Unmatched {
			probs.Warn(diag.Pos{File: removal.Feed}, "%s", publish.Unmatched(g))
		}
	case errors.As(err, &unreadable):
		probs.Add(diag.Pos{File: unreadable.Feed}, "cannot read the published feed: %v", unreadable.Err).WithHint("%s", unreadable.Hint())
	default:
		probs.Add(diag.Pos{File: s.OutputDir(opts.Output)}, "%v", err)
	}
	return probs
}

// guard refuses, with a *RemovalError, the losses of published episodes
// that opts does not confirm (see [publish.Guard]), and warns about the
// confirmations that matched nothing.
func (s *Show) guard(out string, plan *Plan, opts BuildOptions) error {
	next := make([]publish.Item, len(plan.Live))
	for i, e := range plan.Live {
		next[i] = publish.Item{GUID: e.GUID, Title: e.Title, EnclosureURL: e.Audio.URL}
	}
	published, err := s.inc.published(out)
	if err != nil {
		return err
	}
	unmatched, err := publish.Guard(out, next, publish.GuardOptions{
		Published:        published,
		ShowGUID:         s.Config.GUID,
		Replaceable:      []string{config.PodcastGUID(config.PlaceholderFeedURL)},
		AllowRemoval:     opts.AllowRemoval,
		AllowAllRemovals: opts.AllowAllRemovals,
		Explain:          func(l publish.Loss) string { return s.why(l, plan) },
	})
	if err != nil {
		return err
	}
	feedFile := filepath.Join(out, address.RSSFile)
	for _, g := range unmatched {
		plan.Warnings.Warn(diag.Pos{File: feedFile}, "%s", publish.Unmatched(g)).
			WithHint("compare it with the <guid> elements of %s", feedFile)
	}
	return nil
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

// The errors of the nothing-lost guard, as [Show.Build] and
// [Show.CheckPublished] return them.
type (
	// RemovalError: the new feed would drop or re-key published episodes,
	// or give the show another podcast:guid.
	RemovalError = publish.RemovalError
	// UnreadableFeedError: the published feed cannot be read, so the build
	// cannot tell which episodes it would drop.
	UnreadableFeedError = publish.UnreadableFeedError
	// GUIDChange is a change of the show's podcast:guid.
	GUIDChange = publish.GUIDChange
)
