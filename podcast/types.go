// Package podcast holds the Podcasting 2.0 tags that a show and its
// episodes share (value, location, license, txt, images, chat, remote
// items, social interaction, soundbites, alternate enclosures,
// transcripts, trailers, update frequency, block): their model, and the
// one reader of each from a TOML table, with every wrong value reported
// at its key with a hint. Package config and package episodes embed them;
// package feed writes them and package importer reads them back.
//
// The tags are those of the namespace at
// https://podcastindex.org/namespace/1.0, named in TOML as they read
// naturally (snake_case of the tag's attributes).
package podcast

import "time"

// Value is podcast:value: how listeners' apps pay the show (a
// Value-for-Value block), on the channel or an episode.
type Value struct {
	Type       string // "lightning", "hive", "webmonetization"
	Method     string // "keysend", "lnaddress", "amp", "ILP" …
	Suggested  string // suggested amount per minute, as written ("0.00000005000"); "" when unset
	Recipients []Recipient
	TimeSplits []TimeSplit
}

// Recipient is podcast:valueRecipient: one share of a value block.
type Recipient struct {
	Name        string
	Type        string // "node", "lnaddress", "wallet" …
	Address     string
	Split       int  // shares, relative to the others' (a fee: percent of the whole)
	Fee         bool // the split is a fee taken first
	CustomKey   string
	CustomValue string
}

// TimeSplit is podcast:valueTimeSplit: for a stretch of an episode, the
// payments go to another feed's item or to other recipients.
type TimeSplit struct {
	Start            time.Duration
	Duration         time.Duration
	RemoteStart      time.Duration // where the remote item's part begins
	RemotePercentage int           // share of the payments that goes to it, 0 to 100; default 100
	RemoteItem       *RemoteItem
	Recipients       []Recipient
}

// RemoteItem is podcast:remoteItem: another feed, or an item of it.
type RemoteItem struct {
	FeedGUID string
	FeedURL  string
	ItemGUID string
	Medium   string
	Title    string // the element's text, which podroll and publisher use
}

// Location is podcast:location (the 2025 revision).
type Location struct {
	Name    string // the place's name, as the tag's text
	Rel     string // "subject" (default) or "creator"
	Geo     string // RFC 5870 geo: URI, "geo:30.2672,97.7431"
	OSM     string // OpenStreetMap object, "R113314"
	Country string // ISO 3166-1 alpha-2
}

// License is podcast:license: an SPDX identifier, or a name with the
// address of its text.
type License struct {
	Identifier string
	URL        string
}

// Txt is podcast:txt: free text for machines, such as a verification code.
type Txt struct {
	Text    string
	Purpose string // "verify", "applepodcastsverify", …; "" when none
}

// Image is podcast:image (the 2024 tag): artwork in another size, aspect
// or purpose.
type Image struct {
	URL         string
	Alt         string
	AspectRatio string // "1/1", "16/9"
	Width       int
	Height      int
	Type        string // MIME type
	Purpose     string // space-separated, "artwork social"
}

// Chat is podcast:chat: where listeners talk about the show or episode.
type Chat struct {
	Server    string
	Protocol  string // "irc", "xmpp", "nostr", "matrix"
	AccountID string
	Space     string
}

// SocialInteract is podcast:socialInteract: where the episode's comments
// thread lives.
type SocialInteract struct {
	URL        string
	Protocol   string // "activitypub", "twitter", "lightning", "atproto", "disabled"
	AccountID  string
	AccountURL string
	Priority   int
}

// Soundbite is podcast:soundbite: a part of the episode to share as a clip.
type Soundbite struct {
	Start    time.Duration
	Duration time.Duration
	Title    string
}

// Transcript is podcast:transcript.
type Transcript struct {
	URL      string
	Type     string // MIME type: text/vtt, application/x-subrip, application/json, text/html, text/plain
	Language string // BCP 47; "" for the feed's
	Captions bool   // rel="captions": timed, to show as closed captions
	// File is the transcript as a file in the show folder, relative to
	// it, cleaned, with "/"; "" when none. Without URL it is published
	// beside the feed, which gives it its address; a timed one (WebVTT,
	// SRT) is shown on the episode's page either way. Package project
	// reads it.
	File string
}

// AlternateEnclosure is podcast:alternateEnclosure: the episode's media in
// another format, bitrate or language. The RSS enclosure stays the default.
type AlternateEnclosure struct {
	Type      string // MIME type
	Length    int64  // bytes; 0 when unknown
	Bitrate   float64
	Height    int
	Language  string
	Title     string
	Rel       string
	Codecs    string
	Default   bool
	Sources   []Source
	Integrity *Integrity
}

// Source is podcast:source: one address of an alternate enclosure.
type Source struct {
	URL         string
	ContentType string
}

// Integrity is podcast:integrity: a hash of the media.
type Integrity struct {
	Type  string // "sri" or "pgp-signature"
	Value string
}

// Trailer is podcast:trailer: a trailer of the show, on the channel.
type Trailer struct {
	Title     string
	URL       string
	Published time.Time
	Length    int64
	Type      string
	Season    int
}

// UpdateFrequency is podcast:updateFrequency: how often the show means
// to publish.
type UpdateFrequency struct {
	Text     string // "Weekly on Tuesdays"
	RRule    string // RFC 5545 rule, "FREQ=WEEKLY;BYDAY=TU"
	Complete bool
	Start    time.Time // dtstart; zero when unset
}

// Block says which platforms may not list the show: none, all (itunes:block
// and podcast:block yes) or the named ones (podcast:block id=…).
type Block struct {
	All       bool
	Platforms []string // podcast:block ids, "spotify", "google" …
}

// Set reports whether anything is blocked.
func (b Block) Set() bool { return b.All || len(b.Platforms) > 0 }

// Person is podcast:person: someone who takes part in the show or the
// episode.
type Person struct {
	Name  string
	Role  string // "host" (the default), "guest", … from the namespace's taxonomy
	Group string // "cast" (the default), "writing", … ; "" for the default
	Href  string
	Img   string
}

// DefaultRole is a person's role when the file gives none.
const DefaultRole = "host"
