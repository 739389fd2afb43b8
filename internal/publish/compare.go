package publish

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

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
	// Why says where the episode went, as far as the show tells: [Guard]
	// fills it in with [GuardOptions.Explain]; [Compare] leaves it empty.
	Why string
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

// Explained is the loss's message followed by why, when that is known.
func (l Loss) Explained() string {
	if l.Why == "" {
		return l.String()
	}
	return l.String() + ": " + l.Why
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
