package deploy

import (
	"context"
	"crypto/md5"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"github.com/podfeed/podfeed/internal/address"
)

// Options says what to deploy and how. The zero value of each field but
// Dir is a sensible default.
type Options struct {
	// Dir is the output folder of a build: every file in it except those
	// whose name starts with "." is published.
	Dir string
	// FeedURL is the public address of feed.xml (podcast.toml's feed_url).
	// Objects the feeds point at under its folder are never deleted.
	FeedURL string
	// DryRun plans the deploy and changes nothing.
	DryRun bool
	// AllowRemoval lists the guids of episodes the live feed carries that
	// the new one may drop or re-key; AllowAllRemovals allows every removal.
	AllowRemoval     []string
	AllowAllRemovals bool
	// Jobs is how many objects are uploaded at once (default 8).
	Jobs int
	// Attempts is how often an operation is tried before it fails
	// (default 5); Backoff is the first wait between tries (default
	// 500ms), doubled after each.
	Attempts int
	Backoff  time.Duration
	// Progress, when set, is called as objects are uploaded and deleted.
	Progress func(done, total int)
	// Generator names the program in the target's deploy record.
	Generator string
	// Notify tells the apps when a feed changed; nil tells no one.
	Notify *Notifier
	// NoGzip stores every object as the build wrote it. By default the
	// text objects (feeds, pages, stylesheets, scripts, chapters, sitemap,
	// transcripts) are stored gzipped with Content-Encoding: gzip, which
	// every HTTP client that fetches feeds accepts; a file target never
	// gzips, since a folder keeps no Content-Encoding for the server.
	NoGzip bool

	// fault, in tests, is called before each operation on the bucket; an
	// error it returns is the operation's.
	fault func(verb, key string) error
}

// Result says what a deploy did, or would do with DryRun.
type Result struct {
	Target    Target
	Uploaded  []string // in the order of upload
	Deleted   []string // sorted
	Unchanged int
	// Kept are objects podfeed uploaded that the build no longer has but
	// that a feed still points at, so they stay.
	Kept []string
	// Foreign counts the objects under the prefix that podfeed did not
	// upload: they are never deleted.
	Foreign int
	// FeedChanged is set when feed.xml, atom.xml, feed.json or an archive
	// page was uploaded.
	FeedChanged bool
	// Told lists who was told of the change: each hub's address and
	// "podping". Announce is set when they are to be told (with DryRun:
	// would be).
	Told     []string
	Announce bool
}

// deployer runs one deploy.
type deployer struct {
	bucket *blob.Bucket
	target Target
	opts   Options
	done   int
	total  int
	mu     sync.Mutex
}

// remoteObject is an object the target holds.
type remoteObject struct {
	size int64
	md5  string // hex; "" when the provider gives none (multipart, file)
}

// plan is what a deploy will do.
type plan struct {
	local   []object
	uploads []object // in order: by class, then key
	deletes []string
	kept    []string
	foreign int
	remote  map[string]remoteObject
	m       *manifest
	dirty   bool // the manifest must be rewritten even with nothing to upload
}

// Deploy publishes the output folder opts.Dir to bucket, the opened
// target t: it uploads the files whose content or headers changed (media,
// chapters and pages first, then the archive pages, atom.xml and feed.json,
// then feed.xml), then deletes the objects that podfeed uploaded before,
// that the build no longer has and that no feed points at. A deploy
// stopped at any point leaves a live feed whose every object exists, and
// the next deploy finishes the job. When a feed changed it tells
// opts.Notify's hubs and podping, once.
func Deploy(ctx context.Context, bucket *blob.Bucket, t Target, opts Options) (*Result, error) {
	if opts.Jobs <= 0 {
		opts.Jobs = 8
	}
	if opts.Attempts <= 0 {
		opts.Attempts = 5
	}
	if opts.Backoff <= 0 {
		opts.Backoff = 500 * time.Millisecond
	}
	d := &deployer{bucket: bucket, target: t, opts: opts}
	res, err := d.run(ctx)
	if err != nil && ctx.Err() != nil {
		return res, &InterruptedError{Target: t}
	}
	return res, err
}

// InterruptedError is a deploy stopped before it finished.
type InterruptedError struct{ Target Target }

func (e *InterruptedError) Error() string {
	return fmt.Sprintf("deploy to %s interrupted: the live feed is whole; deploy again to finish", e.Target)
}

