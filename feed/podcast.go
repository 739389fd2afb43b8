package feed

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
	Role string `xml:"role,attr,omitempty"`
	Href string `xml:"href,attr,omitempty"`
	Img  string `xml:"img,attr,omitempty"`
	Name string `xml:",chardata"`
}

// podcastTranscript is podcast:transcript.
type podcastTranscript struct {
	URL  string `xml:"url,attr"`
	Type string `xml:"type,attr"`
}

// podcastChapters is podcast:chapters, linking the JSON chapters file.
type podcastChapters struct {
	URL  string `xml:"url,attr"`
	Type string `xml:"type,attr"`
}
