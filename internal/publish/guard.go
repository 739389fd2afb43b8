package publish

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/podfeed/podfeed/internal/xmlns"
)

// Item is what the guard knows of one episode in a feed: the keys podcast
// apps use to recognise it.
type Item struct {
	GUID         string
	Title        string
	EnclosureURL string
}

// Feed is what the guard knows of a published feed.
type Feed struct {
	ShowGUID string // the channel's <podcast:guid>; "" without one
	Items    []Item
}

// ReadRSSItems reads an RSS 2.0 feed and returns its items, in feed order
// (see [ReadRSS]).
func ReadRSSItems(r io.Reader) ([]Item, error) {
	f, err := ReadRSS(r)
	if err != nil {
		return nil, err
	}
	return f.Items, nil
}

// ReadRSS reads an RSS 2.0 feed: the channel's <podcast:guid> and its
// items, in feed order. Only <rss><channel><item> elements count, and of
// each item only its un-namespaced <guid>, <title> and <enclosure url>,
// with surrounding white space trimmed; other namespaced elements (itunes:,
// content: …) and unknown ones are skipped. A document whose root element
// is not <rss> is an error, so that a wrong file is never mistaken for an
// empty feed.
//
// The feed must be well-formed XML in UTF-8, US-ASCII or ISO-8859-1.
func ReadRSS(r io.Reader) (*Feed, error) {
	d := xml.NewDecoder(bufio.NewReader(r))
	d.CharsetReader = charsetReader

	var (
		feed  Feed
		stack []string // local names of the open un-namespaced elements; "" for others
		text  strings.Builder
		cur   *Item // the item being read
		root  bool  // whether the <rss> element was seen
		show  int   // depth of the open <rss><channel><podcast:guid>; 0 when none is
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read rss: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			local := tok.Name.Local
			if tok.Name.Space != "" {
				if xmlns.Canonical(tok.Name.Space) == xmlns.Podcast && local == "guid" && inPath(stack, "rss", "channel") {
					show = len(stack) + 1
					text.Reset()
				}
				local = ""
			}
			if len(stack) == 0 {
				if local != "rss" {
					return nil, fmt.Errorf("read rss: root element is <%s>, not <rss>", qualified(tok.Name))
				}
				root = true
			}
			stack = append(stack, local)
			switch {
			case inPath(stack, "rss", "channel", "item"):
				cur = &Item{}
			case inPath(stack, "rss", "channel", "item", "enclosure"):
				for _, a := range tok.Attr {
					if a.Name.Space == "" && a.Name.Local == "url" {
						cur.EnclosureURL = strings.TrimSpace(a.Value)
					}
				}
			case inPath(stack, "rss", "channel", "item", "title"),
				inPath(stack, "rss", "channel", "item", "guid"):
				text.Reset()
			}
		case xml.CharData:
			if show > 0 || inPath(stack, "rss", "channel", "item", "title") ||
				inPath(stack, "rss", "channel", "item", "guid") {
				text.Write(tok)
			}
		case xml.EndElement:
			switch {
			case show == len(stack):
				feed.ShowGUID = strings.TrimSpace(text.String())
				show = 0
			case inPath(stack, "rss", "channel", "item"):
				feed.Items = append(feed.Items, *cur)
				cur = nil
			case inPath(stack, "rss", "channel", "item", "title"):
				cur.Title = strings.TrimSpace(text.String())
			case inPath(stack, "rss", "channel", "item", "guid"):
				cur.GUID = strings.TrimSpace(text.String())
			}
			stack = stack[:len(stack)-1]
		}
	}
	if !root {
		return nil, errors.New("read rss: no <rss> element")
	}
	return &feed, nil
}

// inPath reports whether the open elements are exactly path.
func inPath(stack []string, path ...string) bool {
	if len(stack) != len(path) {
		return false
	}
	for i := range path {
		if stack[i] != path[i] {
			return false
		}
	}
	return true
}

func qualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// charsetReader lets the decoder read the single-byte encodings older feed
// tools declare; UTF-8 needs no help.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "us-ascii", "ascii":
		return input, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		return latin1Reader{bufio.NewReader(input)}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", charset)
}

// latin1Reader turns ISO-8859-1 bytes into UTF-8.
type latin1Reader struct{ r *bufio.Reader }

func (l latin1Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		b, err := l.r.ReadByte()
		if err != nil {
			if n > 0 && err == io.EOF {
				return n, nil
			}
			return n, err
		}
		if utf8.RuneLen(rune(b)) > len(p)-n {
			l.r.UnreadByte()
			break
		}
		n += utf8.EncodeRune(p[n:], rune(b))
	}
	return n, nil
}

// LossKind says how an episode would be lost.
type LossKind int

const (
	// Removed: the episode's guid is gone and no new item has its enclosure
	// URL or title.
	Removed LossKind = iota + 1
	// Rekeyed: the episode's guid is gone, and a new item with its enclosure
	// URL (or else its title) has a guid the previous feed did not carry.
	Rekeyed
	// Moved: the episode's guid now names another episode (neither its
	// enclosure URL nor its title is the old one's), and the episode, by
	// both, is under another guid: a guid fixed in the wrong file, or two
	// guids swapped.
	Moved
)

