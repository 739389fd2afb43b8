package site

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
)

// fragments are the parts of the built-in pages that Go writes, each with
// the template markup it stands for (old) and the markup that has Go write
// it (new), and random values to render both with.
var fragments = []struct {
	name     string
	old, new string
	data     func(r *rand.Rand) any
}{
	{"chapters on the episode page",
		`<ol class="chapters">
{{- range .}}
<li><a class="seek" href="#t={{.Start}}" data-start="{{.Start}}" aria-label="Play from {{.Clock}}">{{.Clock}}</a> {{.Title}}</li>
{{- end}}
</ol>`,
		`<ol class="chapters">
{{- .Items}}
</ol>`,
		func(r *rand.Rand) any { return randomChapters(r) }},
	{"chapters on the embed page",
		`<ol class="chapters">
{{- range .}}
<li><a class="seek" href="#t={{.Start}}" data-start="{{.Start}}" target="_self">{{.Clock}}</a> {{.Title}}</li>
{{- end}}
</ol>`,
		`<ol class="chapters">
{{- .EmbedItems}}
</ol>`,
		func(r *rand.Rand) any { return randomChapters(r) }},
	{"share links",
		`<ul class="share actions">
{{- range .}}
<li><a class="btn" href="{{.URL}}" rel="noopener">{{.Name}}</a></li>
{{- end}}
</ul>`,
		`<ul class="share actions">
{{- .Items}}
</ul>`,
		func(r *rand.Rand) any {
			ss := shares(randomText(r), randomText(r))
			for range r.IntN(3) {
				ss = append(ss, Share{Name: randomText(r), URL: randomText(r)})
			}
			return ss
		}},
	{"people",
		`<ul class="people">
{{- range .}}
<li>{{if .Img}}<img src="{{.Img}}" alt="" width="40" height="40" loading="lazy">{{end}}{{if .Href}}<a href="{{.Href}}">{{.Name}}</a>{{else}}{{.Name}}{{end}}{{with .Role}} <span class="muted">({{.}})</span>{{end}}</li>
{{- end}}
</ul>`,
		`<ul class="people">
{{- .Items}}
</ul>`,
		func(r *rand.Rand) any {
			ps := make(People, r.IntN(4))
			for i := range ps {
				ps[i] = episodes.Person{Name: randomText(r), Role: maybe(r, randomText(r)), Href: maybe(r, randomText(r)), Img: maybe(r, randomText(r))}
			}
			return ps
		}},
	{"transcript",
		`<div class="cues">
{{- range .}}
<p><a class="seek" href="#t={{.Start}}" data-start="{{.Start}}" aria-label="Play from {{.Clock}}">{{.Clock}}</a>{{with .Speaker}} <b>{{.}}</b>{{end}}{{range .Cues}} <span data-start="{{.Start}}" data-end="{{.End}}">{{.Text}}</span>{{end}}</p>
{{- end}}
</div>`,
		`<div class="cues">
{{- .Items}}
</div>`,
		func(r *rand.Rand) any {
			ps := make(TranscriptParagraphs, r.IntN(4))
			for i := range ps {
				ps[i] = TranscriptParagraph{Start: randomText(r), Clock: randomText(r), Speaker: maybe(r, randomText(r))}
				for range r.IntN(4) {
					ps[i].Cues = append(ps[i].Cues, TranscriptCue{Start: randomText(r), End: randomText(r), Text: randomText(r)})
				}
			}
			return ps
		}},
	{"links to the neighbours",
		`<div class="layout"></div>
{{- $e := .Episode}}
{{- if or $e.Newer $e.Older}}
<nav class="neighbours" aria-label="More episodes">
{{- with $e.Newer}}
<a class="newer" href="{{$.Root}}{{.Href}}"><small>Newer episode</small>{{.Title}}</a>
{{- end}}
{{- with $e.Older}}
<a class="older" href="{{$.Root}}{{.Href}}"><small>Older episode</small>{{.Title}}</a>
{{- end}}
</nav>
{{- end}}
</main>`,
		`<div class="layout"></div>
{{- .Episode.Neighbours .Root}}
</main>`,
		func(r *rand.Rand) any {
			e := randomEpisode(r)
			for _, n := range []**Episode{&e.Newer, &e.Older} {
				if r.IntN(3) > 0 {
					*n = randomEpisode(r)
					(*n).Href = randomText(r)
				}
			}
			return &Page{Episode: e, Root: []string{"", "../", "../../", randomText(r)}[r.IntN(4)]}
		}},
	{"metadata of the episode page",
		`{{- $e := . -}}
{{- $show := .ShowTitle -}}
{{- $title := $e.Title -}}
{{- $description := $e.Description -}}
{{- $url := $e.URL -}}
{{- $image := $e.Image -}}
{{- $audio := $e.Audio.URL -}}
<meta name="description" content="{{$description}}">
<link rel="canonical" href="{{$url}}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="{{$show}}">
<meta property="og:title" content="{{$title}}">
<meta property="og:description" content="{{$description}}">
<meta property="og:url" content="{{$url}}">
<meta property="og:image" content="{{$image}}">
<meta property="og:image:alt" content="Artwork of {{$show}}">
<meta property="og:audio" content="{{$audio}}">
{{- with $e.Audio.Type}}
<meta property="og:audio:type" content="{{.}}">
{{- end}}
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="{{$title}}">
<meta name="twitter:description" content="{{$description}}">
<meta name="twitter:image" content="{{$image}}">
<meta name="twitter:image:alt" content="Artwork of {{$show}}">
<meta name="twitter:player" content="{{$e.EmbedURL}}">
<meta name="twitter:player:width" content="480">
<meta name="twitter:player:height" content="200">
{{- /* the JSON-LD */}}`,
		`{{$e := .}}{{$e.MetaTags}}
{{- /* the JSON-LD */}}`,
		func(r *rand.Rand) any {
			e := randomEpisode(r)
			return withShow{e, e.show.Title}
		}},
	{"the episodes of a page of the list",
		`{{define "excerpt"}}
{{- with .}}
<div class="excerpt">
{{- range .Groups}}
{{- if (index . 0).Item}}
<ul>
{{- range .}}
<li>{{.Text}}</li>
{{- end}}
</ul>
{{- else}}
<p>{{(index . 0).Text}}</p>
{{- end}}
{{- end}}
</div>
{{- end}}
{{- end}}
{{- define "meta"}}{{with .Number}}Episode {{.}} · {{end}}<time datetime="{{isodate .Published}}">{{.Date}}</time>{{with .Length}} · {{.}}{{end}}{{end}}
<ol class="episodes">
{{- range .Episodes}}
<li>
<h3><a href="{{if .Href}}{{$.Root}}{{.Href}}{{else}}{{.Audio.URL}}{{end}}">{{.Title}}</a></h3>
<p class="meta">{{template "meta" .}}</p>
{{- template "excerpt" .Excerpt}}
</li>
{{- end}}
</ol>`,
		`
<ol class="episodes">
{{- .EpisodeItems}}
</ol>`,
		func(r *rand.Rand) any {
			p := &Page{Root: []string{"", "../../", randomText(r)}[r.IntN(3)], parts: &partCache{}}
			for range r.IntN(4) {
				e := randomEpisode(r)
				e.Href = []string{"episodes/a/index.html", randomText(r) + "x"}[r.IntN(2)]
				e.Number = []int{0, 1, 42, -3}[r.IntN(4)]
				e.Published = time.Date(2000+r.IntN(30), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), 0, 0, 0, time.FixedZone("", 3600*(r.IntN(25)-12)))
				e.Date, e.Length = randomText(r), maybe(r, randomText(r))
				for range r.IntN(4) {
					e.Excerpt = append(e.Excerpt, Block{Text: randomText(r), Item: r.IntN(2) == 0})
				}
				p.Episodes = append(p.Episodes, e)
			}
			return p
		}},
}

