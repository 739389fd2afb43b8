// Package remote asks a media host about a file without downloading it:
// its length and type, from a HEAD request or, where the server does not
// answer HEAD usefully, a request for its first byte. check --remote and
// import both ask this way.
package remote

import (
	"context"
	"fmt"
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