func (k LossKind) String() string {
	switch k {
	case Removed:
		return "removed"
	case Rekeyed:
		return "rekeyed"
	case Moved:
		return "moved"
	}
	return "LossKind(" + strconv.Itoa(int(k)) + ")"
}

// Loss is one episode of the previous feed that the next feed would lose.
type Loss struct {
	Old Item  // the episode as the previous feed carried it
	New *Item // for Rekeyed and Moved, the item of the next feed that replaces it; nil for Removed
	// Heir, for Moved, is the other episode that the next feed gives Old's
	// guid.
	Heir *Item
	Kind LossKind
}

// String returns a one-line message for people, such as
//
//	episode "Title" (guid X) would disappear from the feed
//	episode "Title" would change guid from X to Y
//	episode "Title" would change guid from X to Y, and X would name "Other"
func (l Loss) String() string {
	switch l.Kind {
	case Removed:
		return fmt.Sprintf("episode %s (guid %s) would disappear from the feed", describe(l.Old), showGUID(l.Old.GUID))
	case Rekeyed, Moved:
		to := "?"
		if l.New != nil {
			to = showGUID(l.New.GUID)
		}
		msg := fmt.Sprintf("episode %s would change guid from %s to %s", describe(l.Old), showGUID(l.Old.GUID), to)
		if l.Heir != nil {
			msg += fmt.Sprintf(", and %s would name %s", showGUID(l.Old.GUID), describe(*l.Heir))
		}
		return msg
	}
	return fmt.Sprintf("episode %s (guid %s): %v", describe(l.Old), showGUID(l.Old.GUID), l.Kind)
}

// describe names an item by its title, or else its enclosure URL.
func describe(it Item) string {
	switch {
	case it.Title != "":
		return strconv.Quote(it.Title)
	case it.EnclosureURL != "":
		return "at " + strconv.Quote(it.EnclosureURL)
	}
	return "(untitled)"
}

// showGUID prints a guid as is when that is unambiguous on one line, and
// quoted otherwise.
func showGUID(g string) string {
	if g == "" || strings.ContainsFunc(g, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) || r == '"' }) {
		return strconv.Quote(g)
	}
	return g
}

// Compare reports the episodes of prev (the feed already published) that next
// (the feed about to be published) would lose, in the order of prev. An
// episode whose guid is still in next is kept, whatever else changed,
// unless it Moved: its guid now names an item that shares neither its
// enclosure URL nor its title, and an item under another guid has both.
// An episode whose guid is gone is Rekeyed if an item of next with a guid
// that prev did not carry has the same enclosure URL, or else the same
// title; each such item accounts for one lost episode at most, enclosure
// matches first. Any other lost episode is Removed. Items only in next are
// additions, not losses. Compare returns nil when nothing is lost.
func Compare(prev, next []Item) []Loss {
	nextGUIDs := make(map[string]int, len(next)) // guid → index of its first item
	for i, it := range next {
		if _, ok := nextGUIDs[it.GUID]; !ok {
			nextGUIDs[it.GUID] = i
		}
	}
	lossOf := make(map[int]Loss) // index into prev → its loss
	for i, old := range prev {
		j, ok := nextGUIDs[old.GUID]
		if !ok || old.EnclosureURL == "" || old.Title == "" {
			continue
		}
		heir := next[j]
		if heir.EnclosureURL == old.EnclosureURL || heir.Title == old.Title {
			continue // the guid still names this episode, edited
		}
		for _, it := range next {
			if it.GUID != old.GUID && it.EnclosureURL == old.EnclosureURL && it.Title == old.Title {
				lossOf[i] = Loss{Old: old, New: &it, Heir: &heir, Kind: Moved}
				break
			}
		}
	}
	prevGUIDs := make(map[string]bool, len(prev))
	for _, it := range prev {
		prevGUIDs[it.GUID] = true
	}

	// Candidates: items of next under a guid that is new.
	used := make([]bool, len(next))
	match := func(old Item, key func(Item) string) *Item {
		k := key(old)
		if k == "" {
			return nil
		}
		for i, it := range next {
			if !used[i] && !prevGUIDs[it.GUID] && key(it) == k {
				used[i] = true
				return &it
			}
		}
		return nil
	}

	var lost []int // indexes into prev
	for i, it := range prev {
		if _, ok := nextGUIDs[it.GUID]; !ok {
			lost = append(lost, i)
		}
	}
	if len(lost) == 0 && len(lossOf) == 0 {
		return nil
	}
	news := make([]*Item, len(lost))
	for j, i := range lost {
		news[j] = match(prev[i], func(it Item) string { return it.EnclosureURL })
	}
	for j, i := range lost {
		if news[j] == nil {
			news[j] = match(prev[i], func(it Item) string { return it.Title })
		}
	}
	for j, i := range lost {
		lossOf[i] = Loss{Old: prev[i], New: news[j], Kind: Removed}
		if news[j] != nil {
			lossOf[i] = Loss{Old: prev[i], New: news[j], Kind: Rekeyed}
		}
	}
	losses := make([]Loss, 0, len(lossOf))
	for i := range prev {
		if l, ok := lossOf[i]; ok {
			losses = append(losses, l)
		}
	}
	return losses
}
