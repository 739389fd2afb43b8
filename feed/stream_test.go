package feed

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/podfeed/podfeed/episodes"
)

// TestStreamManyItems builds feeds of more items than one round renders
// (itemsPerRound), so that items are spliced in across rounds, and reads
// every item back in order through encoding/xml, gofeed and encoding/json.
func TestStreamManyItems(t *testing.T) {
	for _, n := range []int{itemsPerRound, itemsPerRound + 1, 2*itemsPerRound + 3} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var eps []*episodes.Episode
			first := episode55()
			for i := range n {
				ep := episode55()
				ep.GUID = fmt.Sprintf("guid-%04d", i)
				ep.Slug = fmt.Sprintf("%04d-episode", i)
				ep.Title = fmt.Sprintf("Episode %d", i)
				ep.Number = i + 1
				ep.Published = first.Published.Add(-time.Duration(i) * time.Hour) // newest first
				eps = append(eps, ep)
			}
			out := mustBuild(t, codingChatsShow(), eps, Options{})
			checkWellFormed(t, RSSFile, out.RSS)
			checkWellFormed(t, AtomFile, out.Atom)
			checkJSON(t, JSONFile, out.JSON)
			if len(out.Chapters) != n {
				t.Errorf("%d chapter files, want %d", len(out.Chapters), n)
			}
			for name, data := range map[string][]byte{RSSFile: out.RSS, AtomFile: out.Atom} {
				f, err := gofeed.NewParser().ParseString(string(data))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if len(f.Items) != n {
					t.Fatalf("%s: %d items, want %d", name, len(f.Items), n)
				}
				for i, it := range f.Items {
					if it.Title != eps[i].Title {
						t.Errorf("%s: item %d is %q, want %q", name, i, it.Title, eps[i].Title)
						break
					}
				}
			}
			var js struct {
				Items []struct {
					ID string `json:"id"`
				} `json:"items"`
			}
			if err := json.Unmarshal(out.JSON, &js); err != nil {
				t.Fatal(err)
			}
			if len(js.Items) != n {
				t.Fatalf("feed.json: %d items, want %d", len(js.Items), n)
			}
			for i, it := range js.Items {
				if it.ID != eps[i].GUID {
					t.Errorf("feed.json: item %d is %q, want %q", i, it.ID, eps[i].GUID)
					break
				}
			}
		})
	}
}
