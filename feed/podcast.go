package feed

import (
	"strconv"

	"github.com/podfeed/podfeed/podcast"
)

// Elements of the Podcasting 2.0 namespace
// (https://podcastindex.org/namespace/1.0).

// podcastLocked is podcast:locked: "yes" when other platforms may not
// import the feed.
type podcastLocked struct {
	Owner string `xml:"owner,attr,omitempty"`
	Value string `xml:",chardata"`
}

// podcastFunding is podcast:funding.
type podcastFunding struct {
	URL  string `xml:"url,attr"`
	Text string `xml:",chardata"`
}

// podcastPerson is podcast:person.
type podcastPerson struct {
	Role  string `xml:"role,attr,omitempty"`
	Group string `xml:"group,attr,omitempty"`
	Href  string `xml:"href,attr,omitempty"`
	Img   string `xml:"img,attr,omitempty"`
	Name  string `xml:",chardata"`
}

// podcastTranscript is podcast:transcript.
type podcastTranscript struct {
	URL      string `xml:"url,attr"`
	Type     string `xml:"type,attr"`
	Language string `xml:"language,attr,omitempty"`
	Rel      string `xml:"rel,attr,omitempty"`
}

// podcastChapters is podcast:chapters, linking the JSON chapters file.
type podcastChapters struct {
	URL  string `xml:"url,attr"`
	Type string `xml:"type,attr"`
}

// podcastBlock is podcast:block: "yes" keeps the feed out of the platform
// named by id, or out of every platform without one.
type podcastBlock struct {
	ID    string `xml:"id,attr,omitempty"`
	Value string `xml:",chardata"`
}

// podcastLocation is podcast:location.
type podcastLocation struct {
	Rel     string `xml:"rel,attr,omitempty"`
	Geo     string `xml:"geo,attr,omitempty"`
	OSM     string `xml:"osm,attr,omitempty"`
	Country string `xml:"country,attr,omitempty"`
	Name    string `xml:",chardata"`
}

// podcastLicense is podcast:license.
type podcastLicense struct {
	URL        string `xml:"url,attr,omitempty"`
	Identifier string `xml:",chardata"`
}

// podcastTxt is podcast:txt.
type podcastTxt struct {
	Purpose string `xml:"purpose,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// podcastImage is podcast:image.
type podcastImage struct {
	Href        string `xml:"href,attr"`
	Alt         string `xml:"alt,attr,omitempty"`
	AspectRatio string `xml:"aspect-ratio,attr,omitempty"`
	Width       int    `xml:"width,attr,omitempty"`
	Height      int    `xml:"height,attr,omitempty"`
	Type        string `xml:"type,attr,omitempty"`
	Purpose     string `xml:"purpose,attr,omitempty"`
}

// podcastTrailer is podcast:trailer.
type podcastTrailer struct {
	PubDate string `xml:"pubdate,attr"`
	URL     string `xml:"url,attr"`
	Length  int64  `xml:"length,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	Season  int    `xml:"season,attr,omitempty"`
	Title   string `xml:",chardata"`
}

// podcastUpdateFrequency is podcast:updateFrequency.
type podcastUpdateFrequency struct {
	Complete string `xml:"complete,attr,omitempty"`
	DTStart  string `xml:"dtstart,attr,omitempty"`
	RRule    string `xml:"rrule,attr,omitempty"`
	Text     string `xml:",chardata"`
}

// podcastRemoteItem is podcast:remoteItem.
type podcastRemoteItem struct {
	FeedGUID string `xml:"feedGuid,attr"`
	FeedURL  string `xml:"feedUrl,attr,omitempty"`
	ItemGUID string `xml:"itemGuid,attr,omitempty"`
	Medium   string `xml:"medium,attr,omitempty"`
	Title    string `xml:",chardata"`
}

// podcastRemoteList is podcast:podroll or podcast:publisher: remote items
// in a wrapper.
type podcastRemoteList struct {
	Items []podcastRemoteItem `xml:"podcast:remoteItem"`
}

