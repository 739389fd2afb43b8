package deploy

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// fakeAPIError is an error as the SDKs return one the service answered.
type fakeAPIError struct{ code, msg string }

func (e fakeAPIError) Error() string {
	return "operation error S3: PutObject, api error " + e.code + ": " + e.msg
}
func (e fakeAPIError) ErrorCode() string    { return e.code }
func (e fakeAPIError) ErrorMessage() string { return e.msg }

func TestCause(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"canceled", fmt.Errorf("blob (key \"x\"): %w", context.Canceled), "interrupted"},
		{"timeout", context.DeadlineExceeded, "timed out"},
		{"api", fmt.Errorf("blob (key \"feed.xml\") (code=PermissionDenied): %w", fakeAPIError{"AccessDenied", "Access Denied."}), "Access Denied (AccessDenied)"},
		{"api code only", fakeAPIError{"NoSuchBucket", ""}, "NoSuchBucket"},
		{"refused", &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1}, Err: errors.New("connection refused")},
			"cannot reach 127.0.0.1:1: connection refused"},
		{"dns", &net.DNSError{Name: "nowhere.invalid", Err: "no such host"}, "cannot find host nowhere.invalid"},
		{"credentials", errors.New("operation error S3: ListObjectsV2, get identity: get credentials: failed to refresh cached credentials, failed to retrieve credentials"), "no credentials found"},
		{"wrapped", errors.New("blob (key \"a\") (code=Unknown): disk full"), "disk full"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := cause(tt.err); got != tt.want {
				t.Errorf("cause = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDeployRetries: a transient failure is tried again; a permanent one
// fails at once, naming the object, with nothing deleted.
func TestDeployRetries(t *testing.T) {
	ctx := context.Background()
	dir := buildShow(t, v1)
	for _, tt := range []struct {
		name     string
		failures int   // how often the upload of feed.xml fails
		err      error // with what
		tries    int   // how often it is tried
		wantErr  string
	}{
		{"transient once", 1, errors.New("connection reset"), 2, ""},
		{"transient four times", 4, errors.New("connection reset"), 5, ""},
		{"transient always", 100, errors.New("connection reset"), 5, "/feed.xml: cannot upload: connection reset"},
		{"permanent", 100, permanent{errors.New("denied")}, 1, "/feed.xml: cannot upload: denied"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, target := backends()[0].open(t)
			tries := 0
			opts := options(dir)
			opts.fault = func(verb, key string) error {
				if verb == "upload" && key == "feed.xml" {
					tries++
					if tries <= tt.failures {
						return tt.err
					}
				}
				return nil
			}
			start := time.Now()
			_, err := Deploy(ctx, b, target, opts)
			if tries != tt.tries {
				t.Errorf("feed.xml tried %d times, want %d", tries, tt.tries)
			}
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatal(err)
			case tt.wantErr != "" && (err == nil || !strings.HasSuffix(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), target.String())):
				t.Fatalf("err = %v, want it to start with %s and end in %q", err, target, tt.wantErr)
			}
			if time.Since(start) > 10*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
			if err == nil {
				checkLive(t, b)
			} else if ok, _ := b.Exists(ctx, "feed.xml"); ok {
				t.Errorf("a failed first deploy left a feed.xml")
			}
		})
	}
}
