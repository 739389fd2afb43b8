package project

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/podfeed/podfeed/artwork"
	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/remote"
	"github.com/podfeed/podfeed/internal/tomlx"
	"github.com/podfeed/podfeed/site"
)

// maxArtworkBytes is how much of a remote artwork check --remote reads: a
// 3000 × 3000 PNG without compression is 27 MB, and Apple asks for far less.
const maxArtworkBytes = 32 << 20

// loadArtwork checks the show's artwork when image names a file in the show
// folder (src is podcast.toml, for the key's line): a valid one becomes an
// output beside the feed with its resized copies for the site (name-600.jpg,
// name-160.jpg, name-64.png), and the show's image its public address.
func (s *Show) loadArtwork(src []byte, probs *diag.List) {
	name, ok := address.LocalFile(s.Config.Image)
	if !ok {
		return
	}
	showFile := filepath.Join(s.Dir, config.FileName)
	pos := tomlx.KeyPos(showFile, src, "image")
	file := filepath.Join(s.Dir, filepath.FromSlash(name))
	info, err := os.Stat(file) // before reading: the cache must not claim newer input
	var data []byte
	if err == nil {
		data, err = os.ReadFile(file)
	}
	if err != nil {
		probs.Add(pos, "image: cannot read %s: %v", name, diag.WithoutPath(err, false)).
			WithHint("put the artwork at %s in the show folder, or write its https address", name)
		return
	}
	if reportArtwork(probs, pos, name, data) {
		return
	}
	// Resizing takes about 250 ms: the last build's copies serve while
	// the file is as it was.
	copies, ok := s.inc.artworkCopies(name, info)
	if !ok {
		if copies, err = artwork.Resize(data); err != nil {
			probs.Add(pos, "image: %s: %v", name, err).WithHint("export it again as an RGB JPEG")
			return
		}
		s.inc.recordArtwork(name, info, copies)
	}
	base := strings.TrimSuffix(name, path.Ext(name))
	files := []output.File{
		{Name: name, Source: file},
		{Name: fmt.Sprintf("%s-%d.jpg", base, artwork.Hero), Data: copies.Hero},
		{Name: fmt.Sprintf("%s-%d.jpg", base, artwork.Thumb), Data: copies.Thumb},
		{Name: fmt.Sprintf("%s-%d.png", base, artwork.Icon), Data: copies.Icon},
	}
	at := func(f output.File) string { return address.SiblingURL(s.Config.FeedURL, escapePath(f.Name)) }
	s.artwork = files
	s.Config.Image = at(files[0])
	s.siteArtwork = site.Artwork{Hero: at(files[1]), Thumb: at(files[2]), Icon: at(files[3])}
}

// imageFiles lists the image files in the show folder that episodes and
// their chapters name, sorted: inputs of the build like media files.
func (s *Show) imageFiles() []string {
	var files []string
	for _, e := range s.Episodes {
		for _, v := range episodeImages(e) {
			if name, ok := address.LocalFile(*v); ok {
				files = append(files, name)
			}
		}
	}
	slices.Sort(files)
	return slices.Compact(files)
}

// episodeImages returns the image keys of e that may name a file: its own
// artwork and each chapter's image.
func episodeImages(e *episodes.Episode) []*string {
	keys := []*string{&e.Image}
	for i := range e.Chapters {
		keys = append(keys, &e.Chapters[i].Image)
	}
	return keys
}

// loadEpisodeImages checks the image files that episodes name: an
// episode's artwork against Apple's rules (as the show's), a chapter's
// image only that it is a JPEG or PNG. A valid one becomes an output
// beside the feed and its key the file's public address.
func (s *Show) loadEpisodeImages(probs *diag.List) {
	for _, e := range s.Episodes {
		ep := episodeProblems{probs, e}
		for i, v := range episodeImages(e) {
			name, ok := address.LocalFile(*v)
			if !ok {
				continue
			}
			key := "image"
			if i > 0 {
				key = "chapters"
			}
			file := filepath.Join(s.Dir, filepath.FromSlash(name))
			data, err := os.ReadFile(file)
			if err != nil {
				ep.errorf(key, "cannot read %s: %v", name, diag.WithoutPath(err, false)).
					WithHint("put the image at %s in the show folder, or write its https address", name)
				continue
			}
			if i == 0 && reportArtwork(probs, ep.pos(key), name, data) {
				continue
			}
			if info, found := artwork.Check(data); i > 0 && info.Format == "" {
				ep.errorf(key, "chapter image %s %s", name, found[0].Msg).WithHint("%s", found[0].Hint)
				continue
			}
			if s.images == nil {
				s.images = make(map[*episodes.Episode][]output.File)
			}
			s.images[e] = append(s.images[e], output.File{Name: name, Source: file})
			*v = address.SiblingURL(s.Config.FeedURL, escapePath(name))
		}
	}
}

