package podcast

import (
	"fmt"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/diagtest"
	"github.com/podfeed/podfeed/internal/tomlx"
)

// readCase is one TOML snippet, the tag read from it, and the problems it
// must give: each want is a substring of exactly one problem, with its
// position (line of the key), and no other problem may be reported.
type readCase struct {
	name string
	src  string
	want []string
}

// runReadCases reads each case's root table with read and checks the
// problems and, for a valid case, the value read (as %+v) against got.
func runReadCases(t *testing.T, read func(*tomlx.Table) any, cases []readCase, valid map[string]string) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			var probs diag.List
			root := tomlx.Parse("t.toml", []byte(tt.src), &probs)
			if root == nil {
				t.Fatalf("not TOML: %s", probs.Format())
			}
			v := read(root)
			root.Finish()
			diagtest.Expect(t, probs, tt.want)
			if want, ok := valid[tt.name]; ok {
				if g := fmt.Sprintf("%+v", v); g != want {
					t.Errorf("read\n %s\nwant\n %s", g, want)
				}
			}
		})
	}
}

func TestReadValue(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadValue(t) }, []readCase{
		{"valid", `[value]
type = "lightning"
method = "keysend"
suggested = "0.00000005000"
[[value.recipients]]
name = "Host"
type = "node"
address = "02d5c1bf8b940dc9cadca86d1b0a3c37fbe39cee4c7e839e33bef9174531d27f52"
split = 95
[[value.recipients]]
name = "Podcastindex.org"
type = "node"
address = "03ae9f91a0cb8ff43840e3c322c4c61f019d8c1c3cea15a25cfc425ac605e61a4a"
split = 5
fee = true
[[value.time_splits]]
start = "10:00"
duration = 180
remote_percentage = 90
[value.time_splits.remote_item]
feed_guid = "917393e3-1b1e-5cef-ace4-edaa54e1f810"
item_guid = "ep-12"
`, nil},
		{"none", ``, nil},
		{"missing keys", "[value]\n", []string{`t.toml:1:1: missing required key "value.type"`, `missing required key "value.method"`, `missing required key "value.recipients"`}},
		{"bad split", `[value]
type = "lightning"
method = "keysend"
[[value.recipients]]
type = "node"
address = "x"
split = 0
[[value.recipients]]
type = "node"
address = "y"
split = 150
fee = true
`, []string{"t.toml:7:1: value.recipients[0].split: must be a positive number of shares, got 0", "t.toml:11:1: value.recipients[1].split: a fee is a percentage", "every recipient is a fee"}},
		{"fees take all", `[value]
type = "lightning"
method = "keysend"
[[value.recipients]]
type = "node"
address = "x"
split = 10
[[value.recipients]]
type = "node"
address = "y"
split = 100
fee = true
`, []string{"fees take 100% of every payment"}},
		{"unknown type and bad amount", `[value]
type = "paypal"
method = "keysend"
suggested = "a lot"
[[value.recipients]]
type = "node"
address = "x"
split = 1
`, []string{`t.toml:2:1: warning: value.type: "paypal" is not a value type`, `t.toml:4:1: value.suggested: "a lot" is not an amount`}},
		{"time split with neither", `[value]
type = "lightning"
method = "keysend"
[[value.recipients]]
type = "node"
address = "x"
split = 1
[[value.time_splits]]
start = 60
duration = 0
remote_percentage = 101
`, []string{"value.time_splits[0].duration: must be longer than zero", "remote_percentage: must be 0 to 100, got 101", "names neither"}},
		{"remote item bad guid", `[value]
type = "lightning"
method = "keysend"
[[value.recipients]]
type = "node"
address = "x"
split = 1
[[value.time_splits]]
start = "1:00"
duration = "3:00"
[value.time_splits.remote_item]
feed_guid = "not-a-uuid"
medium = "musik"
`, []string{`feed_guid: "not-a-uuid" is not a UUID`, `medium: "musik" is not allowed`}},
		{"custom key alone", `[value]
type = "lightning"
method = "keysend"
[[value.recipients]]
type = "node"
address = "x"
split = 1
custom_key = "696969"
`, []string{"custom_key and custom_value go together"}},
	}, map[string]string{"none": "<nil>"})
}

