package importer

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/podfeed/podfeed/internal/golden"
)

// TestGofeedAgrees reads every host feed with gofeed, an independent
// parser, and checks that the import found the same show title, the same
// items (by guid), with the same titles and publication times.
func TestGofeedAgrees(t *testing.T) {
	feeds := []struct {
		name string
		src  []byte
	}{
		{"mini", []byte(miniFeed("", ""))},
		{"big", bigFeed(5)},
	}
	for _, tt := range hostFeeds {
		feeds = append(feeds, struct {
			name string
			src  []byte
		}{tt.file, golden.Read(t, filepath.Join("testdata", "hosts", tt.file))})
	}
	for _, f := range feeds {
		t.Run(f.name, func(t *testing.T) {
			oracle, err := gofeed.NewParser().Parse(bytes.NewReader(f.src))
			if err != nil {
				t.Fatalf("gofeed: %v", err)
			}
			imp, err := ReadFeed(context.Background(), f.name, f.src, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := imp.Show.Title, clean(oracle.Title); got != want {
				t.Errorf("show title %q, gofeed reads %q", got, want)
			}
			if len(imp.Episodes) != len(oracle.Items) {
				t.Fatalf("%d episodes, gofeed reads %d items", len(imp.Episodes), len(oracle.Items))
			}
			byGUID := make(map[string]*gofeed.Item, len(oracle.Items))
			for _, gi := range oracle.Items {
				byGUID[gi.GUID] = gi
			}
			for i, ep := range imp.Episodes { // oldest first
				gi := byGUID[ep.GUID]
				if gi == nil {
					t.Errorf("item %d: guid %q, which gofeed does not read", i, ep.GUID)
					continue
				}
				if want := clean(gi.Title); want != "" && ep.Title != want {
					t.Errorf("item %d: title %q, gofeed reads %q", i, ep.Title, want)
				}
				if gi.PublishedParsed != nil && !ep.Published.Equal(*gi.PublishedParsed) {
					t.Errorf("item %d: published %s, gofeed reads %s", i, ep.Published, gi.PublishedParsed)
				}
			}
		})
	}
}