// reportArtwork records at pos every rule of Apple's that the artwork
// named what breaks, and reports whether one of them is an error.
func reportArtwork(probs *diag.List, pos diag.Pos, what string, data []byte) (failed bool) {
	_, found := artwork.Check(data)
	return reportProblems(probs, pos, what, found)
}

// reportProblems records at pos the problems that artwork.Check found in
// the artwork named what, and reports whether one of them is an error.
func reportProblems(probs *diag.List, pos diag.Pos, what string, found []artwork.Problem) (failed bool) {
	for _, p := range found {
		if p.Warning {
			probs.Warn(pos, "image: %s %s", what, p.Msg).WithHint("%s", p.Hint)
			continue
		}
		probs.Add(pos, "image: %s %s", what, p.Msg).WithHint("%s", p.Hint)
		failed = true
	}
	return failed
}

// remoteImage is one key whose value is an image's address, which check
// --remote fetches: the show's image (ep nil), an episode's ("image") or a
// chapter's ("chapters[2].image").
type remoteImage struct {
	url string
	ep  *episodes.Episode
	key string
}

// chapter reports whether the image is a chapter's, which only has to be a
// JPEG or PNG; the show's and an episode's follow Apple's artwork rules.
func (r remoteImage) chapter() bool { return r.ep != nil && r.key != "image" }

// remoteImages lists the image addresses of the show, of every episode
// (drafts and scheduled ones included, as Load checks local images) and of
// their chapters. Files in the show folder are left out: Load checked them,
// and the address a build gives them may not be published yet.
func (s *Show) remoteImages() []remoteImage {
	var uses []remoteImage
	if len(s.artwork) == 0 && isAddress(s.Config.Image) {
		uses = append(uses, remoteImage{url: s.Config.Image})
	}
	published := make(map[string]bool)
	for _, files := range s.images {
		for _, f := range files {
			published[address.SiblingURL(s.Config.FeedURL, escapePath(f.Name))] = true
		}
	}
	for _, e := range s.Episodes {
		for i, v := range episodeImages(e) {
			if !isAddress(*v) || published[*v] {
				continue
			}
			key := "image"
			if i > 0 {
				key = fmt.Sprintf("chapters[%d].image", i-1)
			}
			uses = append(uses, remoteImage{url: *v, ep: e, key: key})
		}
	}
	return uses
}

// isAddress reports whether v is an http(s) address, which check --remote
// can fetch.
func isAddress(v string) bool {
	u, err := url.Parse(v)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// fetchedImage is what check --remote learnt of one image address: why it
// could not be fetched, or what artwork.Check found in it. The image
// itself is not kept: artwork can be tens of megabytes.
type fetchedImage struct {
	err   error
	info  artwork.Info
	found []artwork.Problem
}

// fetchImage fetches the image at url and checks it.
func fetchImage(ctx context.Context, client *http.Client, url string) fetchedImage {
	data, err := remote.Get(ctx, client, url, "podfeed check --remote", maxArtworkBytes)
	if err != nil {
		return fetchedImage{err: err}
	}
	info, found := artwork.Check(data)
	return fetchedImage{info: info, found: found}
}

// reportRemoteImage records what is wrong with the image that use names,
// at use's key, by the rules a local file there would be held to.
func (s *Show) reportRemoteImage(probs *diag.List, use remoteImage, got fetchedImage) {
	var pos diag.Pos
	if use.ep == nil {
		file := filepath.Join(s.Dir, config.FileName)
		pos = diag.Pos{File: file}
		if src, err := os.ReadFile(file); err == nil {
			pos = tomlx.KeyPos(file, src, "image")
		}
	} else {
		pos = episodeProblems{probs, use.ep}.pos(use.key)
	}
	switch {
	case got.err != nil && use.chapter():
		probs.Add(pos, "%s: the chapter image is unreachable: %v", use.key, got.err).
			WithHint("apps show no image for this chapter; check the address and its host")
	case got.err != nil:
		probs.Add(pos, "image: the artwork is unreachable: %v", got.err).
			WithHint("apps show no artwork without it; check the address and its host")
	case use.chapter():
		if got.info.Format == "" {
			probs.Add(pos, "%s: chapter image %s %s", use.key, use.url, got.found[0].Msg).
				WithHint("%s", got.found[0].Hint)
		}
	default:
		reportProblems(probs, pos, use.url, got.found)
	}
}
