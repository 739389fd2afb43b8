package importer

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/remote"
	"github.com/podfeed/podfeed/internal/timecode"
)

// Size limits of what is fetched: a feed of thousands of episodes stays
// well under maxFeedBytes.
const (
	maxFeedBytes     = 64 << 20
	maxChaptersBytes = 4 << 20
)

// DefaultParallel is how many requests ReadFeed makes at once when
// Options.Parallel is 0.
const DefaultParallel = 4

// Fetch reads the document at an http(s) address with client, which
// should carry a timeout. It fails on any status but 200 and on documents
// over 64 MiB.
func Fetch(ctx context.Context, client *http.Client, addr string) ([]byte, error) {
	return get(ctx, client, addr, maxFeedBytes)
}

func get(ctx context.Context, client *http.Client, addr string, limit int64) ([]byte, error) {
	return remote.Get(ctx, client, addr, "podfeed-import", limit)
}

// jsonChapters is the Podcasting 2.0 JSON chapters format.
type jsonChapters struct {
	Version  string `json:"version"`
	Chapters []struct {
		StartTime *float64 `json:"startTime"`
		Title     string   `json:"title"`
		Img       string   `json:"img"`
		URL       string   `json:"url"`
		TOC       *bool    `json:"toc"`
	} `json:"chapters"`
}

// parseJSONChapters reads a JSON chapters file. Chapters marked
// "toc": false (silent ones, used to change artwork) are left out; their
// number is returned.
func parseJSONChapters(data []byte) (chapters []episodes.Chapter, silent int, err error) {
	var jc jsonChapters
	if err := json.Unmarshal(data, &jc); err != nil {
		return nil, 0, fmt.Errorf("not a JSON chapters file: %v", err)
	}
	for i, c := range jc.Chapters {
		if c.TOC != nil && !*c.TOC {
			silent++
			continue
		}
		if c.StartTime == nil || *c.StartTime < 0 || *c.StartTime > timecode.Max.Seconds() {
			return nil, 0, fmt.Errorf("chapter %d has no valid startTime", i+1)
		}
		chapters = append(chapters, episodes.Chapter{
			Start: time.Duration(*c.StartTime*1000+0.5) * time.Millisecond,
			Title: strings.Join(strings.Fields(c.Title), " "),
			URL:   strings.TrimSpace(c.URL),
			Image: strings.TrimSpace(c.Img),
		})
	}
	return chapters, silent, nil
}

// counted returns tasks that each tell progress, when not nil, how many
// of them are done, one call at a time.
func counted(tasks []func(), progress func(done, total int)) []func() {
	if progress == nil || len(tasks) == 0 {
		return tasks
	}
	var mu sync.Mutex
	done := 0
	out := make([]func(), len(tasks))
	for i, t := range tasks {
		out[i] = func() {
			t()
			mu.Lock()
			defer mu.Unlock()
			done++
			progress(done, len(tasks))
		}
	}
	return out
}

// runAll runs tasks with at most parallel of them at once, and returns when
// all are done.
func runAll(parallel int, tasks []func()) {
	if parallel <= 0 {
		parallel = DefaultParallel
	}
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			t()
		}()
	}
	wg.Wait()
}
