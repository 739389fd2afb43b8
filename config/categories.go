package config

import (
	"strings"

	"github.com/podfeed/podfeed/internal/diag"
)

// appleCategoriesURL is Apple's page listing the categories below.
const appleCategoriesURL = "https://podcasters.apple.com/support/1691-apple-podcasts-categories"

// appleCategories is Apple Podcasts' list of categories and subcategories,
// in Apple's order, spelled exactly as itunes:category must carry them
// (Apple matches them case-sensitively). It is the list Apple introduced in
// 2019 and still publishes: 19 categories, 91 subcategories.
//
// It is read-only: nothing may write to it.
var appleCategories = [...]struct {
	name string
	subs []string
}{
	{"Arts", []string{"Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"}},
	{"Business", []string{"Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"}},
	{"Comedy", []string{"Comedy Interviews", "Improv", "Stand-Up"}},
	{"Education", []string{"Courses", "How To", "Language Learning", "Self-Improvement"}},
	{"Fiction", []string{"Comedy Fiction", "Drama", "Science Fiction"}},
	{"Government", nil},
	{"History", nil},
	{"Health & Fitness", []string{"Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"}},
	{"Kids & Family", []string{"Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"}},
	{"Leisure", []string{"Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden", "Video Games"}},
	{"Music", []string{"Music Commentary", "Music History", "Music Interviews"}},
	{"News", []string{"Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News", "Tech News"}},
	{"Religion & Spirituality", []string{"Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"}},
	{"Science", []string{"Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences", "Nature", "Physics", "Social Sciences"}},
	{"Society & Culture", []string{"Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"}},
	{"Sports", []string{"Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"}},
	{"Technology", nil},
	{"True Crime", nil},
	{"TV & Film", []string{"After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"}},
}

// AppleCategories returns every category Apple Podcasts accepts, each
// top-level category followed by its subcategories, in Apple's order. The
// slice is new on every call.
func AppleCategories() []Category {
	var out []Category
	for _, c := range appleCategories {
		out = append(out, Category{Name: c.name})
		for _, s := range c.subs {
			out = append(out, Category{Name: c.name, Sub: s})
		}
	}
	return out
}

// parseCategory reads "Name" or "Name/Sub" (spaces around the slash are
// allowed) and checks it against Apple's list. When the category is not on
// the list it returns ok false and a hint saying what to write instead.
func parseCategory(s string) (c Category, hint string, ok bool) {
	name, sub, hasSub := strings.Cut(s, "/")
	c = Category{Name: strings.TrimSpace(name), Sub: strings.TrimSpace(sub)}
	parent := -1
	for i, a := range appleCategories {
		if a.name == c.Name {
			parent = i
			break
		}
	}
	if parent >= 0 && !hasSub {
		return c, "", true
	}
	if parent >= 0 {
		for _, sub := range appleCategories[parent].subs {
			if sub == c.Sub {
				return c, "", true
			}
		}
	}

	// Not on the list: find the nearest spelling, then explain.
	all := AppleCategories()
	names := make([]string, len(all))
	for i, a := range all {
		names[i] = a.String()
	}
	if best := diag.Suggest(c.String(), names); best != "" {
		if best != c.String() && strings.EqualFold(best, c.String()) {
			return c, "Apple's categories are case-sensitive: write \"" + best + "\"", false
		}
		return c, "did you mean \"" + best + "\"?", false
	}
	if !hasSub {
		// A subcategory written without its category, such as "How To".
		var subs []string
		var full []Category
		for _, a := range all {
			if a.Sub != "" {
				subs = append(subs, a.Sub)
				full = append(full, a)
			}
		}
		if best := diag.Suggest(c.Name, subs); best != "" {
			for i, sub := range subs {
				switch {
				case sub != best:
				case strings.EqualFold(sub, c.Name):
					return c, "a subcategory needs its category: write \"" + full[i].String() + "\"", false
				default:
					return c, "did you mean \"" + full[i].String() + "\"?", false
				}
			}
		}
	}
	if parent >= 0 {
		a := appleCategories[parent]
		if len(a.subs) == 0 {
			return c, "\"" + a.name + "\" has no subcategories: write \"" + a.name + "\"", false
		}
		return c, "the subcategories of \"" + a.name + "\" are: " + strings.Join(a.subs, ", "), false
	}
	tops := make([]string, len(appleCategories))
	for i, a := range appleCategories {
		tops[i] = a.name
	}
	return c, "the categories are: " + strings.Join(tops, ", ") + " (see " + appleCategoriesURL + ")", false
}
