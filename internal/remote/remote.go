// Package remote talks to the hosts a show's files live on. Info asks a
// media host about a file without downloading it: its length and type,
// from a HEAD request or, where the server does not answer HEAD usefully,
// a request for its first byte. Get fetches a small document (a feed,
// chapters, artwork) up to a size limit. check --remote and import both
// go through it.
package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// Info returns the length (-1 when the server does not say) and type of
// the file at url, trying HEAD first and then a GET of its first byte.
// agent is the User-Agent the requests send.
func Info(ctx context.Context, client *http.Client, url, agent string) (length int64, typ string, err error) {
	res, err := request(ctx, client, http.MethodHead, url, agent, "")
	if err == nil && res.StatusCode == http.StatusOK && res.ContentLength >= 0 {
		return res.ContentLength, mediaType(res), nil
	}
	res, err = request(ctx, client, http.MethodGet, url, agent, "bytes=0-0")
	if err != nil {
		return 0, "", err
	}
	switch res.StatusCode {
	case http.StatusPartialContent:
		// Content-Range: bytes 0-0/34567890
		cr := res.Header.Get("Content-Range")
		if _, total, ok := strings.Cut(cr, "/"); ok {
			if n, err := strconv.ParseInt(total, 10, 64); err == nil {
				return n, mediaType(res), nil
			}
		}
		return -1, mediaType(res), nil
	case http.StatusOK:
		return res.ContentLength, mediaType(res), nil
	}
	return 0, "", fmt.Errorf("%s", res.Status)
}

// request sends one request and closes the body at once: only the header
// matters.
func request(ctx context.Context, client *http.Client, method, url, agent, byteRange string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", agent)
	if byteRange != "" {
		req.Header.Set("Range", byteRange)
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	return res, nil
}

func mediaType(res *http.Response) string {
	t, _, _ := strings.Cut(res.Header.Get("Content-Type"), ";")
	return strings.TrimSpace(t)
}

// Get returns the body of a GET of url, sent as agent. It fails on any
// status but 200 and on a body over limit bytes, naming url.
func Get(ctx context.Context, client *http.Client, url, agent string, limit int64) ([]byte, error) {
	if client == nil {
		return nil, errors.New("no network access")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", agent)
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %s", url, res.Status)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", url, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%s is larger than %d MiB", url, limit>>20)
	}
	return body, nil
}
