package deploy

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"strings"
	"time"

	"gocloud.dev/gcerrors"
)

// apiError is what the providers' SDKs return for an error the service
// answered with (smithy.APIError for AWS): a code and a message.
type apiError interface {
	ErrorCode() string
	ErrorMessage() string
}

// cause says in a few words why an operation on the bucket failed, without
// the libraries' prefixes ("blob (key …) (code=…)", "operation error S3…").
func cause(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, context.Canceled) {
		return "interrupted"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timed out"
	}
	var api apiError
	if errors.As(err, &api) && api.ErrorCode() != "" {
		msg := strings.TrimSpace(api.ErrorMessage())
		if msg == "" || strings.EqualFold(msg, api.ErrorCode()) {
			return api.ErrorCode()
		}
		return strings.TrimSuffix(msg, ".") + " (" + api.ErrorCode() + ")"
	}
	var op *net.OpError
	if errors.As(err, &op) {
		what := op.Err.Error()
		var sys interface{ Unwrap() error }
		if errors.As(op.Err, &sys) && sys.Unwrap() != nil {
			what = sys.Unwrap().Error()
		}
		if op.Addr != nil {
			return "cannot reach " + op.Addr.String() + ": " + what
		}
		return what
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return "cannot find host " + dns.Name
	}
	msg := err.Error()
	if strings.Contains(msg, "failed to retrieve credentials") || strings.Contains(msg, "no EC2 IMDS role found") {
		return "no credentials found"
	}
	// Strip the wrappers gocloud.dev and the SDKs put in front.
	for _, sep := range []string{"): ", "error: "} {
		if i := strings.LastIndex(msg, sep); i >= 0 && i+len(sep) < len(msg) {
			msg = msg[i+len(sep):]
		}
	}
	return msg
}

// transient reports whether an operation that failed with err may succeed
// when tried again.
func transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var p permanent
	if errors.As(err, &p) {
		return false
	}
	switch gcerrors.Code(err) {
	case gcerrors.NotFound, gcerrors.AlreadyExists, gcerrors.InvalidArgument,
		gcerrors.PermissionDenied, gcerrors.FailedPrecondition, gcerrors.Unimplemented,
		gcerrors.Canceled:
		return false
	}
	if strings.Contains(err.Error(), "failed to retrieve credentials") {
		return false
	}
	return true
}

// retry calls op until it succeeds, fails for good, or has been tried
// attempts times, waiting backoff, then twice as long, and so on (with a
// little jitter) between tries.
func retry(ctx context.Context, attempts int, backoff time.Duration, op func() error) error {
	var err error
	wait := backoff
	for try := 1; ; try++ {
		if err = ctx.Err(); err != nil {
			return err
		}
		if err = op(); err == nil || !transient(err) || try >= attempts {
			return err
		}
		jitter := time.Duration(rand.Int64N(int64(wait)/4 + 1))
		t := time.NewTimer(wait + jitter)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		wait *= 2
	}
}

// isNotFound reports whether err says an object does not exist.
func isNotFound(err error) bool { return gcerrors.Code(err) == gcerrors.NotFound }
