package project

import (
	"context"
	"net/http"
	"sync"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/remote"
)

// remoteWorkers is how many requests CheckRemote has open at once, for
// enclosures and images together.
const remoteWorkers = 4

// CheckRemote fetches the show's artwork, every episode's and every
// chapter's image that is an address, and applies to each the rules a
// build applies to a local file there: Apple's artwork rules to the show's
// and an episode's, to a chapter's only that it is a JPEG or PNG. An
// address that several keys name is fetched once. It also asks the server
// of every episode's enclosure (episodes that name only a url, not a local
// file) for its length and type, with a HEAD request or, where the server
// does not answer HEAD usefully, a one-byte range request. An unreachable
// image or enclosure is an error; a length or type that differs from the
// episode file's is a warning. client carries the timeouts; CheckRemote
// never runs as part of a build.
func (s *Show) CheckRemote(ctx context.Context, client *http.Client) diag.List {
	var eps []*episodes.Episode
	for _, e := range s.Episodes {
		if e.Audio.File == "" && e.Audio.URL != "" && !e.Draft {
			eps = append(eps, e)
		}
	}
	uses := s.remoteImages()
	var urls []string
	index := make(map[string]int) // url → its place in urls
	for _, u := range uses {
		if _, ok := index[u.url]; !ok {
			index[u.url] = len(urls)
			urls = append(urls, u.url)
		}
	}
	images := make([]fetchedImage, len(urls))
	found := make([]diag.List, len(eps))
	// The images first: they are the larger downloads.
	parallel(remoteWorkers, len(urls)+len(eps), func(i int) {
		if i < len(urls) {
			images[i] = fetchImage(ctx, client, urls[i])
			return
		}
		found[i-len(urls)] = checkEnclosure(ctx, client, eps[i-len(urls)])
	})
	var probs diag.List
	for _, u := range uses {
		s.reportRemoteImage(&probs, u, images[index[u.url]])
	}
	for _, l := range found {
		probs.Append(l)
	}
	probs.Sort()
	return probs
}

// parallel calls do with every number below n, on up to workers
// goroutines at once, and returns when all calls have.
func parallel(workers, n int, do func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
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
