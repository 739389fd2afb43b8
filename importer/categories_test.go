package importer

import (
	"testing"

	"github.com/podfeed/podfeed/config"
)

func TestMapCategory(t *testing.T) {
	tests := []struct {
		in, want    config.Category
		changed, ok bool
	}{
		{config.Category{Name: "Technology"}, config.Category{Name: "Technology"}, false, true},
		{config.Category{Name: "Technology", Sub: "Podcasting"}, config.Category{Name: "Technology"}, true, true},
		{config.Category{Name: "Technology", Sub: "Software How-To"}, config.Category{Name: "Technology"}, true, true},
		{config.Category{Name: "Technology", Sub: "Tech News"}, config.Category{Name: "News", Sub: "Tech News"}, true, true},
		{config.Category{Name: "News & Politics"}, config.Category{Name: "News", Sub: "Politics"}, true, true},
		{config.Category{Name: "Arts", Sub: "Literature"}, config.Category{Name: "Arts", Sub: "Books"}, true, true},
		{config.Category{Name: "Games & Hobbies", Sub: "Video Games"}, config.Category{Name: "Leisure", Sub: "Video Games"}, true, true},
		{config.Category{Name: "Health", Sub: "Self-Help"}, config.Category{Name: "Education", Sub: "Self-Improvement"}, true, true},
		{config.Category{Name: "Science & Medicine", Sub: "Medicine"}, config.Category{Name: "Health & Fitness", Sub: "Medicine"}, true, true},
		{config.Category{Name: "Sports & Recreation", Sub: "Outdoor"}, config.Category{Name: "Sports", Sub: "Wilderness"}, true, true},
		{config.Category{Name: "Religion & Spirituality", Sub: "Other"}, config.Category{Name: "Religion & Spirituality", Sub: "Religion"}, true, true},
		{config.Category{Name: "Government & Organizations", Sub: "Local"}, config.Category{Name: "Government"}, true, true},
		{config.Category{Name: "Made Up"}, config.Category{Name: "Made Up"}, false, false},
	}
	for _, tt := range tests {
		got, changed, ok := mapCategory(tt.in)
		if got != tt.want || changed != tt.changed || ok != tt.ok {
			t.Errorf("mapCategory(%q) = %q, %t, %t; want %q, %t, %t", tt.in, got, changed, ok, tt.want, tt.changed, tt.ok)
		}
	}
	// Every target is on Apple's 2019 list.
	for parent, subs := range oldCategories {
		for sub, c := range subs {
			if !isAppleCategory(c) {
				t.Errorf("%s/%s maps to %q, not on Apple's list", parent, sub, c)
			}
		}
	}
}

func TestRegisteredType(t *testing.T) {
	tests := []struct{ typ, url, want string }{
		{"audio/mpeg", "https://a.example/1.mp3", "audio/mpeg"},
		{"audio/mp3", "https://a.example/1.mp3", "audio/mpeg"},
		{"video/x-mp4", "https://a.example/1.mp4", "video/mp4"},
		{"application/octet-stream", "https://a.example/1.m4a?x=1", "audio/x-m4a"},
		{"application/octet-stream", "https://a.example/1", "application/octet-stream"},
		{"audio/x-m4a", "https://a.example/1.m4a", "audio/x-m4a"},
	}
	for _, tt := range tests {
		if got := registeredType(tt.typ, tt.url); got != tt.want {
			t.Errorf("registeredType(%q, %q) = %q, want %q", tt.typ, tt.url, got, tt.want)
		}
	}
}
