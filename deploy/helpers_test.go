package deploy

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"gocloud.dev/blob"

	"github.com/podfeed/podfeed/internal/xmlns"
	"github.com/podfeed/podfeed/project"
)

// The example show's feed address, the base of its objects' addresses.
const exampleFeedURL = "https://codingchats.example.com/feed.xml"

// The versions of the example show the tests deploy one after another.
type version int

const (
	v1      version = iota // the example as it is: episodes 55 and 56
	edited                 // episode 55's title changed
	removed                // edited, and episode 56 removed
)

// buildShow builds a copy of examples/coding-chats, changed to version v,
// into a new output folder, and returns the folder.
func buildShow(t *testing.T, v version) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "coding-chats")
	if err := os.CopyFS(dir, os.DirFS("../examples/coding-chats")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(dir, "public"))
	os.Remove(filepath.Join(dir, ".podfeed-cache.json"))
	if v >= edited {
		ep := filepath.Join(dir, "episodes", "055-rust-in-production.toml")
		src, err := os.ReadFile(ep)
		if err != nil {
			t.Fatal(err)
		}
		src = bytes.Replace(src, []byte(`title = "Rust in production at planet scale`), []byte(`title = "Rust in production, at planet scale`), 1)
		if err := os.WriteFile(ep, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if v >= removed {
		if err := os.Remove(filepath.Join(dir, "episodes", "056-sound-check.toml")); err != nil {
			t.Fatal(err)
		}
	}
	show, probs := project.Load(dir)
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := show.Build(context.Background(), project.BuildOptions{
		Now: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), Output: out, Generator: "podfeed test",
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// builds caches the example's versions for the subtests of one test, in
// its temporary folders.
type builds struct {
	t    *testing.T
	mu   sync.Mutex
	dirs map[version]string
}

func newBuilds(t *testing.T) *builds { return &builds{t: t, dirs: map[version]string{}} }

func (b *builds) get(v version) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.dirs[v] == "" {
		b.dirs[v] = buildShow(b.t, v)
	}
	return b.dirs[v]
}

// backend opens a fresh, empty target each time it is called.
type backend struct {
	name string
	open func(t *testing.T) (*blob.Bucket, Target)
}

// backends returns the targets the deploy tests run against: a file
// folder always, and the S3 server that PODFEED_TEST_S3 names (such as
// http://127.0.0.1:7070, with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
// set), which .ci/run starts. Without it the S3 tests skip, and fail
// when CI=true.
func backends() []backend {
	return []backend{
		{"file", func(t *testing.T) (*blob.Bucket, Target) {
			return openTarget(t, "file://"+filepath.ToSlash(filepath.Join(t.TempDir(), "site")))
		}},
		{"s3", func(t *testing.T) (*blob.Bucket, Target) {
			endpoint := s3Endpoint(t)
			const bucket = "podfeed-test"
			createBucket(t, endpoint, bucket)
			prefix := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())
			raw := fmt.Sprintf("s3://%s/%s-%x?endpoint=%s&region=us-east-1", bucket, prefix, time.Now().UnixNano(), url.QueryEscape(endpoint))
			return openTarget(t, raw)
		}},
	}
}

// s3Endpoint returns the test S3 server's address, or skips the test (fails
// it under CI) when there is none.
func s3Endpoint(t *testing.T) string {
	t.Helper()
	endpoint := os.Getenv("PODFEED_TEST_S3")
	if endpoint == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PODFEED_TEST_S3 is not set: .ci/run starts an S3 server and sets it")
		}
		t.Skip("PODFEED_TEST_S3 is not set: no S3 server to deploy to")
	}
	return endpoint
}

var bucketsMade sync.Map

// createBucket makes the bucket on the test server unless it exists.
func createBucket(t *testing.T, endpoint, bucket string) {
	t.Helper()
	if _, ok := bucketsMade.Load(endpoint + bucket); ok {
		return
	}
	ctx := context.Background()
	cfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion("us-east-1"))
	if err != nil {
		t.Fatal(err)
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		o.BaseEndpoint = aws.String(endpoint)
		o.UsePathStyle = true
	})
	_, err = client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)})
	var owned interface{ ErrorCode() string }
	if err != nil && !(errors.As(err, &owned) && (owned.ErrorCode() == "BucketAlreadyOwnedByYou" || owned.ErrorCode() == "BucketAlreadyExists")) {
		t.Fatalf("create bucket %s on %s: %v", bucket, endpoint, err)
	}
	bucketsMade.Store(endpoint+bucket, true)
}

