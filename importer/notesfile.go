package importer

import (
	"errors"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
)

// NotesOptions tune [ReadNotes].
type NotesOptions struct {
	// Show is the show the episode joins, or nil. When set, links the show
	// already lists (podcast.toml [[links]], by address) are left out of the
	// episode, since podfeed adds them to every episode's notes, and the
	// show's title is taken off the start of the title line.
	Show *config.Show
}

// ReadNotes reads an episode's plain-text show notes, in the shape of
// examples/coding-chats/show-notes.txt:
//
//   - the first line is the title; a leading show name ("Coding Chats …") or
//     episode number ("Episode 55: …") is taken off, and " : " becomes ": ";
//   - the lines up to the first section are the summary; a leading
//     "<show> episode 55 - " gives the episode's number and is taken off;
//   - "Chapters" is followed by timestamp lines ("03:49 Title");
//   - "Links" is followed by groups: a name line, then lines of
//     "Title: https://… note" or a bare address (titled after the site and
//     the group, "Emma's Links" + LinkedIn → "Emma's LinkedIn");
//   - "Takeaways" is followed by one takeaway per line.
//
// Sections may come in any order and any may be missing; lines the sections
// cannot use stay in the summary. It returns the episode with Title,
// Number, Summary, Chapters, Links and Takeaways set; guid, published, the
// file name and the audio are the caller's.
func ReadNotes(src []byte, opts NotesOptions) (*episodes.Episode, error) {
	text := strings.ToValidUTF8(string(src), "\uFFFD")
	text = strings.TrimPrefix(text, "\uFEFF")
	blocks := textBlocks(text)
	if len(blocks) == 0 {
		return nil, errors.New("the notes are empty")
	}
	ep := &episodes.Episode{EpisodeType: episodes.TypeFull}
	ep.Title = blocks[0].text()
	blocks = blocks[1:]
	if len(blocks) > 0 {
		blocks[0].brk = false
	}

	showName := ""
	if opts.Show != nil {
		showName = opts.Show.Title
	}
	// "Coding Chats episode 55 - Emma …" at the start of the summary.
	if len(blocks) > 0 && len(blocks[0].runs) > 0 && blocks[0].runs[0].href == "" {
		first := &blocks[0].runs[0]
		if m := episodeLead.FindStringSubmatchIndex(first.text); m != nil {
			ep.Number, _ = strconv.Atoi(first.text[m[4]:m[5]])
			if showName == "" {
				showName = strings.TrimSpace(first.text[m[2]:m[3]])
			}
			first.text = first.text[m[1]:]
		}
	}
	ep.Title = cleanTitle(ep.Title, showName, &ep.Number)

	n := analyse(blocks, 0)
	ep.Summary = n.summary
	ep.Chapters = n.chapters
	ep.Takeaways = n.takeaways
	ep.Links = n.links
	if opts.Show != nil {
		known := map[string]bool{}
		for _, l := range opts.Show.Links {
			known[urlKey(l.URL)] = true
		}
		var kept []episodes.Link
		for _, l := range ep.Links {
			if !known[urlKey(l.URL)] {
				kept = append(kept, l)
			}
		}
		ep.Links = kept
	}
	return ep, nil
}

// episodeLead matches "<show> episode 55 - " at the start of a summary.
var episodeLead = regexp.MustCompile(`(?i)^(.*?)\s*\bepisode\s*#?\s*(\d{1,6})\s*[-–—:|.]\s+`)

// titleNumber matches "Episode 55: ", "#55 - ", "55. " at the start of a
// title.
var titleNumber = regexp.MustCompile(`(?i)^(?:episode\s*|ep\.?\s*)?#?(\d{1,6})\s*[-–—:|.]\s+`)

// cleanTitle takes the show's name and a number off the start of a title
// line, and closes up " : ".
func cleanTitle(title, showName string, number *int) string {
	t := strings.TrimSpace(title)
	if showName != "" && len(t) > len(showName) && strings.EqualFold(t[:len(showName)], showName) {
		rest := strings.TrimLeft(t[len(showName):], " :-–—|")
		if rest != "" && rest != t[len(showName):] {
			t = rest
		}
	}
	if m := titleNumber.FindStringSubmatch(t); m != nil && len(t) > len(m[0]) {
		if n, err := strconv.Atoi(m[1]); err == nil && (*number == 0 || *number == n) {
			*number = n
			t = t[len(m[0]):]
		}
	}
	t = spacedColon.ReplaceAllString(t, ": ")
	return clean(t)
}

var spacedColon = regexp.MustCompile(`\s+:\s+`)

// urlKey is an address compared loosely: without scheme, "www." and a final
// slash, host in lower case.
func urlKey(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return s
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	return host + strings.TrimSuffix(u.EscapedPath(), "/") + "?" + u.RawQuery
}
