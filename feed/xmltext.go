package feed

import (
	"reflect"
	"slices"
	"unicode/utf8"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/escape"
	"github.com/podfeed/podfeed/podcast"
)

// cleanText returns s as XML 1.0 text: every byte that is not valid UTF-8
// becomes U+FFFD, and characters XML 1.0 does not allow (C0 controls other
// than tab, line feed and carriage return; U+FFFE and U+FFFF; surrogates)
// are removed. Strings that need no change are returned as they are.
//
// It is the one cleaning function: every string from the show and the
// episodes passes through it before rendering (see cleanShow and
// cleanEpisode), and so does every piece of HTML rendered from them.
func cleanText(s string) string {
	if escape.IsXMLText(s) {
		return s
	}
	out := make([]rune, 0, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			out = append(out, utf8.RuneError)
		case escape.IsXMLChar(r):
			out = append(out, r)
		}
	}
	return string(out)
}

// cleanEach returns s with clean applied to every element. It shares s
// when clean changes nothing, which is almost always: a big show's slices
// are not copied for nothing.
func cleanEach[T comparable](s []T, clean func(T) T) []T {
	for i, v := range s {
		if c := clean(v); c != v {
			out := slices.Clone(s)
			out[i] = c
			for j := i + 1; j < len(out); j++ {
				out[j] = clean(out[j])
			}
			return out
		}
	}
	return s
}

func cleanLink(l episodes.Link) episodes.Link {
	return episodes.Link{Group: cleanText(l.Group), Title: cleanText(l.Title), URL: cleanText(l.URL), Note: cleanText(l.Note)}
}

// cleanShow returns a copy of s with every string cleaned by cleanText. The
// caller's show is not modified.
func cleanShow(s *config.Show) *config.Show {
	c := *s
	c.File = cleanText(s.File)
	c.Title = cleanText(s.Title)
	c.Description = cleanText(s.Description)
	c.Link = cleanText(s.Link)
	c.FeedURL = cleanText(s.FeedURL)
	c.Language = cleanText(s.Language)
	c.Author = cleanText(s.Author)
	c.Image = cleanText(s.Image)
	c.NewFeedURL, c.Block = cleanText(s.NewFeedURL), cleanAll(s.Block)
	c.People, c.Location, c.License, c.Txt, c.Images = cleanAll(s.People), cleanAll(s.Location), cleanAll(s.License), cleanAll(s.Txt), cleanAll(s.Images)
	c.Trailers, c.UpdateFrequency, c.Podroll, c.Publisher = cleanAll(s.Trailers), cleanAll(s.UpdateFrequency), cleanAll(s.Podroll), cleanAll(s.Publisher)
	c.RemoteItems, c.Chat, c.Value = cleanAll(s.RemoteItems), cleanAll(s.Chat), cleanAll(s.Value)
	c.Categories = slices.Clone(s.Categories)
	for i := range c.Categories {
		c.Categories[i].Name = cleanText(c.Categories[i].Name)
		c.Categories[i].Sub = cleanText(c.Categories[i].Sub)
	}
	c.Type = cleanText(s.Type)
	c.Copyright = cleanText(s.Copyright)
	c.GUID = cleanText(s.GUID)
	c.Owner.Name = cleanText(s.Owner.Name)
	c.Owner.Email = cleanText(s.Owner.Email)
	c.Links = slices.Clone(s.Links)
	for i := range c.Links {
		l := &c.Links[i]
		l.Group, l.Title, l.URL, l.Note = cleanText(l.Group), cleanText(l.Title), cleanText(l.URL), cleanText(l.Note)
	}
	c.Funding = slices.Clone(s.Funding)
	for i := range c.Funding {
		c.Funding[i].URL = cleanText(c.Funding[i].URL)
		c.Funding[i].Text = cleanText(c.Funding[i].Text)
	}
	c.Directories = slices.Clone(s.Directories)
	for i := range c.Directories {
		c.Directories[i].Name = cleanText(c.Directories[i].Name)
		c.Directories[i].URL = cleanText(c.Directories[i].URL)
	}
	if s.Locked != nil {
		l := *s.Locked
		l.Owner = cleanText(l.Owner)
		c.Locked = &l
	}
	c.Medium = cleanText(s.Medium)
	c.Notify.Hubs = cleanEach(s.Notify.Hubs, cleanText)
	c.Build.Episodes = cleanText(s.Build.Episodes)
	c.Build.Output = cleanText(s.Build.Output)
	return &c
}

