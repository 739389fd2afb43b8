package project

import (
	"context"
	"net/http"
	"sync"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/remote"
)

// remoteWorkers is how many enclosures CheckRemote asks about at once.
const remoteWorkers = 4

// CheckRemote fetches the show's artwork, when it is an address, and
// applies Apple's rules to it as a build does to a local file; and it asks
// the server of every episode's enclosure (episodes that
// name only a url, not a local file) for its length and type, with a HEAD
// request or, where the server does not answer HEAD usefully, a one-byte
// range request. An unreachable enclosure is an error; a length or type
// that differs from the episode file's is a warning. client carries the
// timeouts; CheckRemote never runs as part of a build.
func (s *Show) CheckRemote(ctx context.Context, client *http.Client) diag.List {
	var eps []*episodes.Episode
	for _, e := range s.Episodes {
		if e.Audio.File == "" && e.Audio.URL != "" && !e.Draft {
			eps = append(eps, e)
		}
	}
	found := make([]diag.List, len(eps))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(remoteWorkers, len(eps)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				found[i] = checkEnclosure(ctx, client, eps[i])
			}
		}()
	}
	for i := range eps {
		next <- i
	}
	close(next)
	wg.Wait()
	probs := s.checkRemoteArtwork(ctx, client)
	for _, l := range found {
		probs.Append(l)
	}
	probs.Sort()
	return probs
}

// checkEnclosure compares what the server says of one episode's media
// file with what its file says.
func checkEnclosure(ctx context.Context, client *http.Client, e *episodes.Episode) diag.List {
	var probs diag.List
	report := episodeProblems{&probs, e}
	length, typ, err := remote.Info(ctx, client, e.Audio.URL, "podfeed check --remote")
	if err != nil {
		report.errorf("audio.url", "%s is unreachable: %v", e.Audio.URL, err).
			WithHint("listeners cannot download this episode; check the address and the media host")
		return probs
	}
	if length >= 0 && e.Audio.Length > 0 && length != e.Audio.Length {
		report.warnf("audio.length", "%d bytes, but the server says %d", e.Audio.Length, length).
			WithHint("Apple checks the length; set length = %d", length)
	}
	if typ != "" && e.Audio.Type != "" && !sameMediaType(typ, e.Audio.Type) {
		report.warnf("audio.type", "%s, but the server says %s", e.Audio.Type, typ)
	}
	return probs
}
