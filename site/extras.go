package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode"

	xhtml "golang.org/x/net/html"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/internal/escape"
)

// Asset files: the stylesheet and the script every page shares. They are
// written as assets/<name>.<hash>.<ext>, named by a hash of their bytes, so
// that a host may cache them forever and a changed file gets a new name.
const (
	CSSTemplate    = "site.css"
	ScriptTemplate = "player.js"
	MonogramFile   = "icon.svg" // the favicon of a show without a small copy of its artwork
	AssetsDir      = "assets"
)

// Files besides the pages.
const (
	NotFoundFile = "404.html"
	SitemapFile  = "sitemap.xml"
	RobotsFile   = "robots.txt"
)

// PageSize is the most episodes one page of the show's list holds (see
// lists.go), so that no page of a big show grows past about 100 KB.
const PageSize = 50

// assetName returns the content-hashed file name of an asset.
func assetName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return AssetsDir + "/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

// Block is one paragraph or list item of an excerpt.
type Block struct {
	Text string
	Item bool // a list item
}

// Blocks is an excerpt: paragraphs and list items in order.
type Blocks []Block

// Groups returns the blocks as the template writes them: runs of list
// items together, each paragraph alone.
func (bs Blocks) Groups() [][]Block {
	var out [][]Block
	for _, b := range bs {
		if n := len(out); n > 0 && b.Item && out[n-1][0].Item {
			out[n-1] = append(out[n-1], b)
			continue
		}
		out = append(out, []Block{b})
	}
	return out
}

// excerpt turns a summary rendered in Apple's subset (p, ul, ol, li, a)
// into its blocks, keeping at most about n bytes of text: sentences stay
// in their paragraphs and list items stay items, rather than running
// together ("What we cover Sowing indoors…").
func excerpt(subset string, n int) Blocks {
	var (
		out   Blocks
		cur   strings.Builder
		item  bool
		depth int // list nesting
		total int
	)
	flush := func() {
		text := strings.Join(strings.Fields(cur.String()), " ")
		cur.Reset()
		if text == "" || total >= n {
			return
		}
		if total+len(text) > n {
			text = shorten(text, max(n-total, 40))
		}
		total += len(text)
		out = append(out, Block{Text: text, Item: item})
	}
	z := xhtml.NewTokenizer(strings.NewReader(subset))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			flush()
			return out
		case xhtml.TextToken:
			cur.Write(z.Text())
		case xhtml.StartTagToken, xhtml.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "p", "li":
				flush()
				item = depth > 0
			case "ul", "ol":
				flush()
				if z.Token().Type == xhtml.StartTagToken {
					depth++
				} else if depth > 0 {
					depth--
				}
				item = depth > 0
			case "br":
				cur.WriteByte(' ')
			}
		}
	}
}