func TestReadLocation(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadLocation(t) }, []readCase{
		{"valid", "[location]\nname = \"Austin, TX\"\nrel = \"creator\"\ngeo = \"geo:30.2672,-97.7431\"\nosm = \"R113314\"\ncountry = \"us\"\n", nil},
		{"no name", "[location]\ngeo = \"geo:1,2\"\n", []string{`missing required key "location.name"`}},
		{"bad values", "[location]\nname = \"x\"\nrel = \"subjekt\"\ngeo = \"30.2,97.7\"\nosm = \"113314\"\ncountry = \"USA\"\n",
			[]string{`t.toml:3:1: location.rel: "subjekt" is not allowed`, `t.toml:4:1: location.geo: "30.2,97.7" is not an RFC 5870 geo URI`, `t.toml:5:1: location.osm`, `t.toml:6:1: location.country: "USA"`}},
		{"latitude out of range", "[location]\nname = \"x\"\ngeo = \"geo:91,10\"\n", []string{`"geo:91,10" is not an RFC 5870 geo URI`}},
		{"name too long", "[location]\nname = \"" + strings.Repeat("n", 129) + "\"\n", []string{"129 characters"}},
	}, map[string]string{"valid": "&{Name:Austin, TX Rel:creator Geo:geo:30.2672,-97.7431 OSM:R113314 Country:US}"})
}

func TestReadLicense(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadLicense(t) }, []readCase{
		{"spdx", `license = "CC-BY-4.0"`, nil},
		{"custom with url", "license = \"my-podcast-license-v1\"\nlicense_url = \"https://example.org/license\"\n", nil},
		{"unknown without url", `license = "CC-BY-4"`, []string{`t.toml:1:1: license: "CC-BY-4" is not an SPDX license identifier`}},
		{"empty", `license = " "`, []string{"license: must not be empty"}},
		{"url alone", `license_url = "https://example.org/license"`, []string{"license_url without license"}},
		{"bad url", "license = \"x\"\nlicense_url = \"example.org\"\n", []string{`license_url: want an absolute http(s) URL`}},
	}, map[string]string{"spdx": "&{Identifier:CC-BY-4.0 URL:}"})
}

func TestReadTxt(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadTxt(t) }, []readCase{
		{"valid", "[[txt]]\ntext = \"S6lpp-7ZCn8-dZfGc-OoyaG\"\npurpose = \"applepodcastsverify\"\n[[txt]]\ntext = \"free\"\n", nil},
		{"bad purpose", "[[txt]]\ntext = \"x\"\npurpose = \"two words\"\n", []string{`t.toml:3:1: txt[0].purpose: "two words" is not a purpose`}},
		{"no text", "[[txt]]\npurpose = \"verify\"\n", []string{`missing required key "txt[0].text"`}},
	}, map[string]string{"valid": "[{Text:S6lpp-7ZCn8-dZfGc-OoyaG Purpose:applepodcastsverify} {Text:free Purpose:}]"})
}

func TestReadImages(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadImages(t) }, []readCase{
		{"valid", "[[images]]\nurl = \"https://example.com/wide.jpg\"\nalt = \"The hosts\"\naspect_ratio = \"16/9\"\nwidth = 1920\nheight = 1080\ntype = \"image/jpeg\"\npurpose = \"banner social\"\n", nil},
		{"bad", "[[images]]\nurl = \"http://example.com/a.jpg\"\naspect_ratio = \"wide\"\nwidth = -1\ntype = \"jpeg\"\n",
			[]string{"warning: images[0].url: image should use https", `aspect_ratio: "wide" is not a ratio`, "width: must be a positive integer", `type: "jpeg" is not an image type`}},
		{"no url", "[[images]]\nalt = \"x\"\n", []string{`missing required key "images[0].url"`}},
	}, nil)
}

