package config

import "github.com/podfeed/podfeed/internal/tomlx"

// Notify holds the [notify] table: whom `podfeed deploy` tells when a
// deploy changed a feed, besides the apps that poll it.
type Notify struct {
	// Hubs are WebSub hubs: the feed names each in <atom:link rel="hub">,
	// and a deploy sends each a publish ping.
	Hubs []string
	// Podping writes <podcast:podping usesPodping="true"> and makes a
	// deploy send the feed's address to podping.cloud, with the token
	// from the PODPING_TOKEN environment variable.
	Podping bool
}

// readNotify reads the [notify] table.
func readNotify(t *tomlx.Table, s *Show) {
	nt := t.Table("notify")
	if nt == nil {
		return
	}
	seen := map[string]bool{}
	for _, hub := range nt.Strings("hubs") {
		if checkURL(nt, "hubs", hub) == nil {
			continue
		}
		if seen[hub] {
			nt.Warnf("hubs", "%q is listed twice", hub).WithHint("list each hub once: it is told once")
			continue
		}
		seen[hub] = true
		s.Notify.Hubs = append(s.Notify.Hubs, hub)
	}
	if b := nt.Bool("podping"); b != nil {
		s.Notify.Podping = *b
	}
	nt.Finish()
}
