package config

import (
	"slices"
	"testing"
)

func TestNotify(t *testing.T) {
	const head = `title = "T"
description = "D"
link = "https://example.com/"
feed_url = "https://example.com/feed.xml"
language = "en"
image = "https://example.com/a.jpg"
`
	for _, tt := range []struct {
		name, src string
		want      Notify
	}{
		{"absent", "", Notify{}},
		{"hubs and podping", "[notify]\nhubs = [\"https://hub.example.com/\", \"http://h2.example.com/x\"]\npodping = true\n",
			Notify{Hubs: []string{"https://hub.example.com/", "http://h2.example.com/x"}, Podping: true}},
		{"podping off", "[notify]\npodping = false\n", Notify{}},
		{"bad hub left out", "[notify]\nhubs = [\"ftp://x/\", \"https://hub.example.com/\"]\n", Notify{Hubs: []string{"https://hub.example.com/"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := Parse("podcast.toml", []byte(head+tt.src))
			if s == nil {
				t.Fatal("no show")
			}
			if !slices.Equal(s.Notify.Hubs, tt.want.Hubs) || s.Notify.Podping != tt.want.Podping {
				t.Errorf("Notify = %+v, want %+v", s.Notify, tt.want)
			}
		})
	}
}