func TestReadChat(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadChat(t) }, []readCase{
		{"valid", "[chat]\nserver = \"irc.zeronode.net\"\nprotocol = \"irc\"\naccount_id = \"@jack\"\nspace = \"#podcastindex\"\n", nil},
		{"bad protocol", "[chat]\nserver = \"x\"\nprotocol = \"ircc\"\n", []string{`t.toml:3:1: chat.protocol: "ircc" is not allowed`}},
		{"missing", "[chat]\n", []string{`missing required key "chat.server"`, `missing required key "chat.protocol"`}},
	}, map[string]string{"valid": "&{Server:irc.zeronode.net Protocol:irc AccountID:@jack Space:#podcastindex}"})
}

func TestReadSocialInteract(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadSocialInteract(t) }, []readCase{
		{"valid", "[[social_interact]]\nprotocol = \"activitypub\"\nurl = \"https://podcastindex.social/web/@dave/108013847520053258\"\naccount_id = \"@dave\"\npriority = 1\n", nil},
		{"disabled needs no url", "[[social_interact]]\nprotocol = \"disabled\"\n", nil},
		{"bad", "[[social_interact]]\nprotocol = \"mastodon\"\n", []string{`protocol: "mastodon" is not allowed`, `missing required key "social_interact[0].url"`}},
	}, nil)
}

func TestReadSoundbites(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadSoundbites(t) }, []readCase{
		{"valid", "[[soundbites]]\nstart = \"1:02\"\nduration = 60\ntitle = \"Why Rust\"\n", nil},
		{"missing", "[[soundbites]]\ntitle = \"x\"\n", []string{`missing required key "soundbites[0].start"`, `missing required key "soundbites[0].duration"`}},
		{"bad times", "[[soundbites]]\nstart = \"1:61\"\nduration = 0\n", []string{"soundbites[0].start", "duration: must be longer than zero"}},
		{"long", "[[soundbites]]\nstart = 0\nduration = \"5:00\"\n", []string{"warning: soundbites[0].duration: 05:00; apps expect"}},
	}, map[string]string{"valid": "[{Start:1m2s Duration:1m0s Title:Why Rust}]"})
}

func TestReadTranscript(t *testing.T) {
	read := func(t *tomlx.Table) any {
		var out []Transcript
		for _, tt := range t.Tables("transcripts") {
			out = append(out, ReadTranscript(tt))
		}
		return out
	}
	runReadCases(t, read, []readCase{
		{"inferred types", "[[transcripts]]\nurl = \"https://e.com/t.vtt\"\ncaptions = true\nlanguage = \"en\"\n[[transcripts]]\nurl = \"https://e.com/t.srt\"\n[[transcripts]]\nurl = \"https://e.com/t.json\"\n[[transcripts]]\nurl = \"https://e.com/t.html\"\n", nil},
		{"unknown extension", "[[transcripts]]\nurl = \"https://e.com/t\"\n", []string{`missing required key "transcripts[0].type"`}},
		{"bad", "[[transcripts]]\nurl = \"https://e.com/t.json\"\ntype = \"text/rtf\"\nlanguage = \"english!\"\n", []string{`unsupported transcript type "text/rtf"`, `language: "english!" is not a language tag`}},
		{"captions need times", "[[transcripts]]\nurl = \"https://e.com/t.html\"\ncaptions = true\n", []string{"captions are timed"}},
		{"local files", "[[transcripts]]\nfile = \"transcripts/./055.vtt\"\n[[transcripts]]\nfile = \"t\\\\055.SRT\"\nurl = \"https://e.com/t\"\n[[transcripts]]\nfile = \"055.txt\"\ntype = \"text/vtt\"\n", nil},
		{"bad files", "[[transcripts]]\nfile = \"../055.vtt\"\n[[transcripts]]\nfile = \"/srv/055.vtt\"\n[[transcripts]]\nfile = \"https://e.com/t.vtt\"\n[[transcripts]]\nfile = \"\"\n[[transcripts]]\nfile = \"t\"\n",
			[]string{`transcripts[0].file: "../055.vtt" leaves the show folder`, `transcripts[1].file: "/srv/055.vtt" is an absolute path`,
				`transcripts[2].file: "https://e.com/t.vtt" is an address, not a file`, `transcripts[3].file: must not be empty`,
				`missing required key "transcripts[4].type"`}},
		{"a file written as the url", "[[transcripts]]\nurl = \"transcripts/055.vtt\"\n", []string{`url: want an absolute http(s) URL, got "transcripts/055.vtt"`}},
	}, map[string]string{
		"inferred types": "[{URL:https://e.com/t.vtt Type:text/vtt Language:en Captions:true File:} {URL:https://e.com/t.srt Type:application/x-subrip Language: Captions:false File:} {URL:https://e.com/t.json Type:application/json Language: Captions:false File:} {URL:https://e.com/t.html Type:text/html Language: Captions:false File:}]",
		"local files":    "[{URL: Type:text/vtt Language: Captions:false File:transcripts/055.vtt} {URL:https://e.com/t Type:application/x-subrip Language: Captions:false File:t/055.SRT} {URL: Type:text/vtt Language: Captions:false File:055.txt}]",
	})
}

