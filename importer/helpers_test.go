package importer

import (
	"context"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/internal/showfile"
	"github.com/podfeed/podfeed/project"
)

var update = golden.Update // -update rewrites the golden files

// buildNow is the clock of every test build: after every episode.
var buildNow = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

// loopback starts an httptest server with h and returns a client whose
// every request, whatever its address, goes to that server (scheme and host
// rewritten, path and query kept).
func loopback(t *testing.T, h http.Handler) *http.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	target, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Timeout: 10 * time.Second, Transport: rewrite{target: target, next: srv.Client().Transport}}
}

type rewrite struct {
	target *url.URL
	next   http.RoundTripper
}

func (rw rewrite) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("X-Original-Host", req.URL.Host)
	r.URL.Scheme, r.URL.Host, r.Host = rw.target.Scheme, rw.target.Host, rw.target.Host
	return rw.next.RoundTrip(r)
}

// hostServer answers like the hosts of the test feeds: chapters files from
// testdata/hosts/chapters/<host>/<path with / as _>, and HEAD requests for
// media with a Content-Length of mediaLength.
const mediaLength = 11111111

func hostServer(t *testing.T) *http.Client {
	t.Helper()
	return loopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".json") {
			name := filepath.Join("testdata", "hosts", "chapters", r.Header.Get("X-Original-Host")+strings.ReplaceAll(r.URL.Path, "/", "_"))
			data, err := os.ReadFile(name)
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/json+chapters")
			w.Write(data)
			return
		}
		if r.Method == http.MethodHead {
			w.Header().Set("Content-Length", strconv.Itoa(mediaLength))
			w.Header().Set("Content-Type", "audio/mpeg")
			return
		}
		http.NotFound(w, r)
	}))
}

// importInto reads a feed and writes the import into a new temporary
// folder, which it returns.
func importInto(t *testing.T, name string, src []byte, opts Options) (*Import, string) {
	t.Helper()
	imp, err := ReadFeed(context.Background(), name, src, opts)
	if err != nil {
		t.Fatalf("ReadFeed: %v", err)
	}
	dir := t.TempDir()
	if _, err := showfile.WriteFiles(dir, imp.Files(name), false); err != nil {
		t.Fatalf("WriteFiles: %v", err)
	}
	return imp, dir
}

// build loads the show in dir, requires it to have no errors, builds it
// into a temporary folder and returns its feed.xml.
func build(t *testing.T, dir string) []byte {
	t.Helper()
	show, probs := project.Load(dir)
	if err := probs.Err(); err != nil {
		t.Fatalf("the show in %s does not load:\n%s", dir, probs.Errors().Format())
	}
	out := t.TempDir()
	if _, err := show.Build(context.Background(), project.BuildOptions{Now: buildNow, Output: out}); err != nil {
		t.Fatalf("build %s: %v", dir, err)
	}
	return golden.Read(t, filepath.Join(out, "feed.xml"))
}

// The tests' own reading of RSS, independent of the importer's.

const (
	tItunes  = "http://www.itunes.com/dtds/podcast-1.0.dtd"
	tPodcast = "https://podcastindex.org/namespace/1.0"
)

type tRSS struct {
	Channel tChannel `xml:"channel"`
}

// tText is an element whose namespace matters: encoding/xml matches a tag
// without namespace against elements of every namespace.
type tText struct {
	XMLName xml.Name
	Text    string `xml:",chardata"`
	Href    string `xml:"href,attr"`
	Rel     string `xml:"rel,attr"`
}

// plain returns the text of the first element in no namespace.
func plain(ts []tText) string {
	for _, t := range ts {
		if t.XMLName.Space == "" {
			return strings.TrimSpace(t.Text)
		}
	}
	return ""
}

// tImage is <image> (its url) or <itunes:image> (its href).
type tImage struct {
	XMLName xml.Name
	URL     string `xml:"url"`
	Href    string `xml:"href,attr"`
}

// images returns the channel's itunes:image href and <image> url.
func (c *tChannel) images() (itunes, rss string) {
	for _, i := range c.Images {
		if i.XMLName.Space == tItunes {
			itunes = i.Href
		} else if i.XMLName.Space == "" {
			rss = strings.TrimSpace(i.URL)
		}
	}
	return itunes, rss
}

type tHref struct {
	Href string `xml:"href,attr"`
}

type tCategory struct {
	Text string      `xml:"text,attr"`
	Subs []tCategory `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd category"`
}

