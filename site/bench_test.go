package site_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/par"
	"github.com/podfeed/podfeed/internal/shownotes"
	"github.com/podfeed/podfeed/site"
)

// bigShow returns the example show with n generated episodes shaped like
// those of bench/gen (a summary of about 600 characters, 12 chapters, 10
// links in 3 groups, 16 takeaways, two people), newest last, and their
// show notes as package feed renders them. Every tenth summary has
// Markdown in it; the others are plain text, as bench/gen writes them.
func bigShow(tb testing.TB, n int) (*config.Show, []*episodes.Episode, map[string]*shownotes.Notes) {
	tb.Helper()
	show, _ := example(tb)
	topics := []string{"Rust", "Go", "Kotlin", "TypeScript", "Elixir", "Zig", "Postgres", "Kafka", "Fuzzing", "Code review"}
	start := time.Date(2005, 1, 3, 9, 0, 0, 0, time.UTC)
	eps := make([]*episodes.Episode, n)
	for i := range eps {
		topic := topics[i%len(topics)]
		slug := fmt.Sprintf("%05d-%s", i+1, strings.ToLower(strings.ReplaceAll(topic, " ", "-")))
		guest := []string{"Emma Nedelcu", "Noah Okafor", "Aisha Lindqvist", "Mateo Tanaka"}[i%4]
		first, _, _ := strings.Cut(guest, " ")
		handle := strings.ToLower(strings.ReplaceAll(guest, " ", ""))
		d := time.Duration(25*60+(i*977)%(70*60)) * time.Second
		ep := &episodes.Episode{
			File:      "episodes/" + slug + ".toml",
			Slug:      slug,
			Title:     fmt.Sprintf("%s in production at planet scale: lessons learned deploying code to millions of devices (#%d)", topic, i+1),
			Number:    i + 1,
			Published: start.Add(time.Duration(i) * 7 * 24 * time.Hour),
			GUID:      "synthetic-" + slug,
			Summary: guest + " discusses their experience managing teams that moved a large codebase to " + topic + ". " +
				first + " highlights the reasons for choosing " + topic + ", including its performance and safety features. " +
				first + " walks through the challenges the team faced during the transition to " + topic + ". " +
				first + " explains the importance of over-the-air updates, device constraints, and effective onboarding. " +
				first + " talks about managing technical debt without stopping feature work, and hiring for adaptability.",
			Audio: episodes.Audio{
				URL:      "https://media.synthetic.example.com/episodes/" + slug + ".mp3",
				Length:   int64(d.Seconds()) * 16000,
				Type:     "audio/mpeg",
				Duration: d,
			},
			People: []episodes.Person{
				{Name: guest, Role: "guest", Href: "https://www.linkedin.com/in/" + handle + "/"},
				{Name: "John Crickett", Role: "host", Href: "https://www.linkedin.com/in/johncrickett/"},
			},
		}
		if i%10 == 0 {
			ep.Summary += " Links: [the talk](https://talks.example.com/" + slug + ") and *more*."
		}
		for c := range 12 {
			ep.Chapters = append(ep.Chapters, episodes.Chapter{
				Start: (time.Duration(c) * d / 12).Truncate(time.Second),
				Title: fmt.Sprintf("Chapter %d: %s and what the team learned", c+1, topic),
			})
		}
		for l := range 10 {
			group := []string{first + "'s Links", "Mentioned in this episode", "Further reading"}[min(l/4, 2)]
			link := episodes.Link{Group: group, Title: fmt.Sprintf("Resource %d about %s", l+1, topic),
				URL: fmt.Sprintf("https://resources.example.net/%s/%d/%d", slug, i+1, l)}
			if l%2 == 0 {
				link.Note = "what " + first + " recommends for anyone starting out with " + topic + "."
			}
			ep.Links = append(ep.Links, link)
		}
		for t := range 16 {
			ep.Takeaways = append(ep.Takeaways, fmt.Sprintf("Takeaway %d: %s was chosen for its performance and safety guarantees.", t+1, topic))
		}
		eps[i] = ep
	}
	out, err := feed.Build(show, eps, feed.Options{Stylesheet: site.StylesheetFile})
	if err != nil {
		tb.Fatalf("feed.Build: %v", err)
	}
	return show, eps, out.Notes
}

// BenchmarkPages builds the site of a show of 1,000 episodes and renders
// every file, one after another:
//
//	go test ./site -run '^$' -bench Pages -benchmem -cpuprofile cpu.out
func BenchmarkPages(b *testing.B) {
	show, eps, notes := bigShow(b, 1000)
	b.ReportAllocs()
	var size int64
	for b.Loop() {
		files, err := site.Build(show, eps, site.Options{Notes: notes})
		if err != nil {
			b.Fatal(err)
		}
		size = 0
		for _, f := range files {
			data, err := f.Bytes()
			if err != nil {
				b.Fatal(err)
			}
			size += int64(len(data))
		}
	}
	b.SetBytes(size)
}

// BenchmarkPagesParallel renders the same files on every core, as a build
// writes them.
func BenchmarkPagesParallel(b *testing.B) {
	show, eps, notes := bigShow(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		files, err := site.Build(show, eps, site.Options{Notes: notes})
		if err != nil {
			b.Fatal(err)
		}
		errs := make([]error, len(files))
		par.Do(len(files), func(i int) { _, errs[i] = files[i].Bytes() })
		if err := errors.Join(errs...); err != nil {
			b.Fatal(err)
		}
	}
}
