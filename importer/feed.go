package importer

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/showfile"
	"github.com/podfeed/podfeed/internal/xmltree"
)

// Options tune [ReadFeed]. The zero value reads the feed without any
// network request.
type Options struct {
	// Client fetches podcast:chapters JSON files and asks (HEAD) for the
	// size of media files whose enclosure gives none. Give it a timeout.
	// nil: no request is made.
	Client *http.Client
	// Parallel is how many requests run at once; 0 means DefaultParallel.
	Parallel int
	// URL is the address the feed was read from: relative addresses are
	// resolved against it, and it is the feed's old address when the feed
	// does not name itself with atom:link rel="self".
	URL string
	// Progress, when not nil, is told how many of the requests are done,
	// out of how many, after each; never called when none is made.
	Progress func(done, total int)
	// FeedURL is the address podfeed's feed.xml will be served from. ""
	// keeps the feed's own address (which the move should then redirect).
	FeedURL string
}

// Import is a feed read into podfeed's model.
type Import struct {
	Show *config.Show
	// Episodes, oldest first. Each Slug is the file name without ".toml"
	// and File is "episodes/<Slug>.toml".
	Episodes []*episodes.Episode
	// Problems are warnings, positioned in the feed, about what the files
	// do not keep or what was guessed.
	Problems diag.List
	// OldFeedURL is the address the feed gave for itself ("" when none).
	OldFeedURL string
	// comments are written at the top of an episode's file: why it is
	// a draft, or why its date is not the source's.
	comments map[*episodes.Episode]string
	// standIn counts the episodes whose date is a stand-in: their items
	// had none podfeed can read.
	standIn int
}

// ErrNoFeedURL is returned when neither Options.FeedURL, nor the feed's
// atom:link rel="self", nor Options.URL says where the feed is served.
var ErrNoFeedURL = errors.New("the feed does not say its own address (no atom:link rel=\"self\"), so the show's feed_url is unknown")

