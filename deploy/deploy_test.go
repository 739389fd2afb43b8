package deploy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gocloud.dev/blob"

	"github.com/podfeed/podfeed/internal/golden"
	"github.com/podfeed/podfeed/internal/publish"
)

// uploadList formats what a deploy uploads, in its order, with each
// object's headers (the Content-Encoding where the target supports one,
// "-" for none): testdata/first_deploy.txt pins it.
func uploadList(t *testing.T, dir string, uploaded []string) string {
	t.Helper()
	var b strings.Builder
	for _, key := range uploaded {
		_, typ, cache := classify(key)
		enc := encodingOf(key)
		if enc == "" {
			enc = "-"
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", key, typ, cache, enc)
	}
	return b.String()
}

func TestDeploy(t *testing.T) {
	shows := newBuilds(t)
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			ctx := context.Background()
			b, target := be.open(t)

			// A first deploy uploads everything, feed.xml last, each with its
			// Content-Type and Cache-Control.
			dir1 := shows.get(v1)
			res, err := Deploy(ctx, b, target, options(dir1))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := slices.Sorted(slices.Values(res.Uploaded)), keys(localFiles(t, dir1)); !slices.Equal(got, want) {
				t.Fatalf("first deploy uploaded %v, want %v", got, want)
			}
			if last := res.Uploaded[len(res.Uploaded)-1]; last != "feed.xml" {
				t.Errorf("first deploy uploaded %s last, want feed.xml", last)
			}
			if !res.FeedChanged || res.Unchanged != 0 || len(res.Deleted) != 0 {
				t.Errorf("first deploy: %+v", res)
			}
			got := uploadList(t, dir1, res.Uploaded)
			goldenFile := filepath.Join("testdata", "first_deploy.txt")
			if *golden.Update {
				if err := os.WriteFile(goldenFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if want := string(golden.Read(t, goldenFile)); got != want {
				t.Errorf("first deploy, against %s:\n%s", goldenFile, golden.Diff(want, got))
			}
			checkHeaders(t, be.name, b, target, dir1, res.Uploaded)
			if want, got := localFiles(t, dir1), remoteFiles(t, b); !sameFiles(want, got) {
				t.Errorf("after the first deploy the target holds %v, want %v", keys(got), keys(want))
			}
			checkLive(t, b)

			// A second deploy of the same build uploads nothing and writes
			// nothing, not even its record.
			var log opLog
			opts := options(dir1)
			opts.fault = log.fault
			res, err = Deploy(ctx, b, target, opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Uploaded) != 0 || len(res.Deleted) != 0 || res.FeedChanged || res.Unchanged != len(localFiles(t, dir1)) {
				t.Errorf("second deploy: %+v", res)
			}
			if n := log.count("upload") + log.count("delete"); n != 0 {
				t.Errorf("second deploy wrote %d objects: %v", n, log.ops)
			}

			// An edited episode uploads exactly the files whose bytes changed.
			dir2 := shows.get(edited)
			var changed []string
			before, after := localFiles(t, dir1), localFiles(t, dir2)
			for key, data := range after {
				if !bytes.Equal(before[key], data) {
					changed = append(changed, key)
				}
			}
			slices.Sort(changed)
			if len(changed) == 0 || len(changed) == len(after) {
				t.Fatalf("the edit changed %d of %d files", len(changed), len(after))
			}
			res, err = Deploy(ctx, b, target, options(dir2))
			if err != nil {
				t.Fatal(err)
			}
			if got := slices.Sorted(slices.Values(res.Uploaded)); !slices.Equal(got, changed) {
				t.Errorf("edited deploy uploaded %v, want the changed files %v", got, changed)
			}
			checkLive(t, b)

			// A removed episode: refused while the live feed carries it, and
			// nothing is uploaded.
			dir3 := shows.get(removed)
			log = opLog{}
			opts = options(dir3)
			opts.fault = log.fault
			_, err = Deploy(ctx, b, target, opts)
			var rerr *RemovalError
			if !errors.As(err, &rerr) || len(rerr.Losses) != 1 || rerr.Losses[0].Old.GUID != "codingchats-056-sound-check" {
				t.Fatalf("deploy dropping episode 56: err = %v, want a RemovalError for it", err)
			}
			if !strings.Contains(rerr.Hint(), "--allow-removal codingchats-056-sound-check") {
				t.Errorf("hint %q", rerr.Hint())
			}
			if n := log.count("upload") + log.count("delete"); n != 0 {
				t.Errorf("refused deploy wrote %d objects: %v", n, log.ops)
			}

			// Confirmed, its objects are deleted, after every feed.
			log = opLog{}
			opts.AllowRemoval = []string{"codingchats-056-sound-check"}
			res, err = Deploy(ctx, b, target, opts)
			if err != nil {
				t.Fatal(err)
			}
			var gone []string
			for key := range localFiles(t, dir2) {
				if _, ok := localFiles(t, dir3)[key]; !ok {
					gone = append(gone, key)
				}
			}
			slices.Sort(gone)
			if !slices.Equal(res.Deleted, gone) || !slices.Contains(gone, "audio/056-sound-check.mp3") {
				t.Errorf("deleted %v, want %v", res.Deleted, gone)
			}
			lastFeed := max(log.index("upload feed.xml"), log.index("upload atom.xml"), log.index("upload feed.json"))
			if lastFeed < 0 {
				t.Fatalf("no feed uploaded: %v", log.ops)
			}
			for i, op := range log.ops {
				if strings.HasPrefix(op, "delete ") && i < lastFeed {
					t.Errorf("%s came before the feeds were uploaded: %v", op, log.ops)
				}
			}
			if want, got := localFiles(t, dir3), remoteFiles(t, b); !sameFiles(want, got) {
				t.Errorf("after the removal the target holds %v, want %v", keys(got), keys(want))
			}
			checkLive(t, b)
		})
	}
}

