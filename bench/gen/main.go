// Command gen writes a synthetic podcast show for benchmarks: a
// podcast.toml like examples/coding-chats/podcast.toml and N episode files
// under episodes/, each shaped like the example's episode 55 (a summary of
// about 600 characters, 12 chapters, 10 links in 3 groups, 16 takeaways,
// two people and an [audio] table).
//
// Titles, guids, numbers, dates and file names are distinct; the output
// depends only on -n and -seed (no clock, no randomness from the system),
// so the same command always writes the same bytes. Every episode is
// published between 2005 and 2025, so a build at any later time puts all
// of them in the feed.
//
// It does not delete files already in the output folder; give it an empty
// or fresh one.
//
// Usage:
//
//	go run ./bench/gen -n 1000 -o /tmp/show-1000
package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/podfeed/podfeed/internal/timecode"
)

func main() {
	n := flag.Int("n", 100, "write `N` episodes")
	out := flag.String("o", "", "write the show into `DIR` (required)")
	seed := flag.Uint64("seed", 1, "seed the generator with `SEED`")
	flag.Parse()
	if *out == "" || *n < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N -o DIR [-seed SEED]")
		os.Exit(2)
	}
	if err := write(*out, *n, *seed); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}

// fileTime is the modification time of every file written: fixed, so the
// show is the same whatever the clock, and long past, so the first build
// trusts it (a build distrusts inputs changed in the seconds before it).
var fileTime = time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)

// write writes the show of n episodes into dir.
func write(dir string, n int, seed uint64) error {
	epDir := filepath.Join(dir, "episodes")
	if err := os.MkdirAll(epDir, 0o755); err != nil {
		return fmt.Errorf("create the episodes folder: %w", err)
	}
	if err := writeFile(filepath.Join(dir, "podcast.toml"), Show()); err != nil {
		return fmt.Errorf("write podcast.toml: %w", err)
	}
	for i := range n {
		name, src := Episode(i, n, seed)
		if err := writeFile(filepath.Join(epDir, name), src); err != nil {
			return fmt.Errorf("write episode %d: %w", i+1, err)
		}
	}
	if err := os.Chtimes(epDir, fileTime, fileTime); err != nil {
		return err
	}
	return os.Chtimes(dir, fileTime, fileTime)
}

func writeFile(name string, data []byte) error {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return err
	}
	return os.Chtimes(name, fileTime, fileTime)
}

// Show returns the podcast.toml of the synthetic show.
func Show() []byte {
	return []byte(`# A synthetic show written by bench/gen, shaped like examples/coding-chats.
title = "Synthetic Systems"
description = """
Conversations with software engineers about building real systems: languages, \
teams, testing, hiring and the lessons learned shipping software to production."""
link = "https://synthetic.example.com/"
feed_url = "https://synthetic.example.com/feed.xml"
language = "en"
author = "Sam Example"
image = "https://synthetic.example.com/artwork.jpg"
categories = ["Technology", "Education/How To"]
explicit = false
type = "episodic"
copyright = "© 2025 Sam Example"

[owner]
name = "Sam Example"
email = "podcast@synthetic.example.com"

# Show links: written into every episode's description, after the episode's own links.
[[links]]
group = "Sam's Links"
title = "Sam's LinkedIn"
url = "https://www.linkedin.com/in/samexample/"

[[links]]
group = "Sam's Links"
title = "Sam's YouTube"
url = "https://www.youtube.com/@samexample"

[[links]]
group = "Sam's Links"
title = "Sam's Twitter"
url = "https://x.com/samexample"

[[links]]
group = "Sam's Links"
title = "Sam's Bluesky"
url = "https://bsky.app/profile/samexample.bsky.social"

[[links]]
group = "Check out Sam's software engineering related newsletters"
title = "Building Things"
url = "https://buildingthings.example.com/"
note = "shares real-world project ideas that you can use to level up your coding skills."

[[links]]
group = "Check out Sam's software engineering related newsletters"
title = "Growing Skills"
url = "https://growingskills.example.com/"
note = "covering everything from system design to soft skills, helping them progress their career from junior to staff+ or for those that want onto a management track."
`)
}