// ReadFeed reads an RSS podcast feed; name is used to position problems.
// It fails only when src is not an RSS feed at all; everything the episode
// files cannot keep is a warning in Import.Problems.
func ReadFeed(ctx context.Context, name string, src []byte, opts Options) (*Import, error) {
	if err := notAFeed(name, src); err != nil {
		return nil, err
	}
	r := &reader{file: name, opts: opts, losses: map[string]*loss{}, itemNode: map[*episodes.Episode]*node{}, usedDate: map[*node]bool{}}
	r.leadingSpace(src)
	doc, err := xmltree.Parse(src, xmltree.Strict)
	if err != nil {
		line := 0
		var xe *xmltree.Error
		if errors.As(err, &xe) {
			line = xe.Line
		}
		r.probs.Warn(diag.Pos{File: name, Line: line}, "%v", err).
			WithHint("the feed was read leniently; check the imported files against it")
		if doc, err = xmltree.Parse(src, xmltree.Lenient); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	r.doc = doc
	switch root := doc.Root; {
	case root.Local == "feed" && root.Space == nsAtom:
		return nil, fmt.Errorf("%s is an Atom feed: podfeed imports RSS podcast feeds; ask the host for the show's RSS address", name)
	case root.Local == "html" || root.Local == "head" || root.Local == "body":
		return nil, notAFeed(name, []byte("<html"))
	case root.Local == "RDF":
		return nil, fmt.Errorf("%s is an RSS 1.0 (RDF) feed: podfeed imports RSS 2.0 podcast feeds; ask the host for the show's podcast feed", name)
	case root.Local == "opml":
		return nil, fmt.Errorf("%s is an OPML list of feeds, not a feed: import the podcast's own feed, the xmlUrl of one of its outlines", name)
	case root.Local != "rss" || root.Child("", "channel") == nil:
		return nil, fmt.Errorf("%s is not an RSS feed: it has no <rss><channel>", name)
	}
	channel := doc.Root.Child("", "channel")
	if !hasEnclosure(channel) {
		// Before the address: a blog's feed without a self link is not a
		// podcast, whatever --feed-url says.
		return nil, fmt.Errorf("%s is an RSS feed without episodes: none of its %d items has an <enclosure> with a url, "+
			"so it is a blog's feed, not a podcast's", name, len(channel.Children("", "item")))
	}
	if opts.URL != "" {
		r.base, _ = url.Parse(opts.URL)
	}
	if r.base == nil || !r.base.IsAbs() {
		r.base, _ = url.Parse(strings.TrimSpace(channel.ChildText("", "link")))
	}

	imp := &Import{comments: map[*episodes.Episode]string{}}
	imp.Show = r.channel(channel, imp)
	if imp.Show.FeedURL == "" {
		return nil, ErrNoFeedURL
	}
	for _, item := range channel.Children("", "item") {
		imp.Episodes = append(imp.Episodes, r.item(item, imp.Show))
	}
	for _, live := range channel.Children(nsPodcast, "liveItem") {
		imp.Episodes = append(imp.Episodes, r.liveItem(live, imp.Show))
	}
	r.settleUndated(imp, channel)
	r.fetch(ctx)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, p := range r.pending {
		p.finish(r)
	}
	imp.Show.Links = splitShowLinks(imp.Episodes, imp.Show)
	nameFiles(imp.Episodes, imp.Show.Link)
	dropOwnPages(imp.Episodes, imp.Show.FeedURL)
	r.repeatedGUIDs(imp)
	r.reportLosses()
	r.probs.Sort()
	imp.Problems = r.probs
	return imp, nil
}

// reader holds the state of one ReadFeed.
type reader struct {
	file     string
	opts     Options
	doc      *xmltree.Doc
	base     *url.URL
	probs    diag.List
	losses   map[string]*loss
	order    []string
	pending  []*pendingItem
	itemNode map[*episodes.Episode]*node
	usedDate map[*node]bool // the elements an item's date was read from
	undated  []undated
}

// pos returns the position of n in the feed.
func (r *reader) pos(n *node) diag.Pos {
	if n == nil {
		return diag.Pos{File: r.file}
	}
	return diag.Pos{File: r.file, Line: n.Line, Col: n.Col}
}

// loss is one kind of thing the files do not keep, counted over items.
type loss struct {
	pos   diag.Pos
	msg   string
	hint  string
	count int
}

// lost records that what n holds is not kept; reports of the same msg are
// merged into one warning at the first place, with a count.
func (r *reader) lost(n *node, msg, hint string) {
	if l, ok := r.losses[msg]; ok {
		l.count++
		return
	}
	r.losses[msg] = &loss{pos: r.pos(n), msg: msg, hint: hint, count: 1}
	r.order = append(r.order, msg)
}

func (r *reader) reportLosses() {
	for _, msg := range r.order {
		l := r.losses[msg]
		text := l.msg
		if l.count > 1 {
			text += fmt.Sprintf(" (%d times; first here)", l.count)
		}
		p := r.probs.Warn(l.pos, "%s", text)
		if l.hint != "" {
			p.WithHint("%s", l.hint)
		}
	}
}

// notKept records an element the files have no place for.
func (r *reader) notKept(n *node, hint string) {
	if hint == "" {
		hint = "podfeed's files have no place for it; copy what matters into podcast.toml or the episode's summary"
	}
	r.lost(n, fmt.Sprintf("<%s> is not kept", r.doc.Name(n)), hint)
}

// abs resolves a possibly relative address against the feed's base;
// spaces in it, which apps read as %20, are written so.
func (r *reader) abs(s string) string {
	return strings.ReplaceAll(resolve(r.base, strings.TrimSpace(s)), " ", "%20")
}

// repeatedGUIDs keeps the first (oldest) episode of a guid live and makes
// every later one a draft whose file says why: apps show only one episode
// per guid.
func (r *reader) repeatedGUIDs(imp *Import) {
	first := map[string]*episodes.Episode{}
	for _, ep := range imp.Episodes {
		f, dup := first[ep.GUID]
		if !dup {
			first[ep.GUID] = ep
			continue
		}
		ep.Draft = true
		imp.comment(ep, fmt.Sprintf("A draft: the feed had this item's guid %q twice, and apps show only the\n"+
			"first item of a guid, %s. Publish it only with a new guid of its own, or\n"+
			"delete this file if it repeats that episode.", ep.GUID, f.File))
		r.probs.Warn(r.pos(r.itemNode[ep]), "item %q repeats the guid %q of %q: written as a draft, %s", ep.Title, ep.GUID, f.Title, ep.File).
			WithHint("apps show one episode per guid; give it a guid of its own to publish it, or delete it")
	}
}

// comment adds a paragraph to the comment at the top of ep's file.
func (imp *Import) comment(ep *episodes.Episode, text string) {
	if c := imp.comments[ep]; c != "" {
		text = c + "\n\n" + text
	}
	imp.comments[ep] = text
}

// clean collapses white space in a one-line value such as a title.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// Files renders the import: podcast.toml, then one file per episode.
func (imp *Import) Files(source string) []output.File {
	comment := "Imported by podfeed import from " + source + "."
	if imp.OldFeedURL != "" && imp.Show.FeedURL == imp.OldFeedURL {
		comment += "\nfeed_url is still the old feed's address: set it to where podfeed's feed.xml\n" +
			"will be served, and have the old address redirect (HTTP 301) there. guid\n" +
			"keeps the show's identity whatever the address."
	}
	files := []output.File{{Name: config.FileName, Data: showfile.EncodeShow(imp.Show, comment)}}
	for _, ep := range imp.Episodes {
		files = append(files, output.File{Name: ep.File, Data: showfile.EncodeEpisode(ep, imp.comments[ep])})
	}
	return files
}
