package site

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/podcast"
)

func TestPlace(t *testing.T) {
	for _, tt := range []struct {
		in   *podcast.Location
		want *Place
	}{
		{nil, nil},
		{&podcast.Location{Geo: "geo:1,2"}, nil},
		{&podcast.Location{Name: "Austin"}, &Place{Name: "Austin"}},
		{&podcast.Location{Name: "Austin", OSM: "R113314", Geo: "geo:30.2672,97.7431"},
			&Place{Name: "Austin", URL: "https://www.openstreetmap.org/relation/113314"}},
		{&podcast.Location{Name: "A node", OSM: "N42#1"}, &Place{Name: "A node", URL: "https://www.openstreetmap.org/node/42"}},
		{&podcast.Location{Name: "Austin", Geo: "geo:30.2672,97.7431;u=350", Rel: "creator"},
			&Place{Name: "Austin", URL: "https://www.openstreetmap.org/?mlat=30.2672&mlon=97.7431", Creator: true}},
		{&podcast.Location{Name: "Odd", OSM: "X1", Geo: "geo:nonsense"}, &Place{Name: "Odd"}},
	} {
		if got := place(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("place(%+v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestLicenseLink(t *testing.T) {
	for _, tt := range []struct {
		in   *podcast.License
		want *LicenseLink
	}{
		{nil, nil},
		{&podcast.License{}, nil},
		{&podcast.License{Identifier: "CC-BY-4.0"}, &LicenseLink{"CC-BY-4.0", "https://spdx.org/licenses/CC-BY-4.0.html"}},
		{&podcast.License{Identifier: "My licence", URL: "https://example.org/l"}, &LicenseLink{"My licence", "https://example.org/l"}},
		{&podcast.License{Identifier: "All rights reserved"}, &LicenseLink{"All rights reserved", ""}},
	} {
		if got := licenseLink(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("licenseLink(%+v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestSupport(t *testing.T) {
	fund := []config.Funding{{URL: "https://example.org/support", Text: "Support us"}}
	showValue := &podcast.Value{Recipients: []podcast.Recipient{{Name: "Host"}, {Name: "App fee", Fee: true}}}
	epValue := &podcast.Value{Recipients: []podcast.Recipient{{Name: "Guest"}, {Address: "nameless"}}}
	for _, tt := range []struct {
		name string
		show *config.Show
		ep   *podcast.Value
		want *Support
	}{
		{"nothing", &config.Show{}, nil, nil},
		{"funding", &config.Show{Funding: fund}, nil, &Support{Funding: fund}},
		{"show value, fees left out", &config.Show{Value: showValue}, nil, &Support{Value: []string{"Host"}}},
		{"episode value first", &config.Show{Funding: fund, Value: showValue}, epValue, &Support{Funding: fund, Value: []string{"Guest"}}},
		{"value without names", &config.Show{}, &podcast.Value{}, &Support{Value: []string{}}},
	} {
		if got := support(tt.show, tt.ep); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: support = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestClips(t *testing.T) {
	got := clips([]podcast.Soundbite{{Start: 12*time.Minute + 30*time.Second, Duration: 45 * time.Second, Title: "Woodpecker"}})
	want := []Clip{{Title: "Woodpecker", Start: "750", End: "795", From: "12:30", To: "13:15"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("clips = %+v, want %+v", got, want)
	}
}

// TestRobotsSubPath: a site under a sub-path of its host keeps crawlers
// out of its own embed pages, not the host's /embed/.
func TestRobotsSubPath(t *testing.T) {
	for site, want := range map[string]string{
		"https://host.example/":           "Disallow: /embed/\n",
		"https://host.example/show/":      "Disallow: /show/embed/\n",
		"https://host.example/a%20b/pod/": "Disallow: /a%20b/pod/embed/\n",
	} {
		got := string(robots(site))
		if !strings.Contains(got, want) || !strings.Contains(got, "Sitemap: "+site+SitemapFile+"\n") {
			t.Errorf("robots(%q) = %q, want %q and the sitemap", site, got, want)
		}
	}
}