func TestReadAlternateEnclosures(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadAlternateEnclosures(t) }, []readCase{
		{"valid", `[[alternate_enclosures]]
type = "audio/opus"
length = 32400000
bitrate = 64000
title = "Opus, 64 kbps"
default = true
[[alternate_enclosures.sources]]
url = "https://cdn.example.com/055.opus"
[[alternate_enclosures.sources]]
url = "ipfs://QmX33FYehk6ckGQ6g1D9D3FqZPix5JpKstKQKbaS8quUFb"
[alternate_enclosures.integrity]
type = "sri"
value = "sha384-ExVqijgYHm15PqQqdXfW95x+Rs6C+d6E/ICxyQOeFevnxNLR/wtJNrNYTjIysUBo"
`, []string{`sources[1].url: want an absolute http(s) URL`}},
		{"missing", "[[alternate_enclosures]]\nlength = 1\n", []string{`missing required key "alternate_enclosures[0].type"`, `missing required key "alternate_enclosures[0].sources"`}},
		{"bad", `[[alternate_enclosures]]
type = "text/plain"
bitrate = "fast"
title = "a title that is much longer than thirty-two"
[[alternate_enclosures.sources]]
url = "https://a.example/x"
[alternate_enclosures.integrity]
type = "md5"
value = "x"
`, []string{`type: "text/plain" is not a media type`, "bitrate: want a number", "title: 43 characters", `integrity.type: "md5" is not allowed`}},
		{"two defaults", "[[alternate_enclosures]]\ntype = \"audio/aac\"\ndefault = true\n[[alternate_enclosures.sources]]\nurl = \"https://a.example/x\"\n[[alternate_enclosures]]\ntype = \"audio/opus\"\ndefault = true\n[[alternate_enclosures.sources]]\nurl = \"https://a.example/y\"\n",
			[]string{"t.toml:8:1: alternate_enclosures[1].default: a second default"}},
	}, nil)
}

func TestReadTrailers(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadTrailers(t) }, []readCase{
		{"valid", "[[trailers]]\ntitle = \"Season 2\"\nurl = \"https://e.com/t.mp3\"\npublished = 2025-01-01T09:00:00Z\nlength = 12345\ntype = \"audio/mpeg\"\nseason = 2\n", nil},
		{"missing", "[[trailers]]\nlength = -1\n", []string{`missing required key "trailers[0].title"`, `missing required key "trailers[0].url"`, `missing required key "trailers[0].published"`, "length: must be the size"}},
	}, nil)
}

