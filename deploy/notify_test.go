package deploy

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"
)

// pingServer is a loopback WebSub hub or podping endpoint that records
// what it is sent and answers with status (200 by default).
type pingServer struct {
	*httptest.Server
	mu     sync.Mutex
	reqs   []*http.Request
	forms  []url.Values
	status int
}

func newPingServer(t *testing.T) *pingServer {
	s := &pingServer{status: http.StatusOK}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		s.mu.Lock()
		s.reqs = append(s.reqs, r)
		s.forms = append(s.forms, r.Form)
		status := s.status
		s.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *pingServer) calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.reqs)
}

func (s *pingServer) answer(status int) {
	s.mu.Lock()
	s.status = status
	s.mu.Unlock()
}

// TestNotify: WebSub hubs and podping are told once per deploy that
// changed a feed, and never otherwise; a failed ping is retried by the
// next deploy even when nothing changed.
func TestNotify(t *testing.T) {
	ctx := context.Background()
	shows := newBuilds(t)
	hub, podping := newPingServer(t), newPingServer(t)
	b, target := backends()[0].open(t)
	notifier := &Notifier{Hubs: []string{hub.URL + "/hub"}, Podping: true, Token: "test-token", Endpoint: podping.URL + "/",
		UserAgent: "podfeed test", Backoff: time.Millisecond, Attempts: 2}
	deploy := func(v version, dryRun bool) (*Result, error) {
		opts := options(shows.get(v))
		opts.Notify = notifier
		opts.DryRun = dryRun
		opts.AllowAllRemovals = true
		return Deploy(ctx, b, target, opts)
	}
	steps := []struct {
		name          string
		v             version
		dryRun        bool
		hubDown       bool
		hubs, podping int // calls so far
		told          []string
		wantErr       bool
	}{
		{name: "first deploy", v: v1, hubs: 1, podping: 1, told: []string{hub.URL + "/hub", "podping"}},
		{name: "unchanged", v: v1, hubs: 1, podping: 1},
		{name: "unchanged again", v: v1, hubs: 1, podping: 1},
		{name: "dry run of a change", v: edited, dryRun: true, hubs: 1, podping: 1},
		{name: "edited", v: edited, hubs: 2, podping: 2, told: []string{hub.URL + "/hub", "podping"}},
		{name: "unchanged after the edit", v: edited, hubs: 2, podping: 2},
		// The hub is down (tried twice): podping is told, the hub is owed.
		{name: "removed, hub down", v: removed, hubDown: true, hubs: 4, podping: 3, told: []string{"podping"}, wantErr: true},
		{name: "unchanged, hub back", v: removed, hubs: 5, podping: 4, told: []string{hub.URL + "/hub", "podping"}},
		{name: "unchanged, all told", v: removed, hubs: 5, podping: 4},
	}
	for _, st := range steps {
		if st.hubDown {
			hub.answer(http.StatusServiceUnavailable)
		} else {
			hub.answer(http.StatusOK)
		}
		res, err := deploy(st.v, st.dryRun)
		var nerr *NotifyError
		if st.wantErr != (err != nil) || err != nil && !errors.As(err, &nerr) {
			t.Fatalf("%s: err = %v", st.name, err)
		}
		if hub.calls() != st.hubs || podping.calls() != st.podping {
			t.Errorf("%s: hub called %d times, podping %d; want %d, %d", st.name, hub.calls(), podping.calls(), st.hubs, st.podping)
		}
		if res != nil && !slices.Equal(res.Told, st.told) {
			t.Errorf("%s: told %v, want %v", st.name, res.Told, st.told)
		}
	}

	// What they were sent.
	for i, f := range hub.forms {
		if hub.reqs[i].Method != http.MethodPost || f.Get("hub.mode") != "publish" || f.Get("hub.url") != exampleFeedURL {
			t.Errorf("hub request %d: %s %v", i, hub.reqs[i].Method, f)
		}
	}
	for i, r := range podping.reqs {
		q := r.URL.Query()
		if r.Method != http.MethodGet || r.Header.Get("Authorization") != "test-token" || r.Header.Get("User-Agent") != "podfeed test" ||
			q.Get("url") != exampleFeedURL || q.Get("reason") != "update" || q.Get("medium") != "podcast" {
			t.Errorf("podping request %d: %s %s %v", i, r.Method, r.URL, r.Header)
		}
	}
}

// TestNotifyNobody: without hubs or podping no deploy is owed a ping.
func TestNotifyNobody(t *testing.T) {
	b, target := backends()[0].open(t)
	opts := options(buildShow(t, v1))
	opts.Notify = &Notifier{}
	res, err := Deploy(context.Background(), b, target, opts)
	if err != nil || res.Announce || len(res.Told) != 0 {
		t.Errorf("%+v, %v", res, err)
	}
}