// podcastChat is podcast:chat.
type podcastChat struct {
	Server    string `xml:"server,attr"`
	Protocol  string `xml:"protocol,attr"`
	AccountID string `xml:"accountId,attr,omitempty"`
	Space     string `xml:"space,attr,omitempty"`
}

// podcastSocialInteract is podcast:socialInteract.
type podcastSocialInteract struct {
	URI        string `xml:"uri,attr,omitempty"`
	Protocol   string `xml:"protocol,attr"`
	AccountID  string `xml:"accountId,attr,omitempty"`
	AccountURL string `xml:"accountUrl,attr,omitempty"`
	Priority   int    `xml:"priority,attr,omitempty"`
}

// podcastValue is podcast:value.
type podcastValue struct {
	Type       string               `xml:"type,attr"`
	Method     string               `xml:"method,attr"`
	Suggested  string               `xml:"suggested,attr,omitempty"`
	Recipients []podcastRecipient   `xml:"podcast:valueRecipient"`
	TimeSplits []podcastValueSplits `xml:"podcast:valueTimeSplit"`
}

// podcastRecipient is podcast:valueRecipient.
type podcastRecipient struct {
	Name        string `xml:"name,attr,omitempty"`
	CustomKey   string `xml:"customKey,attr,omitempty"`
	CustomValue string `xml:"customValue,attr,omitempty"`
	Type        string `xml:"type,attr"`
	Address     string `xml:"address,attr"`
	Split       int    `xml:"split,attr"`
	Fee         string `xml:"fee,attr,omitempty"`
}

// podcastValueSplits is podcast:valueTimeSplit.
type podcastValueSplits struct {
	StartTime        string             `xml:"startTime,attr"`
	Duration         string             `xml:"duration,attr"`
	RemoteStartTime  string             `xml:"remoteStartTime,attr,omitempty"`
	RemotePercentage string             `xml:"remotePercentage,attr,omitempty"`
	RemoteItem       *podcastRemoteItem `xml:"podcast:remoteItem"`
	Recipients       []podcastRecipient `xml:"podcast:valueRecipient"`
}

// podcastSoundbite is podcast:soundbite.
type podcastSoundbite struct {
	StartTime string `xml:"startTime,attr"`
	Duration  string `xml:"duration,attr"`
	Title     string `xml:",chardata"`
}

// podcastAlternateEnclosure is podcast:alternateEnclosure.
type podcastAlternateEnclosure struct {
	Type      string            `xml:"type,attr"`
	Length    int64             `xml:"length,attr,omitempty"`
	Bitrate   string            `xml:"bitrate,attr,omitempty"`
	Height    int               `xml:"height,attr,omitempty"`
	Lang      string            `xml:"lang,attr,omitempty"`
	Title     string            `xml:"title,attr,omitempty"`
	Rel       string            `xml:"rel,attr,omitempty"`
	Codecs    string            `xml:"codecs,attr,omitempty"`
	Default   string            `xml:"default,attr,omitempty"`
	Integrity *podcastIntegrity `xml:"podcast:integrity"`
	Sources   []podcastSource   `xml:"podcast:source"`
}

// podcastIntegrity is podcast:integrity.
type podcastIntegrity struct {
	Type  string `xml:"type,attr"`
	Value string `xml:"value,attr"`
}

// podcastSource is podcast:source.
type podcastSource struct {
	URI         string `xml:"uri,attr"`
	ContentType string `xml:"contentType,attr,omitempty"`
}

// podcastContentLink is podcast:contentLink, of a live item.
type podcastContentLink struct {
	Href string `xml:"href,attr"`
	Text string `xml:",chardata"`
}

// podcastTags are the Podcasting 2.0 tags that the channel and the item
// share, in the order they are written.
type podcastTags struct {
	Location *podcastLocation `xml:"podcast:location"`
	License  *podcastLicense  `xml:"podcast:license"`
	Txt      []podcastTxt     `xml:"podcast:txt"`
	Images   []podcastImage   `xml:"podcast:image"`
	Chat     *podcastChat     `xml:"podcast:chat"`
	Value    *podcastValue    `xml:"podcast:value"`
}

