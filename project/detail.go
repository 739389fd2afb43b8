package project

import (
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/podcast"
)

// episodeDetail is what of an episode only its rendered outputs show: its
// feed items, its page and embed, and its excerpt on a page of the episode
// list. Nothing else a build works out reads it (the keys, the guard, the
// neighbours' links, the media, image and transcript files), and nothing
// changes it after the episode is decoded. So the incremental cache keeps
// it apart from the rest of a cached episode, and a build that loads its
// show with [LoadOptions.Partial] reads it only for the episodes whose
// outputs it renders again: after an edit of a show of 10,000 episodes, a
// few dozen of them, where the summaries and takeaways of all were half
// of what the build held in memory. TestEpisodeDetail finds a field of
// [episodes.Episode] that is in neither part.
//
// The chapters are in both parts: all of them in the detail, the first
// alone in the rest, which tells whoever asks that the episode has
// chapters (its chapters file, the podcast:chapters of its items). An
// edit of bench/'s show of 10,000 episodes, a dozen chapters each, peaked
// at 125 MB with them apart, against 135 MB (medians of eight,
// interleaved). Only where a build works on them for every episode (see
// chaptersApart) the rest keeps them all.
type episodeDetail struct {
	Summary             string // first: detailSummary reads it alone
	Keywords            []string
	Links               []episodes.Link
	Takeaways           []string
	Soundbites          []podcast.Soundbite
	AlternateEnclosures []podcast.AlternateEnclosure
	Location            *podcast.Location
	License             *podcast.License
	Txt                 []podcast.Txt
	Images              []podcast.Image
	Chat                *podcast.Chat
	SocialInteract      []podcast.SocialInteract
	Value               *podcast.Value
	// Chapters is the episode's chapters when the rest keeps only the
	// first (see chaptersApart); nil when the rest keeps them all.
	Chapters []episodes.Chapter
}

// detailSummary is the start of an episode's detail: what a page of the
// episode list shows of it. A record of an episodeDetail is read as one
// (see internal/pack), the rest of the record left unread.
type detailSummary struct {
	Summary string
}

// detailOf returns e's detail, and e without it: what of e the cache
// keeps for every build.
func detailOf(e *episodes.Episode) (bare episodes.Episode, d episodeDetail) {
	d = episodeDetail{
		Summary: e.Summary, Keywords: e.Keywords, Links: e.Links, Takeaways: e.Takeaways,
		Soundbites: e.Soundbites, AlternateEnclosures: e.AlternateEnclosures, Location: e.Location, License: e.License,
		Txt: e.Txt, Images: e.Images, Chat: e.Chat, SocialInteract: e.SocialInteract, Value: e.Value,
	}
	bare = *e
	bare.Summary, bare.Keywords, bare.Links, bare.Takeaways = "", nil, nil, nil
	bare.Soundbites, bare.AlternateEnclosures, bare.Location, bare.License = nil, nil, nil, nil
	bare.Txt, bare.Images, bare.Chat, bare.SocialInteract, bare.Value = nil, nil, nil, nil, nil
	if chaptersApart(e) {
		d.Chapters, bare.Chapters = e.Chapters, e.Chapters[:1:1]
	}
	return bare, d
}

// chaptersApart reports whether e's chapters go to its detail, all but
// the first left out of the rest: when there are more than one, and a
// build works on none of them for every episode. It does for an episode
// with a media file of the show's own (media.go compares its chapters with
// the file's, and checks them against its duration) and for chapters with
// an image (artwork.go reads the image file, and writes its address into
// the chapter).
func chaptersApart(e *episodes.Episode) bool {
	if len(e.Chapters) < 2 || e.Audio.File != "" {
		return false
	}
	for _, c := range e.Chapters {
		if c.Image != "" {
			return false
		}
	}
	return true
}

// restore gives e, an episode without its detail, the detail d.
func (d *episodeDetail) restore(e *episodes.Episode) {
	e.Summary, e.Keywords, e.Links, e.Takeaways = d.Summary, d.Keywords, d.Links, d.Takeaways
	e.Soundbites, e.AlternateEnclosures, e.Location, e.License = d.Soundbites, d.AlternateEnclosures, d.Location, d.License
	e.Txt, e.Images, e.Chat, e.SocialInteract, e.Value = d.Txt, d.Images, d.Chat, d.SocialInteract, d.Value
	if d.Chapters != nil {
		e.Chapters = d.Chapters
	}
}
