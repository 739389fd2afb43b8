package feed

import "github.com/podfeed/podfeed/config"

// itunesOwner is itunes:owner.
type itunesOwner struct {
	Name  string `xml:"itunes:name,omitempty"`
	Email string `xml:"itunes:email,omitempty"`
}

// itunesImage is itunes:image, on the channel and on items.
type itunesImage struct {
	Href string `xml:"href,attr"`
}

// itunesCategory is itunes:category, with its subcategories nested.
type itunesCategory struct {
	Text string            `xml:"text,attr"`
	Subs []*itunesCategory `xml:"itunes:category"`
}

// itunesCategories nests the show's categories as Apple wants them: one
// element per parent in first-seen order, holding its subcategories, so that
// "Education/How To" and "Education/Courses" share one <itunes:category
// text="Education">. Repeated categories are written once.
func itunesCategories(cats []config.Category) []*itunesCategory {
	var out []*itunesCategory
	parents := map[string]*itunesCategory{}
	for _, c := range cats {
		if c.Name == "" {
			continue
		}
		p, ok := parents[c.Name]
		if !ok {
			p = &itunesCategory{Text: c.Name}
			parents[c.Name] = p
			out = append(out, p)
		}
		if c.Sub == "" {
			continue
		}
		dup := false
		for _, s := range p.Subs {
			dup = dup || s.Text == c.Sub
		}
		if !dup {
			p.Subs = append(p.Subs, &itunesCategory{Text: c.Sub})
		}
	}
	return out
}