// Word lists the episodes are assembled from. Only letters, digits, spaces
// and simple punctuation: nothing here needs escaping in TOML.
var (
	topics = []string{
		"Rust", "Go", "Kotlin", "TypeScript", "Elixir", "Zig", "Haskell", "OCaml", "Python", "Java",
		"Postgres", "SQLite", "Kafka", "Kubernetes", "WebAssembly", "GraphQL", "gRPC", "Terraform",
		"Event sourcing", "Observability", "Feature flags", "Chaos engineering", "Pair programming",
		"Code review", "Property-based testing", "Fuzzing", "Continuous delivery", "Monorepos",
	}
	settings = []string{
		"in production at planet scale", "at a ten-person startup", "inside a bank", "on embedded devices",
		"for a public broadcaster", "at a payments company", "in a game studio", "on the edge",
		"in a hospital", "at a logistics giant", "for a national railway", "in a research lab",
	}
	lessons = []string{
		"lessons learned deploying code to millions of devices", "what we would do differently",
		"the migration nobody wanted", "from prototype to platform", "hiring and onboarding a team",
		"the bugs that taught us the most", "performance work that paid off", "keeping on-call humane",
		"paying down technical debt", "why we rewrote it and why we stopped",
	}
	firstNames = []string{
		"Emma", "Noah", "Aisha", "Mateo", "Priya", "Lukas", "Yuki", "Amara", "Olu", "Ines",
		"Sven", "Mei", "Carlos", "Fatima", "Jonas", "Leila", "Tomasz", "Hana", "Kwame", "Sofia",
	}
	lastNames = []string{
		"Nedelcu", "Okafor", "Lindqvist", "Tanaka", "Moreau", "Kowalski", "Haddad", "Silva",
		"Novak", "Fischer", "Mensah", "Rossi", "Kim", "Duarte", "Petrov", "Byrne",
	}
	summaryPhrases = []string{
		"discusses their experience managing teams that moved a large codebase to %s",
		"highlights the reasons for choosing %s, including its performance and safety features",
		"walks through the challenges the team faced during the transition to %s",
		"explains the importance of over-the-air updates, device constraints, and effective onboarding",
		"shares how testing strategies changed once %s reached production",
		"talks about managing technical debt without stopping feature work",
		"describes hiring practices that favour a mindset of problem-solving and adaptability",
		"reflects on what the wider %s community taught the team",
		"compares build times, memory use and latency before and after adopting %s",
		"covers the trade-offs between moving fast and keeping the system understandable",
	}
	takeawayPhrases = []string{
		"%s was chosen for its performance and safety guarantees.",
		"Transitioning to %s involves a steep learning curve.",
		"Over-the-air updates are crucial for device management.",
		"Device constraints significantly impact application performance.",
		"Onboarding to %s can take about three months for experienced developers.",
		"Building trust within teams is essential for fast-paced development.",
		"Testing strategies must be robust to handle diverse environments.",
		"Compile-time checks still require strict runtime discipline.",
		"Careful optimization keeps the bundle size under control.",
		"The %s ecosystem is maturing but still evolving.",
		"Organizations should engage with the %s community for better integration.",
		"Prototyping can effectively demonstrate potential to stakeholders.",
		"Managing technical debt involves understanding complexity depth.",
		"Hiring for mindset and adaptability matters more than experience.",
		"Good engineers understand the layer below the one they work in.",
		"Candidates should demonstrate initiative and impact in their projects.",
		"Small, reversible changes beat big-bang releases.",
		"Measure before optimizing, and measure again after.",
		"Documentation is part of the product, not an afterthought.",
		"On-call load is a design signal, not a personal failing.",
	}
	chapterTitles = []string{
		"Introduction to %s and Its Adoption", "Performance Gains with %s", "Challenges of Over-the-Air Updates",
		"Onboarding Developers to %s", "Team Collaboration and Trust", "Testing Strategies for %s Applications",
		"Trade-offs and Considerations with %s", "Hiring and Team Building", "Advice for Organizations Considering %s",
		"Managing Technical Debt", "Incidents and What They Taught Us", "Tooling and Developer Experience",
		"Security and Supply Chains", "Working with Product Managers", "Conclusion and Final Thoughts",
		"Exploring Related Content",
	}
	resources = []string{
		"The official documentation", "A talk from last year's conference", "The team's engineering blog",
		"An open-source library mentioned in the episode", "The book recommended by the guest",
		"A paper on the underlying idea", "The migration guide", "A benchmark write-up", "The RFC that started it",
		"A podcast episode on the same topic", "The survey results", "A tutorial series",
	}
)