// checkHeaders fails the test unless each object has the Content-Type,
// Cache-Control and Content-Encoding classify and encodingOf give it. A
// file target keeps no headers, and its files stay as the build wrote
// them: dir's.
func checkHeaders(t *testing.T, backend string, b *blob.Bucket, target Target, dir string, uploaded []string) {
	t.Helper()
	if backend == "file" {
		for _, key := range uploaded {
			got, err := os.ReadFile(filepath.Join(target.Dir, filepath.FromSlash(key)))
			if err != nil {
				t.Fatal(err)
			}
			if want, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(key))); !bytes.Equal(got, want) {
				t.Errorf("%s: the file target holds other bytes than the build (gzipped: %v)", key, isGzip(got))
			}
		}
		return
	}
	gzipped := 0
	for _, key := range uploaded {
		attrs, err := b.Attributes(context.Background(), key)
		if err != nil {
			t.Errorf("%s: %v", key, err)
			continue
		}
		_, typ, cache := classify(key)
		enc := encodingOf(key)
		if attrs.ContentType != typ || attrs.CacheControl != cache || attrs.ContentEncoding != enc {
			t.Errorf("%s: Content-Type %q, Cache-Control %q, Content-Encoding %q; want %q, %q, %q",
				key, attrs.ContentType, attrs.CacheControl, attrs.ContentEncoding, typ, cache, enc)
		}
		if enc == "gzip" {
			gzipped++
		}
	}
	if gzipped == 0 {
		t.Errorf("no object of %v was gzipped", uploaded)
	}
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// TestDeployKeepsForeignObjects: objects podfeed did not upload are never
// deleted, and objects a feed still points at stay.
func TestDeployKeepsForeignObjects(t *testing.T) {
	ctx := context.Background()
	b, target := backends()[0].open(t)
	if err := b.WriteAll(ctx, "press/photo.jpg", []byte("not podfeed's"), nil); err != nil {
		t.Fatal(err)
	}
	dir := buildShow(t, v1)
	res, err := Deploy(ctx, b, target, options(dir))
	if err != nil {
		t.Fatal(err)
	}
	if res.Foreign != 1 {
		t.Errorf("Foreign = %d, want 1", res.Foreign)
	}
	// A later build without the audio file, whose feed still points at it.
	if err := os.Remove(filepath.Join(dir, "audio", "056-sound-check.mp3")); err != nil {
		t.Fatal(err)
	}
	res, err = Deploy(ctx, b, target, options(dir))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Deleted) != 0 || !slices.Equal(res.Kept, []string{"audio/056-sound-check.mp3"}) {
		t.Errorf("Deleted %v, Kept %v; want none deleted and the audio kept", res.Deleted, res.Kept)
	}
	for _, key := range []string{"press/photo.jpg", "audio/056-sound-check.mp3"} {
		if ok, _ := b.Exists(ctx, key); !ok {
			t.Errorf("%s was deleted", key)
		}
	}
}

func TestDeployDryRun(t *testing.T) {
	ctx := context.Background()
	b, target := backends()[0].open(t)
	dir := buildShow(t, v1)
	var log opLog
	opts := options(dir)
	opts.DryRun = true
	opts.fault = log.fault
	opts.Notify = &Notifier{Podping: true, Endpoint: "http://127.0.0.1:1/"} // never called
	res, err := Deploy(ctx, b, target, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Uploaded) != len(localFiles(t, dir)) || !res.Announce || len(res.Told) != 0 {
		t.Errorf("dry run: %+v", res)
	}
	if n := log.count("upload") + log.count("delete"); n != 0 {
		t.Errorf("dry run wrote %d objects: %v", n, log.ops)
	}
	if got := remoteFiles(t, b); len(got) != 0 {
		t.Errorf("dry run left %v", keys(got))
	}
}

func TestDeployWithoutBuild(t *testing.T) {
	b, target := backends()[0].open(t)
	_, err := Deploy(context.Background(), b, target, options(t.TempDir()))
	var h *hintedError
	if !errors.As(err, &h) || !strings.Contains(err.Error(), "feed.xml: nothing to deploy") || !strings.Contains(h.Hint(), "podfeed build") {
		t.Errorf("err = %v", err)
	}
}