// cleanEpisode returns a copy of e with every string cleaned by cleanText,
// or e itself when none needs cleaning (a big show's feeds keep every
// episode they render until they are written, and all but a few are
// clean). The caller's episode is not modified; the copy shares its slices
// when they need no cleaning, so neither may be modified after.
func cleanEpisode(e *episodes.Episode) *episodes.Episode {
	if episodeIsClean(e) {
		return e
	}
	c := *e
	c.File = cleanText(e.File)
	c.Slug = cleanText(e.Slug)
	c.Title = cleanText(e.Title)
	c.EpisodeType = cleanText(e.EpisodeType)
	c.GUID = cleanText(e.GUID)
	c.Summary = cleanText(e.Summary)
	if e.Explicit != nil {
		x := *e.Explicit
		c.Explicit = &x
	}
	c.Image = cleanText(e.Image)
	c.Keywords = cleanEach(e.Keywords, cleanText)
	c.Link = cleanText(e.Link)
	c.Audio.URL = cleanText(e.Audio.URL)
	c.Audio.Type = cleanText(e.Audio.Type)
	c.Audio.File = cleanText(e.Audio.File)
	c.Chapters = cleanEach(e.Chapters, cleanChapter)
	c.Links = cleanEach(e.Links, cleanLink)
	c.Takeaways = cleanEach(e.Takeaways, cleanText)
	c.People = cleanEach(e.People, func(p episodes.Person) episodes.Person {
		p.Name, p.Role, p.Group, p.Href, p.Img = cleanText(p.Name), cleanText(p.Role), cleanText(p.Group), cleanText(p.Href), cleanText(p.Img)
		return p
	})
	c.Transcripts = cleanEach(e.Transcripts, func(t podcast.Transcript) podcast.Transcript {
		t.URL, t.Type, t.Language, t.File = cleanText(t.URL), cleanText(t.Type), cleanText(t.Language), cleanText(t.File)
		return t
	})
	c.Soundbites = cleanAll(e.Soundbites)
	c.AlternateEnclosures = cleanAll(e.AlternateEnclosures)
	c.Location, c.License, c.Txt, c.Images = cleanAll(e.Location), cleanAll(e.License), cleanAll(e.Txt), cleanAll(e.Images)
	c.Chat, c.SocialInteract, c.Value, c.Live = cleanAll(e.Chat), cleanAll(e.SocialInteract), cleanAll(e.Value), cleanAll(e.Live)
	return &c
}

// cleanChapter returns ch with its strings cleaned.
func cleanChapter(ch episodes.Chapter) episodes.Chapter {
	ch.Title, ch.URL, ch.Image = cleanText(ch.Title), cleanText(ch.URL), cleanText(ch.Image)
	return ch
}

// cleanBare is cleanEpisode for an episode whose items an earlier build
// wrote (see Options.Reuse): they are copied, not rendered, so only the
// strings that its entry (see bareEntry), the order of the items and its
// chapters file are made of are read and cleaned; the rest is left as it
// is, unread. After an edit of a big show, cleaning every string of
// every episode took 40 ms.
func cleanBare(e *episodes.Episode) *episodes.Episode {
	clean := allXMLText(e.File, e.Slug, e.Title, e.GUID, e.Link, e.Audio.URL)
	for _, ch := range e.Chapters {
		clean = clean && allXMLText(ch.Title, ch.URL, ch.Image)
	}
	if clean {
		return e
	}
	c := *e
	c.File, c.Slug, c.Title, c.GUID = cleanText(e.File), cleanText(e.Slug), cleanText(e.Title), cleanText(e.GUID)
	c.Link, c.Audio.URL = cleanText(e.Link), cleanText(e.Audio.URL)
	c.Chapters = cleanEach(e.Chapters, cleanChapter)
	return &c
}

