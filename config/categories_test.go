package config

import (
	"strings"
	"testing"
)

func TestAppleCategories(t *testing.T) {
	all := AppleCategories()
	if len(all) != 110 {
		t.Errorf("got %d categories, want 110 (19 categories, 91 subcategories)", len(all))
	}
	tops, seen := 0, make(map[string]bool)
	for _, c := range all {
		if c.Sub == "" {
			tops++
		}
		s := c.String()
		if seen[s] {
			t.Errorf("%q listed twice", s)
		}
		seen[s] = true
		got, hint, ok := parseCategory(s)
		if !ok || got != c {
			t.Errorf("parseCategory(%q) = %+v, %v (hint %q); want %+v", s, got, ok, hint, c)
		}
	}
	if tops != 19 {
		t.Errorf("got %d top-level categories, want 19", tops)
	}
	all[0].Name = "changed"
	if AppleCategories()[0].Name != "Arts" {
		t.Errorf("AppleCategories shares its slice")
	}
}

func TestParseCategory(t *testing.T) {
	tests := []struct {
		in   string
		want Category
		ok   bool
		hint string // a substring of the hint
	}{
		{"Technology", Category{Name: "Technology"}, true, ""},
		{"Education/How To", Category{Name: "Education", Sub: "How To"}, true, ""},
		{"Education / How To", Category{Name: "Education", Sub: "How To"}, true, ""},
		{"Arts/Fashion & Beauty", Category{Name: "Arts", Sub: "Fashion & Beauty"}, true, ""},
		{"Comedy/Stand-Up", Category{Name: "Comedy", Sub: "Stand-Up"}, true, ""},
		{"TV & Film/After Shows", Category{Name: "TV & Film", Sub: "After Shows"}, true, ""},
		{"Tecnology", Category{}, false, `did you mean "Technology"?`},
		{"technology", Category{}, false, `case-sensitive: write "Technology"`},
		{"Education/How-To", Category{}, false, `did you mean "Education/How To"?`},
		{"How To", Category{}, false, `needs its category: write "Education/How To"`},
		{"Stand Up", Category{}, false, `did you mean "Comedy/Stand-Up"?`},
		{"Technology/Gadgets", Category{}, false, `"Technology" has no subcategories`},
		{"Fiction/Horror", Category{}, false, "Comedy Fiction, Drama, Science Fiction"},
		{"Technology/", Category{}, false, `did you mean "Technology"?`},
		{"Podcasting", Category{}, false, "the categories are: Arts,"},
		{"Games & Hobbies", Category{}, false, "the categories are:"}, // the pre-2019 list
		{"", Category{}, false, "the categories are:"},
	}
	for _, tt := range tests {
		got, hint, ok := parseCategory(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parseCategory(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
		if !strings.Contains(hint, tt.hint) || (tt.hint == "") != (hint == "") {
			t.Errorf("parseCategory(%q) hint = %q, want it to contain %q", tt.in, hint, tt.hint)
		}
	}
}
