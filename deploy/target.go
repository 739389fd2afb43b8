package deploy

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"gocloud.dev/blob"
	// The providers podfeed has. podfeed-cloud adds gs and azblob, whose
	// SDKs would double podfeed's size (see cmd/podfeed-cloud).
	_ "gocloud.dev/blob/fileblob"
	_ "gocloud.dev/blob/s3blob"
)

// Target is where a deploy goes, read from a URL such as
// s3://bucket/prefix?region=eu-west-1, gs://bucket/prefix,
// azblob://container/prefix or file:///srv/www/show.
type Target struct {
	Scheme string // s3, gs, azblob or file
	Bucket string // the bucket or container; "" for file
	Prefix string // the folder inside it, "" or ending in "/"
	Dir    string // for file, the local folder
	// open is the URL gocloud.dev/blob opens: the provider's own query
	// parameters with podfeed's defaults added.
	open string
}

// schemes are the URL schemes a deploy may name, with an example each.
var schemes = map[string]string{
	"s3":     "s3://bucket/prefix?region=eu-west-1",
	"gs":     "gs://bucket/prefix",
	"azblob": "azblob://container/prefix",
	"file":   "file:///srv/www/show",
}

// URLError is a deploy URL that cannot be used, with how to write one.
type URLError struct {
	URL  string
	Msg  string
	hint string
}

func (e *URLError) Error() string { return fmt.Sprintf("deploy URL %q: %s", e.URL, e.Msg) }

// Hint says how to write a deploy URL.
func (e *URLError) Hint() string {
	if e.hint != "" {
		return e.hint
	}
	return "write s3://bucket/prefix?region=…&endpoint=…, gs://bucket/prefix, azblob://container/prefix or file:///path"
}

// ParseTarget reads a deploy URL. The path after the bucket is the folder
// the show goes into. For s3 with an endpoint (MinIO, SeaweedFS, Garage,
// R2, B2…) path-style addressing is the default, as those servers expect.
// A file URL names an absolute local folder, created when missing; no
// metadata files are written beside the objects there.
func ParseTarget(raw string) (Target, error) {
	fail := func(format string, args ...any) (Target, error) {
		return Target{}, &URLError{URL: scrub(raw), Msg: fmt.Sprintf(format, args...)}
	}
	if strings.TrimSpace(raw) == "" {
		return fail("is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fail("is not a URL")
	}
	if u.Scheme == "" {
		return fail("has no scheme")
	}
	scheme := strings.ToLower(u.Scheme)
	if _, ok := schemes[scheme]; !ok {
		return fail("podfeed cannot deploy to %s:// addresses", scheme)
	}
	if u.User != nil {
		return Target{}, &URLError{URL: redact(u), Msg: "holds credentials",
			hint: "remove them from the URL: podfeed reads credentials from the provider's usual environment variables and files"}
	}
	if u.Fragment != "" || u.RawFragment != "" {
		return fail("has a fragment (#…)")
	}
	q := u.Query()
	for _, k := range []string{"prefix", "key"} {
		if q.Has(k) {
			return fail("sets %q: write the folder as the URL's path instead", k)
		}
	}
	t := Target{Scheme: scheme}
	if scheme == "file" {
		if u.Host != "" && u.Host != "localhost" {
			return fail("names host %q: a file URL names a local folder, as file:///path", u.Host)
		}
		if u.RawQuery != "" {
			return fail("has a query: a file URL takes none")
		}
		dir := filepath.FromSlash(u.Path)
		if !filepath.IsAbs(dir) || strings.ContainsRune(u.Path, 0) {
			return fail("does not name an absolute folder: write file:///path")
		}
		t.Dir = filepath.Clean(dir)
		o := url.URL{Scheme: "file", Path: filepath.ToSlash(t.Dir)}
		o.RawQuery = url.Values{"create_dir": {"true"}, "no_tmp_dir": {"true"}, "metadata": {"skip"}}.Encode()
		t.open = o.String()
		return t, nil
	}
	if u.Host == "" {
		return fail("names no bucket: write %s", schemes[scheme])
	}
	if u.Opaque != "" {
		return fail("names no bucket: write %s", schemes[scheme])
	}
	t.Bucket = u.Host
	prefix, err := cleanPrefix(u.Path)
	if err != nil {
		return fail("%v", err)
	}
	t.Prefix = prefix
	if scheme == "s3" && q.Get("endpoint") != "" && !q.Has("use_path_style") && !q.Has("s3ForcePathStyle") {
		q.Set("use_path_style", "true")
	}
	if prefix != "" {
		q.Set("prefix", prefix)
	}
	o := url.URL{Scheme: scheme, Host: u.Host, RawQuery: q.Encode()}
	t.open = o.String()
	return t, nil
}

// cleanPrefix turns the URL's path into a folder prefix: "" or "a/b/".
func cleanPrefix(p string) (string, error) {
	p = strings.Trim(p, "/")
	if p == "" {
		return "", nil
	}
	for _, seg := range strings.Split(p, "/") {
		switch {
		case seg == "":
			return "", fmt.Errorf("has an empty folder name (//) in its path")
		case seg == "." || seg == "..":
			return "", fmt.Errorf("has %q in its path", seg)
		case strings.ContainsFunc(seg, func(r rune) bool { return r < 0x20 || r == 0x7f }):
			return "", fmt.Errorf("has a control character in its path")
		}
	}
	return p + "/", nil
}

// scrub hides what may be credentials in a URL that could not be parsed:
// anything before an "@" in the part after "//".
func scrub(raw string) string {
	// Without "//" a URL has no authority, but "user:secret@bucket/…"
	// (a scheme forgotten) holds credentials all the same.
	i := strings.Index(raw, "//")
	if i < 0 {
		i = -2
	}
	rest := raw[i+2:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
		return raw[:i+2] + "…@" + rest[at+1:]
	}
	return raw
}

// redact returns u without its user information.
func redact(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}

// String returns the target as people write it, without query parameters,
// for messages.
func (t Target) String() string {
	if t.Scheme == "file" {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(t.Dir)}).String()
	}
	return t.Scheme + "://" + t.Bucket + "/" + t.Prefix
}

// Name returns the address of the object key in the target, for messages.
func (t Target) Name(key string) string {
	s := t.String()
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s + key
}

// Built reports whether this program has the driver for t's scheme, so
// that [Open] can open it.
func (t Target) Built() bool { return blob.DefaultURLMux().ValidBucketScheme(t.Scheme) }

// Open opens the target's bucket. Credentials come from the provider's
// usual environment variables and files (for s3, AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY or ~/.aws; for gs, GOOGLE_APPLICATION_CREDENTIALS;
// for azblob, AZURE_STORAGE_ACCOUNT and its key or a login); podfeed never
// prints or writes them.
func Open(ctx context.Context, t Target) (*blob.Bucket, error) {
	b, err := blob.OpenBucket(ctx, t.open)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open: %s", t, cause(err))
	}
	return b, nil
}
