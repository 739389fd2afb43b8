package site_test

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/site"
)

// A page of the list past the first reports where each of its entries
// lies (Options.Listed), and written again with those entries copied
// (Options.Entries) it is the same page, though its episodes have no
// summary to make excerpts from: after an episode in the middle of a big
// show is removed, the pages after it list other episodes, whose entries
// an incremental build copies from the last build's pages.
func TestListEntriesCopied(t *testing.T) {
	show, eps := example(t)
	slugs := make([]string, 2*site.PageSize+10)
	for i := range slugs {
		slugs[i] = fmt.Sprintf("ep-%03d", i)
	}
	many := daily(eps[0], slugs...)
	for i, ep := range many {
		ep.Summary = fmt.Sprintf("Summary %d with <b>tags</b> & more.\n\n- an item\n- another & one", i)
		ep.Number = i + 1
	}
	build := func(opts site.Options) map[string][]byte {
		t.Helper()
		files, err := site.Build(show, many, opts)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string][]byte{}
		for _, f := range files {
			if m[f.Name], err = f.Bytes(); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
		}
		return m
	}
	var mu sync.Mutex
	listed := map[string][]site.Entry{}
	first := build(site.Options{Listed: func(file string, entries []site.Entry) {
		mu.Lock()
		defer mu.Unlock()
		listed[file] = entries
	}})
	entries := map[*episodes.Episode][]byte{}
	for _, l := range site.Lists(show, many)[1:] {
		got := listed[l.File]
		if len(got) != len(l.Episodes) {
			t.Fatalf("%s: %d entries listed, want %d", l.File, len(got), len(l.Episodes))
		}
		page := first[l.File]
		for i, e := range got {
			entry := page[e.Off : e.Off+e.Len]
			if e.Episode != l.Episodes[i] || !bytes.HasPrefix(entry, []byte("\n<li>\n<h3><a href=\"../../episodes/"+e.Episode.Slug+"/")) ||
				!bytes.HasSuffix(entry, []byte("</li>")) || !bytes.Contains(entry, []byte("Summary "+strconv.Itoa(e.Episode.Number-1)+" with")) {
				t.Fatalf("%s: entry %d of %s is %q", l.File, i, e.Episode.Slug, entry)
			}
			entries[e.Episode] = entry
		}
	}
	if _, ok := listed["index.html"]; ok || len(listed) != len(site.Lists(show, many))-1 {
		t.Errorf("pages listed: %v, want those past the first", slices.Sorted(maps.Keys(listed)))
	}
	// Copied, for episodes whose summaries are gone, the pages are the same.
	summaries := make([]string, len(many))
	for i, ep := range many {
		summaries[i], ep.Summary = ep.Summary, ""
	}
	again := build(site.Options{Entries: func(ep *episodes.Episode) []byte { return entries[ep] }})
	for _, l := range site.Lists(show, many)[1:] {
		if !bytes.Equal(again[l.File], first[l.File]) {
			t.Errorf("%s differs with its entries copied:\n%s\n---\n%s", l.File, again[l.File], first[l.File])
		}
	}
	// Rendered, not copied, where Entries gives nothing.
	some := build(site.Options{Entries: func(ep *episodes.Episode) []byte {
		if ep.Number%2 == 0 {
			return nil
		}
		return entries[ep]
	}})
	for _, l := range site.Lists(show, many)[1:] {
		odd := l.Episodes[0]
		if odd.Number%2 == 0 {
			odd = l.Episodes[1]
		}
		if bytes.Equal(some[l.File], first[l.File]) || !bytes.Contains(some[l.File], entries[odd]) {
			t.Errorf("%s: the entries given nothing are not rendered again", l.File)
		}
	}
	for i, ep := range many {
		ep.Summary = summaries[i]
	}
	// On a page that lists an episode without a page of its own, the
	// others' entries are copied, and that one's is written, linked to
	// its audio, as index.html's markup writes it. Rendered alone, as an
	// incremental build renders it, without the episodes' pages, which
	// work out the excerpts too.
	page := func(opts site.Options, name string) []byte {
		t.Helper()
		files, err := site.Build(show, many, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if f.Name == name {
				b, err := f.Bytes()
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
		}
		t.Fatalf("no %s", name)
		return nil
	}
	slug := many[20].Slug
	many[20].Slug = ""
	without := page(site.Options{}, "page/1/index.html")
	given := func(ep *episodes.Episode) []byte {
		if ep == many[20] {
			return nil // its slug, which its entry shows, changed
		}
		return entries[ep]
	}
	if copied := page(site.Options{Entries: given}, "page/1/index.html"); !bytes.Equal(copied, without) {
		t.Errorf("page/1/index.html, with an episode without a page, differs when entries are given:\n%s\n---\n%s", copied, without)
	}
	many[20].Slug = slug
}

// TestHosts: the hosts of a show are the people whose role is host, each
// once however their names are cased, in the order the episodes first
// name them.
func TestHosts(t *testing.T) {
	ep := func(people ...episodes.Person) *episodes.Episode { return &episodes.Episode{People: people} }
	host := func(name, role string) episodes.Person { return episodes.Person{Name: name, Role: role} }
	for _, tc := range []struct {
		name string
		eps  []*episodes.Episode
		want []string
	}{
		{"none", nil, nil},
		{"guests alone", []*episodes.Episode{ep(host("Ann", "guest"))}, nil},
		{"a guest who hosts later", []*episodes.Episode{ep(host("Ann", "guest")), ep(host("Ann", "Host"))}, []string{"Ann"}},
		{"cased otherwise", []*episodes.Episode{ep(host("Ann Lee", "host"), host("Bo", "HOST")), ep(host("ann lee", "host")), ep(host("ANN LEE", "host"), host("Cy", "host"))},
			[]string{"Ann Lee", "Bo", "Cy"}},
		{"the same name twice", []*episodes.Episode{ep(host("Bo", "host"), host("Bo", "host")), ep(host("Bo", "host"))}, []string{"Bo"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range site.Hosts(tc.eps) {
				got = append(got, p.Name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Hosts = %q, want %q", got, tc.want)
			}
		})
	}
}

// BenchmarkHosts finds the hosts of 10,000 episodes that each name the
// show's two hosts and a guest.
func BenchmarkHosts(b *testing.B) {
	eps := make([]*episodes.Episode, 10_000)
	for i := range eps {
		eps[i] = &episodes.Episode{People: []episodes.Person{{Name: "Ann Lee", Role: "host"}, {Name: "Bo Park", Role: "host"},
			{Name: fmt.Sprintf("Guest %d", i), Role: "guest"}}}
	}
	for b.Loop() {
		if len(site.Hosts(eps)) != 2 {
			b.Fatal("not two hosts")
		}
	}
}
