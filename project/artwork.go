package project

import (
	"context"
	"fmt"
	"net/http"
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
	data, err := os.ReadFile(file)
	if err != nil {
		probs.Add(pos, "image: cannot read %s: %v", name, diag.WithoutPath(err, false)).
			WithHint("put the artwork at %s in the show folder, or write its https address", name)
		return
	}
	if reportArtwork(probs, pos, name, data) {
		return
	}
	copies, err := artwork.Resize(data)
	if err != nil {
		probs.Add(pos, "image: %s: %v", name, err).WithHint("export it again as an RGB JPEG")
		return
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

// checkRemoteArtwork fetches the show's artwork when it is an address and
// applies Apple's rules to it, as loadArtwork does to a local file.
func (s *Show) checkRemoteArtwork(ctx context.Context, client *http.Client) diag.List {
	var probs diag.List
	if len(s.artwork) > 0 || s.Config.Image == "" {
		return probs
	}
	file := filepath.Join(s.Dir, config.FileName)
	pos := diag.Pos{File: file}
	if src, err := os.ReadFile(file); err == nil {
		pos = tomlx.KeyPos(file, src, "image")
	}
	data, err := remote.Get(ctx, client, s.Config.Image, "podfeed check --remote", maxArtworkBytes)
	if err != nil {
		probs.Add(pos, "image: the artwork is unreachable: %v", err).
			WithHint("apps show no artwork without it; check the address and its host")
		return probs
	}
	reportArtwork(&probs, pos, s.Config.Image, data)
	return probs
}