func TestReadUpdateFrequency(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadUpdateFrequency(t) }, []readCase{
		{"valid", "[update_frequency]\ntext = \"Weekly on Tuesdays\"\nrrule = \"FREQ=WEEKLY;BYDAY=TU\"\nstart = 2025-01-07T09:00:00Z\n", nil},
		{"bad rrule", "[update_frequency]\ntext = \"Weekly\"\nrrule = \"every tuesday\"\n", []string{`t.toml:3:1: update_frequency.rrule: "every tuesday" is not an RFC 5545`}},
		{"bad freq", "[update_frequency]\ntext = \"x\"\nrrule = \"FREQ=FORTNIGHTLY\"\n", []string{"is not an RFC 5545"}},
	}, nil)
}

func TestReadBlock(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadBlock(t) }, []readCase{
		{"all", "block = true", nil},
		{"some", `block = ["spotify", "google"]`, nil},
		{"bad id", `block = ["Apple Podcasts"]`, []string{`"Apple Podcasts" is not a platform id`}},
		{"bad type", `block = "yes"`, []string{"want true, false or a list"}},
	}, map[string]string{"all": "{All:true Platforms:[]}", "some": "{All:false Platforms:[spotify google]}"})
}

func TestReadRemoteItems(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadRemoteItems(t, "podroll") }, []readCase{
		{"valid", "[[podroll]]\nfeed_guid = \"917393e3-1b1e-5cef-ace4-edaa54e1f810\"\nfeed_url = \"https://e.com/feed.xml\"\ntitle = \"Other show\"\n", nil},
		{"bad", "[[podroll]]\nfeed_url = \"e.com\"\n", []string{`missing required key "podroll[0].feed_guid"`, "feed_url: want an absolute"}},
	}, nil)
}

func TestReadBool(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadBool(t, "complete") }, []readCase{
		{"true", "complete = true", nil},
		{"false", "complete = false", nil},
		{"absent", "", nil},
		{"quoted", `complete = "yes"`, []string{`t.toml:1:1: complete: want true or false, got string "yes"`}},
		{"number", "\ncomplete = 1\n", []string{"t.toml:2:1: complete: want true or false, got integer 1"}},
	}, map[string]string{"true": "true", "false": "false", "absent": "false", "quoted": "false"})
}

func TestReadPeople(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadPeople(t, "people") }, []readCase{
		{"valid", `[[people]]
name = "Rae Okafor"
href = "https://example.org/rae"
img = "https://example.org/rae.jpg"
[[people]]
name = "Ines Duarte"
role = "Audio Engineer"
group = "Audio Production"
[[people]]
name = "Sam"
role = "guest"
group = "cast"
[[people]]
name = "Kit"
role = "intern"
group = "visuals"
`, nil},
		{"no name", "[[people]]\nrole = \"guest\"\n", []string{`missing required key "people[0].name"`}},
		{"empty role and group", "[[people]]\nname = \"x\"\nrole = \" \"\ngroup = \"\"\n",
			[]string{"t.toml:3:1: people[0].role: must not be empty", "t.toml:4:1: people[0].group: must not be empty"}},
		{"wrong types", "[[people]]\nname = \"x\"\nrole = 1\ngroup = true\n",
			[]string{"t.toml:3:1: people[0].role: want a string", "t.toml:4:1: people[0].group: want a string"}},
		{"long name", "[[people]]\nname = \"" + strings.Repeat("n", 129) + "\"\n", []string{"people[0].name: 129 characters"}},
		{"bad urls", "[[people]]\nname = \"x\"\nhref = \"example.org\"\nimg = \"http://example.org/x.jpg\"\n",
			[]string{`t.toml:3:1: people[0].href: want an absolute http(s) URL, got "example.org"`, "t.toml:4:1: warning: people[0].img: image should use https"}},
		{"unknown group", "[[people]]\nname = \"x\"\nrole = \"composer\"\ngroup = \"audio postproduction\"\n",
			[]string{`t.toml:4:1: warning: people[0].group: "audio postproduction" is not a group of the Podcast Taxonomy Project`}},
		{"unknown role", "[[people]]\nname = \"x\"\nrole = \"cohost\"\n",
			[]string{`t.toml:3:1: warning: people[0].role: "cohost" is not a role of the Podcast Taxonomy Project`}},
		{"role of another group", "[[people]]\nname = \"x\"\nrole = \"audio engineer\"\ngroup = \"audio post-production\"\n",
			[]string{`t.toml:4:1: warning: people[0].group: the role "audio engineer" belongs to the group "audio production", not "audio post-production"`}},
		{"crew role without group", "[[people]]\nname = \"x\"\nrole = \"Producer\"\n",
			[]string{`t.toml:3:1: warning: people[0].role: the role "Producer" belongs to the group "creative direction"; without a group, apps read "cast"`}},
		{"group without role", "[[people]]\nname = \"x\"\ngroup = \"writing\"\n",
			[]string{`t.toml:3:1: warning: people[0].group: without a role the person is a host, a role of the group "cast", not "writing"`}},
	}, map[string]string{
		"valid": "[{Name:Rae Okafor Role:host Group: Href:https://example.org/rae Img:https://example.org/rae.jpg} " +
			"{Name:Ines Duarte Role:Audio Engineer Group:Audio Production Href: Img:} {Name:Sam Role:guest Group:cast Href: Img:} " +
			"{Name:Kit Role:intern Group:visuals Href: Img:}]",
	})
}