func (d *deployer) run(ctx context.Context) (*Result, error) {
	p, err := d.plan(ctx)
	if err != nil {
		return nil, err
	}
	res := &Result{Target: d.target, Unchanged: len(p.local) - len(p.uploads), Kept: p.kept, Foreign: p.foreign, Deleted: p.deletes}
	for _, o := range p.uploads {
		res.Uploaded = append(res.Uploaded, o.Key)
		res.FeedChanged = res.FeedChanged || o.isFeed()
	}
	res.Announce = d.opts.Notify.any() && (res.FeedChanged || p.m.Unannounced)
	if d.opts.DryRun {
		return res, nil
	}
	if len(p.uploads) > 0 || len(p.deletes) > 0 || p.dirty {
		if err := d.execute(ctx, p, res.Announce); err != nil {
			return res, err
		}
	}
	if !res.Announce {
		return res, nil
	}
	told, err := d.opts.Notify.Notify(ctx, d.opts.FeedURL)
	res.Told = told
	if err != nil {
		return res, err
	}
	p.m.Unannounced = false
	if err := d.writeManifest(ctx, p.m); err != nil {
		return res, err
	}
	return res, nil
}

// plan reads the output folder, the target's objects and its manifest,
// checks that no episode of the live feed is lost, and decides what to
// upload and delete.
func (d *deployer) plan(ctx context.Context) (*plan, error) {
	local, err := scan(d.opts.Dir, d.target.Scheme != "file" && !d.opts.NoGzip)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(local, func(o object) bool { return o.Key == address.RSSFile }) {
		return nil, &hintedError{objectError: objectError{name: filepath.Join(d.opts.Dir, address.RSSFile), verb: "nothing to deploy", msg: "no feed"},
			hint: "run podfeed build first, or podfeed build --deploy URL"}
	}
	remote, err := d.list(ctx)
	if err != nil {
		return nil, err
	}
	m, err := d.readManifest(ctx)
	if err != nil {
		return nil, err
	}
	if err := d.guard(ctx, local, remote); err != nil {
		return nil, err
	}
	p := &plan{local: local, remote: remote, m: m}
	have := make(map[string]bool, len(local))
	for _, o := range local {
		have[o.Key] = true
		r, onRemote := remote[o.Key]
		e, owned := m.Objects[o.Key]
		if onRemote && owned && e == entryOf(o) && r.size == o.Size && (r.md5 == "" || r.md5 == o.MD5) {
			continue
		}
		p.uploads = append(p.uploads, o)
	}
	sort.SliceStable(p.uploads, func(i, j int) bool { return p.uploads[i].class < p.uploads[j].class })
	protected, err := references(local, d.opts.FeedURL)
	if err != nil {
		return nil, err
	}
	for key := range m.Objects {
		switch _, onRemote := remote[key]; {
		case have[key]:
		case protected[key] && onRemote:
			p.kept = append(p.kept, key)
		case onRemote:
			p.deletes = append(p.deletes, key)
		default:
			p.dirty = true // gone already: forget it
		}
	}
	for key := range remote {
		if _, owned := m.Objects[key]; !owned && !have[key] {
			p.foreign++
		}
	}
	sort.Strings(p.deletes)
	sort.Strings(p.kept)
	return p, nil
}

// list returns the target's objects by key, without the manifest.
func (d *deployer) list(ctx context.Context) (map[string]remoteObject, error) {
	var objs map[string]remoteObject
	err := d.do(ctx, "list", "", func() error {
		objs = map[string]remoteObject{}
		it := d.bucket.List(nil)
		for {
			o, err := it.Next(ctx)
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if o.IsDir || o.Key == ManifestKey || isLeftover(o.Key) {
				continue
			}
			r := remoteObject{size: o.Size}
			if len(o.MD5) > 0 {
				r.md5 = fmt.Sprintf("%x", o.MD5)
			}
			objs[o.Key] = r
		}
	})
	return objs, err
}

// isLeftover reports whether key is a temporary file that a file target
// killed mid-write left behind.
func isLeftover(key string) bool {
	return strings.HasSuffix(key, ".tmp") && strings.Count(key, ".") >= 2
}