func openTarget(t *testing.T, raw string) (*blob.Bucket, Target) {
	t.Helper()
	target, err := ParseTarget(raw)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(context.Background(), target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b, target
}

// opLog records the operations of a deploy, in order.
type opLog struct {
	mu  sync.Mutex
	ops []string // "upload feed.xml"
}

func (l *opLog) fault(verb, key string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.ops = append(l.ops, verb+" "+key)
	return nil
}

func (l *opLog) count(verb string) int {
	n := 0
	for _, op := range l.ops {
		if strings.HasPrefix(op, verb+" ") {
			n++
		}
	}
	return n
}

func (l *opLog) index(op string) int { return slices.Index(l.ops, op) }

// options are the deploy options of the tests: fast retries.
func options(dir string) Options {
	return Options{Dir: dir, FeedURL: exampleFeedURL, Backoff: time.Millisecond, Generator: "podfeed test"}
}

// localFiles returns the keys and contents of the files a deploy of dir
// publishes.
func localFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	objs, err := scan(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, o := range objs {
		data, err := os.ReadFile(o.Path)
		if err != nil {
			t.Fatal(err)
		}
		files[o.Key] = data
	}
	return files
}

// remoteFiles returns the keys and contents of the objects of b, without
// the deploy record.
func remoteFiles(t *testing.T, b *blob.Bucket) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	files := map[string][]byte{}
	it := b.List(nil)
	for {
		o, err := it.Next(ctx)
		if err != nil {
			break
		}
		if o.IsDir || o.Key == ManifestKey {
			continue
		}
		files[o.Key] = readRemote(t, b, o.Key)
	}
	return files
}

// readRemote returns the content of the object key of b, decompressed
// when its Content-Encoding is gzip; it fails the test unless the stored
// bytes are gzipped exactly when its attributes say so.
func readRemote(t *testing.T, b *blob.Bucket, key string) []byte {
	t.Helper()
	ctx := context.Background()
	attrs, err := b.Attributes(ctx, key)
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	data, err := b.ReadAll(ctx, key)
	if err != nil {
		t.Fatalf("read %s: %v", key, err)
	}
	// The s3 reader gives the stored bytes as they are.
	if gz := isGzip(data); gz != (attrs.ContentEncoding == "gzip") {
		t.Fatalf("%s: Content-Encoding %q, but the bytes read are gzipped: %v", key, attrs.ContentEncoding, gz)
	}
	if attrs.ContentEncoding == "gzip" {
		if data, err = gunzip(data); err != nil {
			t.Fatalf("%s: %v", key, err)
		}
	}
	return data
}

// liveFeed is what the consistency check reads of feed.xml.
type liveFeed struct {
	Channel struct {
		Image struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd image"`
		Items []struct {
			GUID      string `xml:"guid"`
			Link      string `xml:"link"`
			Enclosure struct {
				URL string `xml:"url,attr"`
			} `xml:"enclosure"`
			Chapters struct {
				URL string `xml:"url,attr"`
			} `xml:"https://podcastindex.org/namespace/1.0 chapters"`
		} `xml:"item"`
	} `xml:"channel"`
}

// checkLive fails the test unless the target's feed.xml parses and its
// artwork and every enclosure, chapters file and page it names under the
// show's address exist in the target.
func checkLive(t *testing.T, b *blob.Bucket) {
	t.Helper()
	if xmlns.Podcast != "https://podcastindex.org/namespace/1.0" {
		t.Fatalf("podcast namespace is %s", xmlns.Podcast)
	}
	ctx := context.Background()
	data := readRemote(t, b, "feed.xml")
	if err := wellFormed(data); err != nil {
		t.Fatalf("live feed.xml is not well-formed: %v", err)
	}
	var f liveFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("live feed.xml: %v", err)
	}
	if len(f.Channel.Items) == 0 {
		t.Fatal("live feed.xml has no items")
	}
	base, _ := url.Parse("https://codingchats.example.com/")
	if key, ok := keyOf(base, f.Channel.Image.Href); !ok {
		t.Errorf("live feed.xml: its artwork %q is not in the target", f.Channel.Image.Href)
	} else if ok, err := b.Exists(ctx, key); err != nil || !ok {
		t.Errorf("live feed.xml: its artwork %s is missing (%v)", key, err)
	}
	for _, it := range f.Channel.Items {
		for what, ref := range map[string]string{"enclosure": it.Enclosure.URL, "chapters": it.Chapters.URL, "page": it.Link} {
			key, ok := keyOf(base, ref)
			if ref == "" || !ok {
				continue
			}
			if ok, err := b.Exists(ctx, key); err != nil || !ok {
				t.Errorf("live feed.xml: item %s: its %s %s is missing (%v)", it.GUID, what, key, err)
			}
		}
	}
}

// wellFormed reports the first XML syntax error of data.
func wellFormed(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// keys returns the sorted keys of m.
func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
