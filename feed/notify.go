package feed

import "github.com/podfeed/podfeed/config"

// The channel elements that tell apps how they learn of a new episode
// without polling: WebSub hubs (atom:link rel="hub") and podping
// (https://podcastindex.org/namespace/1.0#podping).

// podcastPodping is podcast:podping.
type podcastPodping struct {
	UsesPodping string `xml:"usesPodping,attr"`
}

// hubLinks returns an atom:link rel="hub" for each of the show's WebSub
// hubs, written on the first page only: the feed its address names.
func (b *page) hubLinks() []atomSelfLink {
	if b.page != 0 {
		return nil
	}
	var links []atomSelfLink
	for _, hub := range b.show.Notify.Hubs {
		links = append(links, atomSelfLink{Href: hub, Rel: "hub"})
	}
	return links
}

// podping returns podcast:podping when the show uses podping.
func podping(n config.Notify) *podcastPodping {
	if !n.Podping {
		return nil
	}
	return &podcastPodping{UsesPodping: "true"}
}
