package feed

import (
	"testing"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
)

// TestJSONFeedContent checks that every JSON Feed item has content_html or
// content_text, as JSON Feed 1.1 requires, and never both.
func TestJSONFeedContent(t *testing.T) {
	bare := func(ep *episodes.Episode) {
		ep.Summary = ""
		ep.Chapters, ep.Links, ep.Takeaways, ep.People = nil, nil, nil, nil
	}
	tests := []struct {
		name     string
		show     func(*config.Show)
		ep       func(*episodes.Episode)
		wantHTML bool   // content_html is the notes
		wantText string // content_text
	}{
		{name: "full notes", ep: func(*episodes.Episode) {}, wantHTML: true},
		{name: "summary only", show: func(s *config.Show) { s.Links = nil }, ep: func(ep *episodes.Episode) {
			bare(ep)
			ep.Summary = "Just a summary."
		}, wantHTML: true},
		{name: "show links only", ep: bare, wantHTML: true},
		{name: "chapters only", show: func(s *config.Show) { s.Links = nil }, ep: func(ep *episodes.Episode) {
			chapters := ep.Chapters
			bare(ep)
			ep.Chapters = chapters
		}, wantHTML: true},
		{name: "no notes", show: func(s *config.Show) { s.Links = nil }, ep: bare,
			wantText: "Rust in production at planet scale: lessons learned deploying Rust code to millions of devices"},
		{name: "no notes, summary of white space", show: func(s *config.Show) { s.Links = nil }, ep: func(ep *episodes.Episode) {
			bare(ep)
			ep.Summary = " \n\t\n"
		}, wantText: "Rust in production at planet scale: lessons learned deploying Rust code to millions of devices"},
		{name: "no notes, no title", show: func(s *config.Show) { s.Links = nil }, ep: func(ep *episodes.Episode) {
			bare(ep)
			ep.Title = " "
		}, wantText: "Coding Chats"},
		{name: "no notes, no titles", show: func(s *config.Show) { s.Links, s.Title = nil, "" }, ep: func(ep *episodes.Episode) {
			bare(ep)
			ep.Title = ""
		}, wantText: "codingchats-055-rust-in-production"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			show, ep := codingChatsShow(), episode55()
			if tt.show != nil {
				tt.show(show)
			}
			tt.ep(ep)
			b := &build{show: cleanShow(show)}
			var warn diag.List
			e, err := b.entry(notesRenderer(b.show), cleanEpisode(ep), &warn)
			if err != nil {
				t.Fatal(err)
			}
			it := jsonFeedItem(e)
			if gotHTML := it.ContentHTML != ""; gotHTML != tt.wantHTML || gotHTML && it.ContentHTML != e.content() {
				t.Errorf("content_html = %q, want the notes: %v", it.ContentHTML, tt.wantHTML)
			}
			if it.ContentText != tt.wantText {
				t.Errorf("content_text = %q, want %q", it.ContentText, tt.wantText)
			}
		})
	}
}