// Each fragment Go writes is byte for byte what its template markup
// writes, on random values full of characters to escape.
func TestFragmentsMatchTemplates(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, f := range fragments {
		t.Run(f.name, func(t *testing.T) {
			old := template.Must(template.New("old").Funcs(funcs).Parse(f.old))
			new := template.Must(template.New("new").Funcs(funcs).Parse(f.new))
			for range 1000 {
				data := f.data(r)
				var want, got strings.Builder
				if err := old.Execute(&want, data); err != nil {
					t.Fatal(err)
				}
				if err := new.Execute(&got, data); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Fatalf("Go writes\n%s\nthe template\n%s", got.String(), want.String())
				}
			}
		})
	}
}

// randomText returns a short string with characters html/template
// escapes, other characters, invalid UTF-8, and at times the start of an
// address.
func randomText(r *rand.Rand) string {
	alphabet := []rune("\x00\t\n\r \"#%&'()+,-./:;<=>?@[\\]^_`{|}~aZ09é日😀\ufffd\ufdd0\ufffe")
	var b strings.Builder
	if r.IntN(4) == 0 {
		b.WriteString([]string{"http://", "https:", "javascript:", "mailto:", "/", "#"}[r.IntN(6)])
	}
	for range r.IntN(12) {
		if r.IntN(12) == 0 {
			b.WriteByte(byte(r.IntN(256))) // possibly invalid UTF-8
			continue
		}
		b.WriteRune(alphabet[r.IntN(len(alphabet))])
	}
	return b.String()
}

// maybe returns s or, one time in three, "".
func maybe(r *rand.Rand, s string) string {
	if r.IntN(3) == 0 {
		return ""
	}
	return s
}

// randomChapters returns up to four chapters of random text.
func randomChapters(r *rand.Rand) Chapters {
	cs := make(Chapters, r.IntN(5))
	for i := range cs {
		cs[i] = Chapter{Start: randomText(r), Clock: randomText(r), Title: randomText(r), URL: randomText(r), Image: randomText(r)}
	}
	return cs
}

// randomEpisode returns an episode of random text, as its page sees it.
func randomEpisode(r *rand.Rand) *Episode {
	e := &Episode{
		Episode: &episodes.Episode{Title: randomText(r), Audio: episodes.Audio{URL: randomText(r)}},
		show:    &config.Show{Title: randomText(r)},
		URL:     randomText(r), EmbedURL: randomText(r), Image: randomText(r), Description: randomText(r),
	}
	e.Audio.Type = maybe(r, randomText(r))
	return e
}

// withShow is an episode and the title of its show, for the template
// markup that read both.
type withShow struct {
	*Episode
	ShowTitle string
}