// newPodcastTags converts the shared tags of the model.
func newPodcastTags(loc *podcast.Location, lic *podcast.License, txt []podcast.Txt, imgs []podcast.Image, chat *podcast.Chat, v *podcast.Value) podcastTags {
	var t podcastTags
	if loc != nil {
		t.Location = &podcastLocation{Rel: loc.Rel, Geo: loc.Geo, OSM: loc.OSM, Country: loc.Country, Name: loc.Name}
	}
	if lic != nil {
		t.License = &podcastLicense{URL: lic.URL, Identifier: lic.Identifier}
	}
	for _, x := range txt {
		t.Txt = append(t.Txt, podcastTxt{Purpose: x.Purpose, Text: x.Text})
	}
	for _, i := range imgs {
		t.Images = append(t.Images, podcastImage{Href: i.URL, Alt: i.Alt, AspectRatio: i.AspectRatio, Width: i.Width, Height: i.Height, Type: i.Type, Purpose: i.Purpose})
	}
	if chat != nil {
		t.Chat = &podcastChat{Server: chat.Server, Protocol: chat.Protocol, AccountID: chat.AccountID, Space: chat.Space}
	}
	t.Value = newPodcastValue(v)
	return t
}

func newPodcastValue(v *podcast.Value) *podcastValue {
	if v == nil {
		return nil
	}
	out := &podcastValue{Type: v.Type, Method: v.Method, Suggested: v.Suggested, Recipients: newRecipients(v.Recipients)}
	for _, s := range v.TimeSplits {
		ps := podcastValueSplits{
			StartTime:  seconds(s.Start),
			Duration:   seconds(s.Duration),
			Recipients: newRecipients(s.Recipients),
		}
		if s.RemoteStart > 0 {
			ps.RemoteStartTime = seconds(s.RemoteStart)
		}
		if s.RemotePercentage != 100 {
			ps.RemotePercentage = strconv.Itoa(s.RemotePercentage)
		}
		if s.RemoteItem != nil {
			ri := newRemoteItem(*s.RemoteItem)
			ps.RemoteItem = &ri
		}
		out.TimeSplits = append(out.TimeSplits, ps)
	}
	return out
}

func newRecipients(rs []podcast.Recipient) []podcastRecipient {
	var out []podcastRecipient
	for _, r := range rs {
		out = append(out, podcastRecipient{
			Name: r.Name, CustomKey: r.CustomKey, CustomValue: r.CustomValue,
			Type: r.Type, Address: r.Address, Split: r.Split, Fee: yesNo(r.Fee, "true", ""),
		})
	}
	return out
}

func newRemoteItem(r podcast.RemoteItem) podcastRemoteItem {
	return podcastRemoteItem{FeedGUID: r.FeedGUID, FeedURL: r.FeedURL, ItemGUID: r.ItemGUID, Medium: r.Medium, Title: r.Title}
}

func newRemoteItems(rs []podcast.RemoteItem) []podcastRemoteItem {
	var out []podcastRemoteItem
	for _, r := range rs {
		out = append(out, newRemoteItem(r))
	}
	return out
}

func newPeople(people []podcast.Person) []podcastPerson {
	var out []podcastPerson
	for _, p := range people {
		out = append(out, podcastPerson{Role: p.Role, Group: p.Group, Href: p.Href, Img: p.Img, Name: p.Name})
	}
	return out
}

// newBlocks writes a show's block as podcast:block elements.
func newBlocks(b podcast.Block) []podcastBlock {
	if b.All {
		return []podcastBlock{{Value: "yes"}}
	}
	var out []podcastBlock
	for _, id := range b.Platforms {
		out = append(out, podcastBlock{ID: id, Value: "yes"})
	}
	return out
}
