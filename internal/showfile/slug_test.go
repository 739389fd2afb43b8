package showfile

import "testing"

func TestSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Hello", "hello"},
		{"Rust in production at planet scale: lessons learned", "rust-in-production-at-planet-scale"},
		{"Café Crème & Brötchen", "cafe-creme-brotchen"},
		{"John's Links", "johns-links"},
		{"  --Trim--  ", "trim"},
		{"Episode #42: The Answer!", "episode-42-the-answer"},
		{"日本語", "episode"},
		{"", "episode"},
		{"Supercalifragilisticexpialidociousnessesesesesess", "supercalifragilisticexpialidociousnesses"},
	}
	for _, tt := range tests {
		if got := Slug(tt.title); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}