// metaText writes an excerpt as one line for a meta description: items
// joined by semicolons, a paragraph that leads into a list ends in a colon.
func (bs Blocks) metaText() string {
	var b strings.Builder
	for i, blk := range bs {
		if i > 0 {
			prev := bs[i-1]
			switch {
			case prev.Item && blk.Item:
				b.WriteString("; ")
			case !prev.Item && blk.Item && !strings.ContainsAny(prev.Text[len(prev.Text)-1:], ".:!?…"):
				b.WriteString(": ")
			case !strings.ContainsAny(prev.Text[len(prev.Text)-1:], ".:!?…"):
				b.WriteString(". ")
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(blk.Text)
	}
	return b.String()
}

// Share is a link that shares a page on a network.
type Share struct {
	Name string
	URL  string
}

// shares returns the share links of a page: networks whose share address
// takes the page's address and a text, and e-mail.
func shares(pageURL, text string) Shares {
	if pageURL == "" {
		return nil
	}
	// Each escaped once for all the links (a space is "+" in a query).
	qText, qURL := url.QueryEscape(text), url.QueryEscape(pageURL)
	return Shares{
		{"Bluesky", "https://bsky.app/intent/compose?text=" + qText + "+" + qURL},
		{"Mastodon", "https://mastodonshare.com/?text=" + qText + "&url=" + qURL},
		{"X", "https://x.com/intent/post?text=" + qText + "&url=" + qURL},
		{"Facebook", "https://www.facebook.com/sharer/sharer.php?u=" + qURL},
		{"LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url=" + qURL},
		{"E-mail", "mailto:?subject=" + url.PathEscape(text) + "&body=" + url.PathEscape(pageURL)},
	}
}

// jsonLD marshals v for a <script type="application/ld+json">: encoding/json
// escapes <, > and & in strings, so the text cannot end the script.
func jsonLD(v any) template.JS {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return template.JS(b)
}

// seriesLD is the schema.org PodcastSeries of the show.
func seriesLD(show *config.Show, siteURL string) template.JS {
	m := map[string]any{
		"@context":    "https://schema.org",
		"@type":       "PodcastSeries",
		"name":        show.Title,
		"description": show.Description,
		"url":         siteURL,
		"image":       show.Image,
		"webFeed":     show.FeedURL,
		"inLanguage":  show.Language,
	}
	if show.Author != "" {
		m["author"] = map[string]string{"@type": "Person", "name": show.Author}
	}
	return jsonLD(m)
}

// episodeLD is the schema.org PodcastEpisode of an episode.
func episodeLD(show *config.Show, siteURL string, e *Episode) template.JS {
	// The fields in the order of their names, as encoding/json writes a
	// map's keys.
	type media struct {
		Type           string `json:"@type"`
		ContentURL     string `json:"contentUrl"`
		Duration       string `json:"duration,omitempty"`
		EncodingFormat string `json:"encodingFormat,omitempty"`
	}
	type series struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	ld := struct {
		Context         string `json:"@context"`
		Type            string `json:"@type"`
		AssociatedMedia media  `json:"associatedMedia"`
		DatePublished   string `json:"datePublished"`
		Description     string `json:"description"`
		EpisodeNumber   int    `json:"episodeNumber,omitempty"`
		Image           string `json:"image"`
		InLanguage      string `json:"inLanguage"`
		Name            string `json:"name"`
		PartOfSeries    series `json:"partOfSeries"`
		TimeRequired    string `json:"timeRequired,omitempty"`
		URL             string `json:"url"`
	}{
		Context: "https://schema.org", Type: "PodcastEpisode",
		AssociatedMedia: media{Type: "MediaObject", ContentURL: e.Audio.URL, EncodingFormat: e.Audio.Type},
		DatePublished:   isoDate(e.Published), Description: e.Description,
		Image: e.Image, InLanguage: show.Language, Name: e.Title,
		PartOfSeries: series{Type: "PodcastSeries", Name: show.Title, URL: siteURL},
		URL:          e.URL,
	}
	if e.Number > 0 {
		ld.EpisodeNumber = e.Number
	}
	if d := e.Audio.Duration; d > 0 {
		ld.TimeRequired = isoDuration(d.Round(1e9).Seconds())
		ld.AssociatedMedia.Duration = ld.TimeRequired
	}
	return jsonLD(ld)
}

// isoDuration writes seconds as ISO 8601: "PT35M12S".
func isoDuration(secs float64) string {
	s := int(secs)
	out := "PT"
	if h := s / 3600; h > 0 {
		out += fmt.Sprintf("%dH", h)
	}
	if m := s / 60 % 60; m > 0 {
		out += fmt.Sprintf("%dM", m)
	}
	if sec := s % 60; sec > 0 || out == "PT" {
		out += fmt.Sprintf("%dS", sec)
	}
	return out
}

// sitemap writes sitemap.xml: the show's pages and every episode page,
// as encoding/xml's MarshalIndent wrote them with two spaces, written
// directly: for a show of 10,000 episodes, MarshalIndent took a third of
// the site's time in a build after an edit.
func sitemap(p *Page) []byte {
	// Sized once, as escaping seldom lengthens an address: grown by
	// writes, the 1.2 MB of 10,000 episodes allocated 4 MB.
	const perURL = len("\n  <url>\n    <loc></loc>\n    <lastmod>2006-01-02</lastmod>\n  </url>")
	size := len(xml.Header) + 100 + (len(p.lists)+1)*(perURL+len(p.SiteURL))
	for _, e := range p.all {
		size += perURL + len(e.URL)
	}
	var b bytes.Buffer
	b.Grow(size)
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	url := func(loc string, modified *time.Time) {
		b.WriteString("\n  <url>\n    <loc>")
		escape.WriteXML(&b, loc)
		b.WriteString("</loc>")
		if modified != nil {
			b.WriteString("\n    <lastmod>")
			b.Write(modified.UTC().AppendFormat(b.AvailableBuffer(), "2006-01-02"))
			b.WriteString("</lastmod>")
		}
		b.WriteString("\n  </url>")
	}
	var newest *time.Time
	if len(p.all) > 0 {
		newest = &p.all[0].Published
	}
	url(p.SiteURL, newest)
	for _, l := range p.lists[1:] {
		url(p.SiteURL+l.path, nil)
	}
	for _, e := range p.all {
		if e.URL != "" {
			url(e.URL, &e.Published)
		}
	}
	b.WriteString("\n</urlset>\n")
	return b.Bytes()
}

// robots writes robots.txt: everything may be crawled but the embed pages,
// which are noindex players, and the sitemap is named.
func robots(siteURL string) []byte {
	return []byte("User-agent: *\nDisallow: /" + siteRootPath(siteURL) + "embed/\n\nSitemap: " + siteURL + SitemapFile + "\n")
}

// siteRootPath returns the path of the site root on its host without the
// leading slash: "" for https://host/, "show/" for https://host/show/.
func siteRootPath(siteURL string) string {
	u, err := url.Parse(siteURL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.EscapedPath(), "/")
}

// chapterStarts writes the chapter starts for the player's data-chapters.
func chapterStarts(cs []Chapter) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, c.Start)
	}
	return strings.Join(parts, " ")
}

// monogram returns the favicon of a show without a small copy of its
// artwork: the first letter or digit of its title, white on the site's
// accent colour, as an SVG image (a browser without SVG favicons asks for
// /favicon.ico, as it would without the link).
func monogram(title string) []byte {
	initial := ""
	for _, r := range title {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			initial = string(unicode.ToUpper(r))
			break
		}
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
		`<rect width="64" height="64" rx="14" fill="#5326c9"/>`
	if initial != "" {
		// A letter or digit needs no XML escaping.
		svg += `<text x="32" y="45" font-family="system-ui,sans-serif" font-size="38" font-weight="700" fill="#fff" text-anchor="middle">` +
			initial + `</text>`
	}
	return []byte(svg + "</svg>\n")
}
