package site

import (
	"net/url"
	"strings"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/podcast"
)

// Clip is one podcast:soundbite ready to play: the player plays it from
// Start and pauses at End.
type Clip struct {
	Title      string
	Start, End string // in seconds, as the player takes them: "750", "795"
	From, To   string // as people read them: "12:30", "13:15"
}

// clips returns an episode's soundbites as clips, in the order written.
func clips(bites []podcast.Soundbite) []Clip {
	var out []Clip
	for _, b := range bites {
		out = append(out, Clip{
			Title: b.Title,
			Start: seconds(b.Start), End: seconds(b.Start + b.Duration),
			From: clock(b.Start), To: clock(b.Start + b.Duration),
		})
	}
	return out
}

// Support is what the pages offer listeners who want to support the show:
// its funding links and, when it takes streaming payments, the names of
// the people a payment reaches.
type Support struct {
	Funding []config.Funding
	// Value names the recipients of a Value4Value block (fees left out);
	// nil without one. Their addresses are for apps, not people.
	Value []string
}

// support returns the show's support links, with the episode's value
// block in place of the show's when it has its own (v: nil when not).
func support(show *config.Show, v *podcast.Value) *Support {
	if v == nil {
		v = show.Value
	}
	s := &Support{Funding: show.Funding}
	if v != nil {
		s.Value = []string{}
		for _, r := range v.Recipients {
			if !r.Fee && r.Name != "" {
				s.Value = append(s.Value, r.Name)
			}
		}
	}
	if len(s.Funding) == 0 && s.Value == nil {
		return nil
	}
	return s
}

// Place is a podcast:location as a page links it.
type Place struct {
	Name    string
	URL     string // its map on OpenStreetMap; "" when the tag gives no place
	Creator bool   // where the episode was made, not what it is about
}

// place returns where a location's name links to: the OpenStreetMap
// object when the tag names one, else the map at its geo: point.
func place(l *podcast.Location) *Place {
	if l == nil || l.Name == "" {
		return nil
	}
	p := &Place{Name: l.Name, Creator: l.Rel == "creator"}
	kinds := map[byte]string{'N': "node", 'W': "way", 'R': "relation"}
	if osm := l.OSM; len(osm) > 1 && kinds[osm[0]] != "" {
		id, _, _ := strings.Cut(osm[1:], "#")
		p.URL = "https://www.openstreetmap.org/" + kinds[osm[0]] + "/" + url.PathEscape(id)
		return p
	}
	if geo, ok := strings.CutPrefix(l.Geo, "geo:"); ok {
		geo, _, _ = strings.Cut(geo, ";")
		parts := strings.Split(geo, ",")
		if len(parts) >= 2 {
			q := url.Values{"mlat": {parts[0]}, "mlon": {parts[1]}}
			p.URL = "https://www.openstreetmap.org/?" + q.Encode()
		}
	}
	return p
}

// LicenseLink is a podcast:license as a page links it.
type LicenseLink struct {
	Name string // the SPDX identifier or name
	URL  string // its text: the tag's, or SPDX's page for an identifier
}

// licenseLink returns a license ready to link; nil without one.
func licenseLink(l *podcast.License) *LicenseLink {
	if l == nil || l.Identifier == "" {
		return nil
	}
	out := &LicenseLink{Name: l.Identifier, URL: l.URL}
	if out.URL == "" && !strings.ContainsAny(l.Identifier, " /") {
		out.URL = "https://spdx.org/licenses/" + url.PathEscape(l.Identifier) + ".html"
	}
	return out
}