// Episode returns the file name and contents of episode i (0-based) of a
// show of n episodes. Episode i has number i+1; higher numbers are newer.
func Episode(i, n int, seed uint64) (name string, src []byte) {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	pick := func(list []string) string { return list[r.IntN(len(list))] }

	number := i + 1
	topic := pick(topics)
	guest := pick(firstNames) + " " + pick(lastNames)
	host := "Sam Example"
	slugWords := strings.Fields(strings.ToLower(strings.ReplaceAll(topic, "-", " ")))
	slug := fmt.Sprintf("%0*d-%s", width(n), number, strings.Join(slugWords, "-"))
	title := fmt.Sprintf("%s %s: %s (#%d)", topic, pick(settings), pick(lessons), number)

	// Spread the episodes evenly over twenty years, with a few minutes of
	// jitter that never reorders them.
	const first = "2005-01-03T09:00:00Z"
	start, _ := time.Parse(time.RFC3339, first)
	span := 20 * 365 * 24 * time.Hour
	step := (span / time.Duration(n)).Truncate(time.Minute)
	if step < 2*time.Minute {
		step = 2 * time.Minute
	}
	jitter := time.Duration(r.IntN(int(step/time.Minute)/2+1)) * time.Minute
	published := start.Add(time.Duration(i)*step + jitter)

	duration := time.Duration(25*60+r.IntN(70*60)) * time.Second

	var b strings.Builder
	fmt.Fprintf(&b, "# Episode %d, written by bench/gen.\n", number)
	fmt.Fprintf(&b, "title = %q\n", title)
	fmt.Fprintf(&b, "number = %d\n", number)
	fmt.Fprintf(&b, "published = %s\n", published.Format(time.RFC3339))
	fmt.Fprintf(&b, "guid = %q\n", "synthetic-"+slug)
	b.WriteString("explicit = false\n")

	b.WriteString("summary = \"\"\"\n")
	first1, _, _ := strings.Cut(guest, " ")
	sum := guest + " " + fmt.Sprintf(summaryPhrases[0], topic) + "."
	for _, k := range r.Perm(len(summaryPhrases) - 1) {
		if len(sum) >= 560 {
			break
		}
		p := summaryPhrases[k+1]
		if strings.Contains(p, "%s") {
			p = fmt.Sprintf(p, topic)
		}
		sum += " " + first1 + " " + p + "."
	}
	writeWrapped(&b, sum, 100)
	b.WriteString("\"\"\"\n\n")

	b.WriteString("takeaways = [\n")
	for _, k := range r.Perm(len(takeawayPhrases))[:16] {
		t := takeawayPhrases[k]
		if strings.Contains(t, "%s") {
			t = fmt.Sprintf(t, topic)
		}
		fmt.Fprintf(&b, "  %q,\n", t)
	}
	b.WriteString("]\n\n")

	fmt.Fprintf(&b, "[audio]\nurl = %q\nlength = %d\ntype = \"audio/mpeg\"\nduration = %q\n",
		"https://media.synthetic.example.com/episodes/"+slug+".mp3",
		int64(duration.Seconds())*16000+int64(r.IntN(16000)), clock(duration))

	people := [][2]string{{guest, "guest"}, {host, "host"}}
	for _, p := range people {
		handle := strings.ToLower(strings.ReplaceAll(p[0], " ", ""))
		fmt.Fprintf(&b, "\n[[people]]\nname = %q\nrole = %q\nhref = %q\n",
			p[0], p[1], "https://www.linkedin.com/in/"+handle+"/")
	}

	// Twelve chapters: the first at zero, the others in twelve equal slots
	// of the duration with jitter inside each slot, so they ascend.
	slot := duration / 12
	titles := r.Perm(len(chapterTitles) - 2)
	for c := range 12 {
		var at time.Duration
		var t string
		switch {
		case c == 0:
			t = chapterTitles[0]
		case c == 11:
			t = chapterTitles[len(chapterTitles)-1]
		default:
			t = chapterTitles[titles[c]+1]
		}
		if c > 0 {
			at = (time.Duration(c)*slot + time.Duration(r.Int64N(int64(slot/2)))).Truncate(time.Second)
		}
		if strings.Contains(t, "%s") {
			t = fmt.Sprintf(t, topic)
		}
		fmt.Fprintf(&b, "\n[[chapters]]\nstart = %q\ntitle = %q\n", clock(at), t)
	}

	// Ten links in three groups (4, 3, 3); some with notes.
	groups := []struct {
		name  string
		count int
	}{{first1 + "'s Links", 4}, {"Mentioned in this episode", 3}, {"Further reading", 3}}
	handle := strings.ToLower(strings.ReplaceAll(guest, " ", ""))
	guestLinks := []struct{ title, url string }{
		{first1 + "'s LinkedIn", "https://www.linkedin.com/in/" + handle + "/"},
		{first1 + "'s website", "https://" + handle + ".example.org/"},
		{first1 + "'s Mastodon", "https://hachyderm.io/@" + handle},
		{first1 + "'s GitHub", "https://github.com/" + handle},
	}
	res := r.Perm(len(resources))
	k := 0
	for g, grp := range groups {
		for j := range grp.count {
			var title, url, note string
			if g == 0 {
				title, url = guestLinks[j].title, guestLinks[j].url
			} else {
				title = resources[res[k]]
				url = fmt.Sprintf("https://resources.example.net/%s/%d/%d", strings.Join(slugWords, "-"), number, k)
				if k%2 == 0 {
					note = "what " + first1 + " recommends for anyone starting out with " + topic + "."
				}
				k++
			}
			fmt.Fprintf(&b, "\n[[links]]\ngroup = %q\ntitle = %q\nurl = %q\n", grp.name, title, url)
			if note != "" {
				fmt.Fprintf(&b, "note = %q\n", note)
			}
		}
	}
	return slug + ".toml", []byte(b.String())
}

// writeWrapped writes s as the body of a TOML multi-line basic string,
// breaking it at spaces into lines of about width characters joined by
// line-ending backslashes, as the example does.
func writeWrapped(b *strings.Builder, s string, width int) {
	words := strings.Fields(s)
	line := 0
	for i, w := range words {
		if line > 0 && line+1+len(w) > width {
			b.WriteString(" \\\n")
			line = 0
		} else if i > 0 {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len(w)
	}
}

// clock formats d in whole seconds as "MM:SS", or "H:MM:SS" from one hour
// on (package timecode's Short layout).
func clock(d time.Duration) string { return timecode.Format(d.Truncate(time.Second), timecode.Short) }

// width is the number of digits file names are padded to: at least three.
func width(n int) int {
	w := len(fmt.Sprint(n))
	return max(w, 3)
}
