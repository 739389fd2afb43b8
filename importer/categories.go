package importer

import "github.com/podfeed/podfeed/config"

// oldCategories maps Apple's categories from before its 2019 list, as
// older feeds still carry them, to the 2019 list that podfeed checks
// against. A parent alone maps by its "" entry; a subcategory missing here
// maps as its parent does.
var oldCategories = map[string]map[string]config.Category{
	"Arts": {
		"Literature": {Name: "Arts", Sub: "Books"},
	},
	"Business": {
		"Business News":          {Name: "News", Sub: "Business News"},
		"Management & Marketing": {Name: "Business", Sub: "Management"},
		"Shopping":               {Name: "Business"},
	},
	"Education": {
		"Educational Technology": {Name: "Education"},
		"Higher Education":       {Name: "Education", Sub: "Courses"},
		"K-12":                   {Name: "Education"},
		"Language Courses":       {Name: "Education", Sub: "Language Learning"},
		"Training":               {Name: "Education", Sub: "How To"},
	},
	"Games & Hobbies": {
		"":            {Name: "Leisure"},
		"Automotive":  {Name: "Leisure", Sub: "Automotive"},
		"Aviation":    {Name: "Leisure", Sub: "Aviation"},
		"Hobbies":     {Name: "Leisure", Sub: "Hobbies"},
		"Other Games": {Name: "Leisure", Sub: "Games"},
		"Video Games": {Name: "Leisure", Sub: "Video Games"},
	},
	"Government & Organizations": {
		"":           {Name: "Government"},
		"Non-Profit": {Name: "Business", Sub: "Non-Profit"},
	},
	"Health": {
		"":                    {Name: "Health & Fitness"},
		"Alternative Health":  {Name: "Health & Fitness", Sub: "Alternative Health"},
		"Fitness & Nutrition": {Name: "Health & Fitness", Sub: "Fitness"},
		"Self-Help":           {Name: "Education", Sub: "Self-Improvement"},
		"Sexuality":           {Name: "Health & Fitness", Sub: "Sexuality"},
	},
	"News & Politics": {
		"": {Name: "News", Sub: "Politics"},
	},
	"Religion & Spirituality": {
		"Other": {Name: "Religion & Spirituality", Sub: "Religion"},
	},
	"Science & Medicine": {
		"":                 {Name: "Science"},
		"Medicine":         {Name: "Health & Fitness", Sub: "Medicine"},
		"Natural Sciences": {Name: "Science", Sub: "Natural Sciences"},
		"Social Sciences":  {Name: "Science", Sub: "Social Sciences"},
	},
	"Society & Culture": {
		"History": {Name: "History"},
	},
	"Sports & Recreation": {
		"":                      {Name: "Sports"},
		"Amateur":               {Name: "Sports"},
		"College & High School": {Name: "Sports"},
		"Outdoor":               {Name: "Sports", Sub: "Wilderness"},
		"Professional":          {Name: "Sports"},
	},
	"Technology": {
		"Gadgets":         {Name: "Technology"},
		"Tech News":       {Name: "News", Sub: "Tech News"},
		"Podcasting":      {Name: "Technology"},
		"Software How-To": {Name: "Technology"},
	},
}

// isAppleCategory reports whether c is on Apple's 2019 list.
func isAppleCategory(c config.Category) bool {
	for _, a := range config.AppleCategories() {
		if a == c {
			return true
		}
	}
	return false
}

// mapCategory returns c on Apple's 2019 list: itself when it is on it, its
// 2019 name when it is an old one (changed true), else ok false.
func mapCategory(c config.Category) (out config.Category, changed, ok bool) {
	if isAppleCategory(c) {
		return c, false, true
	}
	subs, known := oldCategories[c.Name]
	if !known {
		return c, false, false
	}
	if m, ok := subs[c.Sub]; ok {
		return m, true, true
	}
	if m, ok := subs[""]; ok {
		return m, true, true // an old subcategory of an old parent: the parent's
	}
	if parent := (config.Category{Name: c.Name}); isAppleCategory(parent) {
		return parent, true, true // a parent still on the list, a sub no longer
	}
	return c, false, false
}

// mapCategories maps the feed's categories to Apple's 2019 list, dropping
// repeats, and reports each one changed or dropped at node n.
func (r *reader) mapCategories(cats []config.Category, at []*node) []config.Category {
	var out []config.Category
	seen := map[config.Category]bool{}
	for i, c := range cats {
		m, changed, ok := mapCategory(c)
		switch {
		case !ok:
			r.probs.Warn(r.pos(at[i]), "category %q is not on Apple's list: not kept", c.String()).
				WithHint("choose one of Apple's categories for categories in podcast.toml")
			continue
		case changed:
			r.probs.Warn(r.pos(at[i]), "category %q is from Apple's list before 2019: written as %q", c.String(), m.String()).
				WithHint("Apple maps it so too; check categories in podcast.toml")
		}
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out
}