// TestDeployNoGzip: with NoGzip every object is stored as the build wrote
// it; a later deploy with gzip uploads again exactly the text objects,
// and the one after that nothing.
func TestDeployNoGzip(t *testing.T) {
	ctx := context.Background()
	b, target := backends()[1].open(t)
	dir := buildShow(t, v1)
	opts := options(dir)
	opts.NoGzip = true
	if _, err := Deploy(ctx, b, target, opts); err != nil {
		t.Fatal(err)
	}
	for key := range localFiles(t, dir) {
		if attrs, err := b.Attributes(ctx, key); err != nil || attrs.ContentEncoding != "" {
			t.Errorf("%s with NoGzip: %+v, %v", key, attrs, err)
		}
	}
	if want, got := localFiles(t, dir), remoteFiles(t, b); !sameFiles(want, got) {
		t.Errorf("with NoGzip the target holds %v, want %v", keys(got), keys(want))
	}
	res, err := Deploy(ctx, b, target, options(dir))
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for key := range localFiles(t, dir) {
		if encodingOf(key) == "gzip" {
			text = append(text, key)
		}
	}
	slices.Sort(text)
	if got := slices.Sorted(slices.Values(res.Uploaded)); !slices.Equal(got, text) {
		t.Errorf("deploy with gzip after one without uploaded %v, want the text objects %v", got, text)
	}
	checkHeaders(t, "s3", b, target, dir, res.Uploaded)
	checkLive(t, b)
	if res, err := Deploy(ctx, b, target, options(dir)); err != nil || len(res.Uploaded) != 0 {
		t.Errorf("deploy after that: %+v, %v", res, err)
	}
}

// TestReadGzipped: the live feed and the record are read whether the
// provider's reader gives the gzipped bytes as stored (s3) or
// decompresses them (gs).
func TestReadGzipped(t *testing.T) {
	ctx := context.Background()
	b, target := backends()[0].open(t)
	want := []byte(`<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`)
	var gz bytes.Buffer
	zw := newGzip(&gz)
	zw.Write(want)
	zw.Close()
	if err := b.WriteAll(ctx, "stored.xml", gz.Bytes(), nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WriteAll(ctx, "decompressed.xml", want, nil); err != nil {
		t.Fatal(err)
	}
	if err := b.WriteAll(ctx, "broken.xml", gz.Bytes()[:gz.Len()-6], nil); err != nil {
		t.Fatal(err)
	}
	d := &deployer{bucket: b, target: target, opts: options(t.TempDir())}
	for _, key := range []string{"stored.xml", "decompressed.xml"} {
		if got, err := d.read(ctx, key); err != nil || !bytes.Equal(got, want) {
			t.Errorf("read %s: %q, %v; want %q", key, got, err, want)
		}
	}
	if _, err := d.read(ctx, "broken.xml"); err == nil || !strings.Contains(err.Error(), "broken.xml: cannot read: gzipped content:") {
		t.Errorf("read of a cut gzip stream: %v", err)
	}
}

// TestGzipDeterministic: the same file gzips to the same bytes each time,
// with no name and no time in the header.
func TestGzipDeterministic(t *testing.T) {
	dir := buildShow(t, v1)
	a, err := scan(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range a {
		if o.Key == "feed.xml" {
			if err := os.Chtimes(o.Path, time.Now(), time.Now().Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
	}
	b, err := scan(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a, b) {
		t.Errorf("two scans differ:\n%v\n%v", a, b)
	}
	var buf bytes.Buffer
	for _, o := range b {
		if o.Key != "feed.xml" {
			continue
		}
		f, _ := os.Open(o.Path)
		defer f.Close()
		if err := o.encode(&buf, f); err != nil {
			t.Fatal(err)
		}
	}
	h := buf.Bytes()
	// ID1 ID2 CM FLG MTIME(4) XFL OS: no FNAME flag, mtime 0.
	if len(h) < 10 || !isGzip(h) || h[3] != 0 || !bytes.Equal(h[4:8], []byte{0, 0, 0, 0}) {
		t.Errorf("gzip header % x", h[:min(len(h), 10)])
	}
}

// TestScanRefusesACutShortBuild: a folder whose last build was killed
// while it wrote (publish's mark is there) may hold new files half
// written; a deploy refuses it, and takes it once a build has finished.
func TestScanRefusesACutShortBuild(t *testing.T) {
	dir := buildShow(t, v1)
	mark := filepath.Join(dir, publish.WritingFile)
	if err := os.WriteFile(mark, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := scan(dir, false); err == nil || !strings.Contains(err.Error(), "did not finish") {
		t.Errorf("scan of a folder with %s: %v, want an error", publish.WritingFile, err)
	}
	if err := os.Remove(mark); err != nil {
		t.Fatal(err)
	}
	if _, err := scan(dir, false); err != nil {
		t.Errorf("scan once the mark is gone: %v", err)
	}
}