// execute carries out the plan: it records the objects about to be
// uploaded as podfeed's (so that a stopped deploy cannot leave one
// unowned), uploads them class by class, deletes, and records the result.
func (d *deployer) execute(ctx context.Context, p *plan, announce bool) error {
	d.total = len(p.uploads) + len(p.deletes)
	claim := &manifest{Objects: make(map[string]entry, len(p.m.Objects)+len(p.uploads)), Unannounced: p.m.Unannounced}
	for k, e := range p.m.Objects {
		claim.Objects[k] = e
	}
	for _, o := range p.uploads {
		claim.Objects[o.Key] = entry{} // owned, content unknown until the upload ends
	}
	if len(p.uploads) > 0 {
		if err := d.writeManifest(ctx, claim); err != nil {
			return err
		}
	}
	for start := 0; start < len(p.uploads); {
		end := start
		for end < len(p.uploads) && p.uploads[end].class == p.uploads[start].class {
			end++
		}
		group := p.uploads[start:end]
		jobs := d.opts.Jobs
		if group[0].class >= classArchive {
			jobs = 1 // feeds one by one, feed.xml last
		}
		if err := d.each(ctx, len(group), jobs, func(ctx context.Context, i int) error { return d.upload(ctx, group[i]) }); err != nil {
			return err
		}
		start = end
	}
	if err := d.each(ctx, len(p.deletes), d.opts.Jobs, func(ctx context.Context, i int) error {
		return d.delete(ctx, p.deletes[i])
	}); err != nil {
		return err
	}
	final := &manifest{Objects: make(map[string]entry, len(p.local)+len(p.kept)), Unannounced: announce}
	for _, o := range p.local {
		final.Objects[o.Key] = entryOf(o)
	}
	for _, k := range p.kept {
		final.Objects[k] = p.m.Objects[k]
	}
	if err := d.writeManifest(ctx, final); err != nil {
		return err
	}
	*p.m = *final
	return nil
}

// each calls do(i) for i in [0, n) on up to jobs goroutines; the first
// error stops the rest.
func (d *deployer) each(ctx context.Context, n, jobs int, do func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		next  int
		first error
	)
	for range min(jobs, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := first != nil
				mu.Unlock()
				if i >= n || stop {
					return
				}
				if err := do(ctx, i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
						cancel()
					}
					mu.Unlock()
					return
				}
				d.step()
			}
		}()
	}
	wg.Wait()
	return first
}

// step counts one object done for the progress callback.
func (d *deployer) step() {
	if d.opts.Progress == nil {
		return
	}
	d.mu.Lock()
	d.done++
	done := d.done
	d.mu.Unlock()
	d.opts.Progress(done, d.total)
}

// upload stores o with its type, cache and encoding headers.
func (d *deployer) upload(ctx context.Context, o object) error {
	return d.write(ctx, o.Key, o.Type, o.Cache, o.Encoding, func(w io.Writer) error {
		f, err := os.Open(o.Path)
		if err != nil {
			return err
		}
		defer f.Close()
		hw := &hashWriter{w: w, h: md5.New()}
		err = o.encode(hw, f)
		if err == nil && (hw.n != o.Size || hw.sum() != o.MD5) {
			err = fmt.Errorf("%s changed during the deploy", o.Path)
		}
		return err
	})
}

// delete removes the object key; one already gone is no error.
func (d *deployer) delete(ctx context.Context, key string) error {
	return d.do(ctx, "delete", key, func() error {
		err := d.bucket.Delete(ctx, key)
		if isNotFound(err) {
			return nil
		}
		return err
	})
}

// do runs one operation on the bucket (verb is list, read, upload or
// delete), retrying transient errors, and names the object in its error.
func (d *deployer) do(ctx context.Context, verb, key string, op func() error) error {
	err := retry(ctx, d.opts.Attempts, d.opts.Backoff, func() error {
		if d.opts.fault != nil {
			if err := d.opts.fault(verb, key); err != nil {
				return err
			}
		}
		return op()
	})
	if err == nil || isNotFound(err) && verb == "read" {
		return err
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	name := d.target.String()
	if key != "" {
		name = d.target.Name(key)
	}
	oe := objectError{name: name, verb: "cannot " + verb, msg: cause(err), err: err}
	if h := hintFor(err); h != "" {
		return &hintedError{objectError: oe, hint: h}
	}
	return &oe
}

// objectError is an operation on one object (or on the whole target) that
// failed for good.
type objectError struct {
	name, verb, msg string
	err             error
}

func (e *objectError) Error() string { return e.name + ": " + e.verb + ": " + e.msg }
func (e *objectError) Unwrap() error { return e.err }

// hintedError is an objectError that says what to do about it.
type hintedError struct {
	objectError
	hint string
}

func (e *hintedError) Hint() string { return e.hint }

// hintFor says how to get past err, or "".
func hintFor(err error) string {
	msg := cause(err)
	switch {
	case msg == "no credentials found":
		return "set the provider's credentials: for s3, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in ~/.aws/credentials (profile=NAME in the URL)"
	case strings.Contains(msg, "NoSuchBucket"), strings.Contains(msg, "ContainerNotFound"):
		return "create the bucket first: podfeed does not create buckets"
	case gcerrors.Code(err) == gcerrors.PermissionDenied, strings.Contains(msg, "AccessDenied"), strings.Contains(msg, "InvalidAccessKeyId"), strings.Contains(msg, "SignatureDoesNotMatch"):
		return "check the credentials and that they may list, write and delete objects in the bucket"
	}
	return ""
}