func TestReadPublisher(t *testing.T) {
	runReadCases(t, func(t *tomlx.Table) any { return ReadPublisher(t) }, []readCase{
		{"valid", "[publisher]\nfeed_guid = \"003af0a0-6a45-55cf-b765-68e3d349551a\"\nfeed_url = \"https://example.com/publisher.xml\"\nmedium = \"publisher\"\n", nil},
		{"medium left out", "[publisher]\nfeed_guid = \"003af0a0-6a45-55cf-b765-68e3d349551a\"\nfeed_url = \"https://example.com/publisher.xml\"\n", nil},
		{"none", "", nil},
		{"missing feed_guid", "[publisher]\nfeed_url = \"https://example.com/publisher.xml\"\n",
			[]string{`t.toml:1:1: missing required key "publisher.feed_guid"`}},
		{"bad values", "[publisher]\nfeed_guid = \"agileset\"\nfeed_url = \"example.com/publisher.xml\"\n",
			[]string{`t.toml:2:1: publisher.feed_guid: "agileset" is not a UUID`, `t.toml:3:1: publisher.feed_url: want an absolute http(s) URL`}},
		{"another medium", "[publisher]\nfeed_guid = \"003af0a0-6a45-55cf-b765-68e3d349551a\"\nfeed_url = \"https://example.com/p.xml\"\nmedium = \"podcast\"\n",
			[]string{`t.toml:4:1: publisher.medium: the publisher feed's medium is "publisher", not "podcast"`}},
		{"unknown medium", "[publisher]\nfeed_guid = \"003af0a0-6a45-55cf-b765-68e3d349551a\"\nfeed_url = \"https://example.com/p.xml\"\nmedium = \"publishers\"\n",
			[]string{`t.toml:4:1: publisher.medium: "publishers" is not allowed`}},
		{"item guid", "[publisher]\nfeed_guid = \"003af0a0-6a45-55cf-b765-68e3d349551a\"\nfeed_url = \"https://example.com/p.xml\"\nitem_guid = \"ep-1\"\n",
			[]string{"t.toml:4:1: publisher.item_guid: names an episode"}},
		{"no feed_url", "[publisher]\nfeed_guid = \"003af0a0-6a45-55cf-b765-68e3d349551a\"\n",
			[]string{"t.toml:1:1: warning: publisher.feed_url: not set"}},
		{"not a table", `publisher = "AgileSet Media"`, []string{`t.toml:1:1: publisher: want a table, got string "AgileSet Media"`}},
	}, map[string]string{
		"medium left out": "&{FeedGUID:003af0a0-6a45-55cf-b765-68e3d349551a FeedURL:https://example.com/publisher.xml ItemGUID: Medium:publisher Title:}",
		"none":            "<nil>",
	})
}