type tChannel struct {
	Titles     []tText     `xml:"title"`
	Links      []tText     `xml:"link"`
	Language   string      `xml:"language"`
	Copyright  string      `xml:"copyright"`
	Images     []tImage    `xml:"image"`
	Author     string      `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd author"`
	Explicit   string      `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd explicit"`
	Type       string      `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd type"`
	OwnerName  string      `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd owner>name"`
	OwnerEmail string      `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd owner>email"`
	Categories []tCategory `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd category"`
	GUID       string      `xml:"https://podcastindex.org/namespace/1.0 guid"`
	Locked     *struct {
		Owner string `xml:"owner,attr"`
		Value string `xml:",chardata"`
	} `xml:"https://podcastindex.org/namespace/1.0 locked"`
	Funding []struct {
		URL  string `xml:"url,attr"`
		Text string `xml:",chardata"`
	} `xml:"https://podcastindex.org/namespace/1.0 funding"`
	Medium  string    `xml:"https://podcastindex.org/namespace/1.0 medium"`
	Persons []tPerson `xml:"https://podcastindex.org/namespace/1.0 person"`
	Items   []tItem   `xml:"item"`
}

type tPerson struct {
	Role string `xml:"role,attr"`
	Href string `xml:"href,attr"`
	Img  string `xml:"img,attr"`
	Name string `xml:",chardata"`
}

type tTranscript struct {
	URL  string `xml:"url,attr"`
	Type string `xml:"type,attr"`
}

type tPsc struct {
	Start string `xml:"start,attr"`
	Title string `xml:"title,attr"`
	Href  string `xml:"href,attr"`
	Image string `xml:"image,attr"`
}

type tItem struct {
	Titles      []tText `xml:"title"`
	GUID        string  `xml:"guid"`
	PubDate     string  `xml:"pubDate"`
	Description string  `xml:"description"`
	Content     string  `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
	Enclosure   struct {
		URL    string `xml:"url,attr"`
		Length string `xml:"length,attr"`
		Type   string `xml:"type,attr"`
	} `xml:"enclosure"`
	Duration       string        `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd duration"`
	Episode        string        `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd episode"`
	PodcastEpisode string        `xml:"https://podcastindex.org/namespace/1.0 episode"`
	Season         string        `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd season"`
	EpisodeType    string        `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd episodeType"`
	Explicit       string        `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd explicit"`
	Image          *tHref        `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd image"`
	Keywords       string        `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd keywords"`
	Persons        []tPerson     `xml:"https://podcastindex.org/namespace/1.0 person"`
	Transcripts    []tTranscript `xml:"https://podcastindex.org/namespace/1.0 transcript"`
	ChaptersURL    *struct {
		URL string `xml:"url,attr"`
	} `xml:"https://podcastindex.org/namespace/1.0 chapters"`
	Psc *struct {
		Chapters []tPsc `xml:"http://podlove.org/simple-chapters chapter"`
	} `xml:"http://podlove.org/simple-chapters chapters"`
}

func parseRSS(t *testing.T, data []byte) *tRSS {
	t.Helper()
	var doc tRSS
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the tests' RSS reader: %v", err)
	}
	return &doc
}

// tDate reads a pubDate the way the tests do, independently of parseDate.
func tDate(t *testing.T, s string) time.Time {
	t.Helper()
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC1123Z, time.RFC1123} {
		if tm, err := time.Parse(layout, s); err == nil {
			return tm
		}
	}
	t.Fatalf("the tests cannot read the date %q", s)
	return time.Time{}
}

// tSeconds reads an itunes:duration or psc start as seconds, rounded.
func tSeconds(t *testing.T, s string) int64 {
	t.Helper()
	var total float64
	for _, f := range strings.Split(strings.TrimSpace(s), ":") {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("the tests cannot read the time %q", s)
		}
		total = total*60 + v
	}
	return int64(total + 0.5)
}

// tMillis reads a psc start to the millisecond.
func tMillis(t *testing.T, s string) int64 {
	t.Helper()
	var total float64
	for _, f := range strings.Split(strings.TrimSpace(s), ":") {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			t.Fatalf("the tests cannot read the time %q", s)
		}
		total = total*60 + v
	}
	return int64(total*1000 + 0.5)
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func msDuration(ms int64) time.Duration { return time.Duration(ms) * time.Millisecond }

// httpHandler serves the body that page returns for a path, or 404.
func httpHandler(page func(path string) (string, bool)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := page(r.URL.Path)
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(body))
	})
}

func readFileErr(name string) ([]byte, error) { return os.ReadFile(name) }
