// Package site renders the show's web page, index.html: artwork, title,
// description, the feed address to copy into a podcast app, links that let
// browsers and apps discover the feeds, and the episode list newest first.
//
// Templates use html/template, so every piece of user text is escaped. site
// knows nothing about files: it returns bytes, and the caller writes them.
package site

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/feed"
)

//go:embed templates/index.html
var templates embed.FS

// Page is what the index template sees.
type Page struct {
	Show     *config.Show
	Episodes []*episodes.Episode // newest first
	FeedURL  string
	AtomURL  string
	JSONURL  string
}

// Index renders index.html for show with the given episodes, which the
// caller has already filtered and ordered newest first.
func Index(show *config.Show, eps []*episodes.Episode) ([]byte, error) {
	tmpl, err := template.New("index.html").Funcs(template.FuncMap{
		"date": func(t time.Time) string { return t.UTC().Format("2 January 2006") },
		"minutes": func(d time.Duration) string {
			if d <= 0 {
				return ""
			}
			return fmt.Sprintf("%d min", int(d.Round(time.Minute)/time.Minute))
		},
	}).ParseFS(templates, "templates/index.html")
	if err != nil {
		return nil, fmt.Errorf("site: parse template: %w", err)
	}
	var b bytes.Buffer
	page := Page{Show: show, Episodes: eps, FeedURL: show.FeedURL, AtomURL: feed.SiblingURL(show.FeedURL, feed.AtomFile), JSONURL: feed.SiblingURL(show.FeedURL, feed.JSONFile)}
	if err := tmpl.Execute(&b, page); err != nil {
		return nil, fmt.Errorf("site: render index.html: %w", err)
	}
	return b.Bytes(), nil
}
