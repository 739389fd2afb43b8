package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/podfeed/podfeed/internal/address"
)

// GuardOptions says what [Guard] lets a build lose.
type GuardOptions struct {
	// ShowGUID is the show's podcast:guid in the feed about to be published.
	ShowGUID string
	// Replaceable lists show guids that may change unconfirmed: that of
	// init's placeholder feed_url, which no show should keep.
	Replaceable []string
	// AllowRemoval lists the guids whose loss (or change) is confirmed. A
	// show guid is confirmed only this way.
	AllowRemoval []string
	// AllowAllRemovals confirms the loss of every episode.
	AllowAllRemovals bool
	// Explain, when set, says why an episode would be lost (it fills in
	// [Loss.Why]): where the episode went, as far as the show tells.
	Explain func(Loss) string
	// Published, when not nil, is the feed published in out, known
	// without reading it (an incremental build recorded it): Guard reads
	// the folder only without it.
	Published *Feed
}

// Guard is the nothing-lost guard. It reads the feed already published in
// out (feed.xml and its archive pages) and compares it with next, the
// items of the feed about to be published. It returns a *[RemovalError]
// for the losses and the change of the show's guid that opts does not
// confirm, an *[UnreadableFeedError] for a published feed it cannot read,
// and otherwise the confirmations in opts that matched nothing (most likely
// mistyped guids), for the caller to warn about. A folder without a
// published feed loses nothing.
func Guard(out string, next []Item, opts GuardOptions) (unmatched []string, err error) {
	prev := opts.Published
	if prev == nil {
		var err error
		if prev, err = ReadPublished(out); err != nil {
			return nil, err
		}
	}
	used := make(map[string]bool) // the confirmations that matched
	named := func(guid string) bool {
		if slices.Contains(opts.AllowRemoval, guid) {
			used[guid] = true
			return true
		}
		return false
	}
	removal := &RemovalError{Feed: filepath.Join(out, address.RSSFile)}
	// The show's guid matters once the feed carries an episode (a feed
	// without any is no show anyone follows yet). Only --allow-removal with
	// the old guid confirms a new one: --allow-removals is about episodes.
	if g := prev.ShowGUID; g != "" && len(prev.Items) > 0 && !strings.EqualFold(g, opts.ShowGUID) &&
		!slices.ContainsFunc(opts.Replaceable, func(r string) bool { return strings.EqualFold(g, r) }) && !named(g) {
		removal.ShowGUID = &GUIDChange{Old: g, New: opts.ShowGUID}
	}
	for _, l := range Compare(prev.Items, next) {
		if named(l.Old.GUID) || opts.AllowAllRemovals {
			continue
		}
		if opts.Explain != nil {
			l.Why = opts.Explain(l)
		}
		removal.Losses = append(removal.Losses, l)
	}
	for _, g := range opts.AllowRemoval {
		if !used[g] && !slices.Contains(removal.Unmatched, g) {
			removal.Unmatched = append(removal.Unmatched, g)
		}
	}
	if removal.ShowGUID != nil || len(removal.Losses) > 0 {
		return nil, removal
	}
	return removal.Unmatched, nil
}

// ReadPublished reads the feed published in out: the show's guid from
// feed.xml, and the items of feed.xml and of its archive pages, in feed
// order. A folder without feed.xml has an empty feed. A page that cannot
// be read as RSS is an *[UnreadableFeedError].
func ReadPublished(out string) (*Feed, error) {
	var feed Feed
	for page := 0; ; page++ {
		name := filepath.Join(out, address.PageName(address.RSSFile, page))
		f, err := os.Open(name)
		if errors.Is(err, os.ErrNotExist) {
			return &feed, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read the published feed: %w", err)
		}
		p, err := ReadRSS(f)
		f.Close()
		if err != nil {
			return nil, &UnreadableFeedError{Feed: name, Err: err}
		}
		if page == 0 {
			feed.ShowGUID = p.ShowGUID
		}
		feed.Items = append(feed.Items, p.Items...)
	}
}

// Unmatched says what a confirmation that matched no loss means, as one
// line that names its flag.
func Unmatched(guid string) string {
	return "--allow-removal " + quoteArg(guid) + ": the build drops or re-keys no episode with this guid"
}

// UnreadableFeedError is returned by [Guard] when the feed already
// published cannot be read, so that nobody can tell which episodes the
// build would drop.
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

// GUIDChange is a change of the show's podcast:guid.
type GUIDChange struct{ Old, New string }

// RemovalError is returned by [Guard] when the new feed would drop or
// re-key episodes that the published feed carries, or give the show
// another podcast:guid.
type RemovalError struct {
	Feed     string // the published feed that was compared
	ShowGUID *GUIDChange
	Losses   []Loss
	// Unmatched lists the guids confirmed by GuardOptions.AllowRemoval
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
		fmt.Fprintf(&b, "\n\t%s", l.Explained())
	}
	for _, g := range e.Unmatched {
		fmt.Fprintf(&b, "\n\t%s", Unmatched(g))
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
