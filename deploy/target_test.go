package deploy

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	for _, tt := range []struct {
		raw                 string
		name, open, errText string
	}{
		{raw: "s3://bucket", name: "s3://bucket/", open: "s3://bucket"},
		{raw: "s3://bucket/show/?region=eu-west-1", name: "s3://bucket/show/", open: "s3://bucket?prefix=show%2F&region=eu-west-1"},
		{raw: "s3://bucket/a/b?endpoint=http://127.0.0.1:7070&region=us-east-1", name: "s3://bucket/a/b/",
			open: "s3://bucket?endpoint=http%3A%2F%2F127.0.0.1%3A7070&prefix=a%2Fb%2F&region=us-east-1&use_path_style=true"},
		{raw: "s3://bucket?endpoint=https://s3.example.com&use_path_style=false", name: "s3://bucket/",
			open: "s3://bucket?endpoint=https%3A%2F%2Fs3.example.com&use_path_style=false"},
		{raw: "S3://bucket/x", name: "s3://bucket/x/", open: "s3://bucket?prefix=x%2F"},
		{raw: "gs://bucket/podcast", name: "gs://bucket/podcast/", open: "gs://bucket?prefix=podcast%2F"},
		{raw: "azblob://container", name: "azblob://container/", open: "azblob://container"},
		{raw: "file:///tmp/x", name: "file:///tmp/x", open: "file:///tmp/x?create_dir=true&metadata=skip&no_tmp_dir=true"},
		{raw: "file:///tmp/x/../y/", name: "file:///tmp/y", open: "file:///tmp/y?create_dir=true&metadata=skip&no_tmp_dir=true"},
		{raw: "file://localhost/srv/www", name: "file:///srv/www", open: "file:///srv/www?create_dir=true&metadata=skip&no_tmp_dir=true"},
		{raw: "", errText: `deploy URL "": is empty`},
		{raw: "bucket/show", errText: `deploy URL "bucket/show": has no scheme`},
		{raw: "https://example.com/", errText: "podfeed cannot deploy to https:// addresses"},
		{raw: "ftp://example.com/", errText: "podfeed cannot deploy to ftp:// addresses"},
		{raw: "s3:///show", errText: "names no bucket: write s3://bucket/prefix?region=eu-west-1"},
		{raw: "s3:bucket", errText: "names no bucket"},
		{raw: "s3://key:secret@bucket/", errText: `deploy URL "s3://bucket/": holds credentials`},
		{raw: "s3://bucket/a//b", errText: "has an empty folder name (//) in its path"},
		{raw: "s3://bucket/a/../b", errText: `has ".." in its path`},
		{raw: "s3://bucket/?prefix=x/", errText: `sets "prefix": write the folder as the URL's path instead`},
		{raw: "s3://bucket/#x", errText: "has a fragment"},
		{raw: "file://host/tmp/x", errText: `names host "host"`},
		{raw: "file:relative/x", errText: "does not name an absolute folder"},
		{raw: "file:///tmp/x?metadata=skip", errText: "has a query"},
		{raw: "s3://bu cket/", errText: "is not a URL"},
	} {
		t.Run(tt.raw, func(t *testing.T) {
			got, err := ParseTarget(tt.raw)
			if tt.errText != "" {
				var uerr *URLError
				if !errors.As(err, &uerr) || !strings.Contains(err.Error(), tt.errText) {
					t.Fatalf("ParseTarget(%q) = %v, %v; want a URLError with %q", tt.raw, got, err, tt.errText)
				}
				if uerr.Hint() == "" {
					t.Errorf("no hint")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != tt.name || got.open != tt.open {
				t.Errorf("ParseTarget(%q) = %q opening %q; want %q opening %q", tt.raw, got.String(), got.open, tt.name, tt.open)
			}
		})
	}
}

// FuzzParseTarget: no input panics; an error is a URLError with a hint
// that never repeats credentials; a target opens a URL of its own scheme
// whose prefix, if any, is a clean folder.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"s3://bucket/show?region=eu-west-1", "file:///tmp/x", "gs://b/p/q", "azblob://c",
		"s3://k:secretword@b/", "s3://b/a//b", "file://h/x", "s3://b?endpoint=http://127.0.0.1:9000", "%zz", "s3://b/\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := ParseTarget(raw)
		if err != nil {
			var uerr *URLError
			if !errors.As(err, &uerr) || uerr.Hint() == "" || err.Error() == "" {
				t.Fatalf("ParseTarget(%q): %v", raw, err)
			}
			// A secret is what a URL parser reads as the userinfo:
			// "secretword" elsewhere is a name the error may well repeat.
			if u, perr := url.Parse(raw); perr == nil && u.User != nil && strings.Contains(u.User.String(), "secretword") &&
				strings.Contains(err.Error(), "secretword") {
				t.Fatalf("error repeats the credentials: %v", err)
			}
			return
		}
		if !strings.HasPrefix(got.open, got.Scheme+"://") {
			t.Fatalf("ParseTarget(%q) opens %q", raw, got.open)
		}
		if got.Prefix != "" && (!strings.HasSuffix(got.Prefix, "/") || strings.HasPrefix(got.Prefix, "/") || strings.Contains(got.Prefix, "//")) {
			t.Fatalf("ParseTarget(%q): prefix %q", raw, got.Prefix)
		}
		if again, err := ParseTarget(raw); err != nil || again != got {
			t.Fatalf("ParseTarget(%q) differs on a second call", raw)
		}
	})
}