// episodeIsClean reports whether cleanEpisode would return e as it is:
// whether every string it cleans is XML text already. It reads the fields
// it knows by name, as cleanEpisode does, and only the Podcasting 2.0 tags
// by reflection: a build checks every string of every episode, and isClean
// alone took 100 ms for 10,000 episodes. TestCleanEpisodeCopiesOnlyToClean
// finds a string it misses.
func episodeIsClean(e *episodes.Episode) bool {
	if !allXMLText(e.File, e.Slug, e.Title, e.EpisodeType, e.GUID, e.Summary, e.Image, e.Link, e.Audio.URL, e.Audio.Type, e.Audio.File) ||
		!allXMLText(e.Keywords...) || !allXMLText(e.Takeaways...) {
		return false
	}
	for _, c := range e.Chapters {
		if !allXMLText(c.Title, c.URL, c.Image) {
			return false
		}
	}
	for _, l := range e.Links {
		if !allXMLText(l.Group, l.Title, l.URL, l.Note) {
			return false
		}
	}
	for _, p := range e.People {
		if !allXMLText(p.Name, p.Role, p.Group, p.Href, p.Img) {
			return false
		}
	}
	for _, t := range e.Transcripts {
		if !allXMLText(t.URL, t.Type, t.Language, t.File) {
			return false
		}
	}
	for _, v := range []any{e.Soundbites, e.AlternateEnclosures, e.Location, e.License, e.Txt, e.Images, e.Chat, e.SocialInteract, e.Value, e.Live} {
		if !isClean(reflect.ValueOf(v)) {
			return false
		}
	}
	return true
}

// allXMLText reports whether every one of ss is XML text (see isXMLText).
func allXMLText(ss ...string) bool {
	for _, s := range ss {
		if !escape.IsXMLText(s) {
			return false
		}
	}
	return true
}

// cdata is element text written as a CDATA section. encoding/xml splits a
// "]]>" inside it across two sections, so any cleaned text is safe in it.
type cdata struct {
	Text string `xml:",cdata"`
}

// cleanAll returns a deep copy of v with every string in it cleaned (see
// cleanText): for the Podcasting 2.0 tags of package podcast, whose many
// small structs are copied the same way.
func cleanAll[T any](v T) T {
	out := reflect.New(reflect.TypeOf(&v).Elem()).Elem()
	cleanValue(out, reflect.ValueOf(v))
	return out.Interface().(T)
}

// isClean reports whether cleanValue would copy v as it is: every string
// that it cleans (in exported fields, through pointers, slices and
// structs) is XML text already.
func isClean(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return escape.IsXMLText(v.String())
	case reflect.Pointer:
		return v.IsNil() || isClean(v.Elem())
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return true // bytes, which cleanValue copies as they are
		}
		for i := range v.Len() {
			if !isClean(v.Index(i)) {
				return false
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			if t.Field(i).IsExported() && !isClean(v.Field(i)) {
				return false
			}
		}
	case reflect.Map, reflect.Interface, reflect.Array:
		return false // none in the models: a copy, to be safe
	}
	return true
}

// cleanValue sets dst, a settable value, to a cleaned deep copy of src.
func cleanValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.String:
		dst.SetString(cleanText(src.String()))
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		cleanValue(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := range src.Len() {
			cleanValue(s.Index(i), src.Index(i))
		}
		dst.Set(s)
	case reflect.Struct:
		dst.Set(src) // unexported fields and times, as they are
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				cleanValue(dst.Field(i), src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}
