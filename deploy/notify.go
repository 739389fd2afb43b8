package deploy

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// PodpingEndpoint is podping.cloud's HTTP API.
const PodpingEndpoint = "https://podping.cloud/"

// Notifier tells the apps that a feed changed: each WebSub hub by a
// publish ping, and podping through its HTTP API.
type Notifier struct {
	// Hubs are the WebSub hubs the feed names in <atom:link rel="hub">.
	Hubs []string
	// Podping sends the feed's address to Endpoint (default
	// PodpingEndpoint) with Token as its Authorization.
	Podping  bool
	Token    string
	Endpoint string
	// Medium is the feed's podcast:medium, podping's medium; default
	// "podcast".
	Medium string
	// Client sends the requests; nil: a client with a 30-second timeout.
	Client *http.Client
	// UserAgent names podfeed in the requests.
	UserAgent string
	// Attempts and Backoff retry a hub or podping that fails or answers
	// with a server error, as Options does.
	Attempts int
	Backoff  time.Duration
}

func (n *Notifier) any() bool { return n != nil && (len(n.Hubs) > 0 || n.Podping) }

// Notify tells every hub and podping that the feed at feedURL changed,
// and returns who was told. An error names the hub or podping that could
// not be told; the others are told all the same.
func (n *Notifier) Notify(ctx context.Context, feedURL string) ([]string, error) {
	if !n.any() {
		return nil, nil
	}
	var (
		told []string
		errs []string
	)
	for _, hub := range n.Hubs {
		form := url.Values{"hub.mode": {"publish"}, "hub.url": {feedURL}}
		err := n.send(ctx, func() (*http.Request, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, hub, strings.NewReader(form.Encode()))
			if err == nil {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			return req, err
		})
		if err != nil {
			errs = append(errs, fmt.Sprintf("WebSub hub %s: %v", hub, err))
			continue
		}
		told = append(told, hub)
	}
	if n.Podping {
		endpoint := n.Endpoint
		if endpoint == "" {
			endpoint = PodpingEndpoint
		}
		medium := n.Medium
		if medium == "" {
			medium = "podcast"
		}
		err := n.send(ctx, func() (*http.Request, error) {
			u, err := url.Parse(endpoint)
			if err != nil {
				return nil, err
			}
			u.RawQuery = url.Values{"url": {feedURL}, "reason": {"update"}, "medium": {medium}}.Encode()
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
			if err == nil {
				req.Header.Set("Authorization", n.Token)
			}
			return req, err
		})
		if err != nil {
			errs = append(errs, fmt.Sprintf("podping: %v", err))
		} else {
			told = append(told, "podping")
		}
	}
	if len(errs) > 0 {
		return told, &NotifyError{Failed: errs}
	}
	return told, nil
}

// NotifyError says which hubs or podping could not be told of a change.
// The deploy itself succeeded; the next deploy tries again.
type NotifyError struct{ Failed []string }

func (e *NotifyError) Error() string {
	return "the deploy finished, but the apps could not all be told: " + strings.Join(e.Failed, "; ")
}

// Hint says what happens next.
func (e *NotifyError) Hint() string {
	return "the next podfeed deploy tells them again, even if nothing changed; apps also find the change when they next fetch the feed"
}

// send makes the request newReq returns, retrying network errors and
// server errors (5xx, 429), and returns an error unless the answer is 2xx.
func (n *Notifier) send(ctx context.Context, newReq func() (*http.Request, error)) error {
	client := n.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	attempts, backoff := n.Attempts, n.Backoff
	if attempts <= 0 {
		attempts = 3
	}
	if backoff <= 0 {
		backoff = time.Second
	}
	return retry(ctx, attempts, backoff, func() error {
		req, err := newReq()
		if err != nil {
			return permanent{err}
		}
		if n.UserAgent != "" {
			req.Header.Set("User-Agent", n.UserAgent)
		}
		resp, err := client.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("%s", cause(err))
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		switch {
		case resp.StatusCode >= 200 && resp.StatusCode < 300:
			return nil
		case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
			return fmt.Errorf("answered %s", resp.Status)
		}
		return permanent{fmt.Errorf("answered %s", resp.Status)}
	})
}

// permanent marks an error that trying again cannot cure.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }
