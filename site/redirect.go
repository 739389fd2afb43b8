package site

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/output"
)

// redirectPage is the page left at an episode's old address: a static
// host cannot answer with a 301, so the page says it moved three ways, for
// browsers (meta refresh), search engines (canonical, noindex) and people
// (a plain link). Its links are relative, so that it works from disk and
// from any sub-path; the canonical address is the public one.
var redirectPage = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{.Rel}}">
<link rel="canonical" href="{{.Canonical}}">
<title>{{.Title}} has moved</title>
</head>
<body>
<p>This episode of {{.Show}} has moved to <a href="{{.Rel}}">{{.Canonical}}</a>.</p>
</body>
</html>
`))

// Redirect returns the page at the old address of an episode (the folder
// episodes/<from>/) that sends the visitor on to its page now, the one of
// the slug to. title is the episode's title.
func Redirect(show *config.Show, from, to, title string) (output.File, error) {
	if err := checkSlug(from); err != nil {
		return output.File{}, fmt.Errorf("redirect from %q: %w", from, err)
	}
	if err := checkSlug(to); err != nil {
		return output.File{}, fmt.Errorf("redirect to %q: %w", to, err)
	}
	var buf bytes.Buffer
	err := redirectPage.Execute(&buf, map[string]string{
		"Lang":      show.Language,
		"Show":      show.Title,
		"Title":     title,
		"Rel":       "../" + url.PathEscape(to) + "/index.html",
		"Canonical": address.SiblingURL(show.FeedURL, address.PagePath(to)),
	})
	if err != nil {
		return output.File{}, fmt.Errorf("render the redirect from %s to %s: %w", from, to, err)
	}
	return output.File{Name: PageFile(from), Data: buf.Bytes()}, nil
}

// PageFile is the name in the output folder of the page of slug,
// whether the episode's page or a redirect left there.
func PageFile(slug string) string { return "episodes/" + slug + "/index.html" }
