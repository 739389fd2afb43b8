package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/deploy"
	"github.com/podfeed/podfeed/internal/diag"
)

const deployUsage = `Usage: podfeed deploy [flags] [SHOW] URL

Deploy publishes the output folder of the show SHOW (default ".") as the
last build wrote it to URL, a bucket or a folder:

  s3://bucket/prefix?region=eu-west-1               AWS S3
  s3://bucket/prefix?endpoint=https://HOST&region=auto
                                                    R2, B2, MinIO, Garage, SeaweedFS…
  gs://bucket/prefix                                Google Cloud Storage
  azblob://container/prefix                         Azure Blob Storage
  file:///srv/www/show                              a local folder

gs:// and azblob:// deploys run podfeed-cloud, podfeed with those two
providers' drivers, which would double podfeed's size: install it beside
podfeed with 'go install ./cmd/podfeed-cloud' in podfeed's source.

Credentials come from each provider's usual environment variables and
files (for s3: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in
~/.aws with profile=NAME in the URL; for gs: GOOGLE_APPLICATION_CREDENTIALS;
for azblob: AZURE_STORAGE_ACCOUNT and AZURE_STORAGE_KEY), never from the
show folder; podfeed never prints them.

Only objects whose content or headers changed are uploaded, each with its
Content-Type and Cache-Control (feeds and pages 5 minutes, chapters an hour,
artwork a day, media a week). The text objects (feeds, pages, stylesheets,
scripts, chapters, sitemap, transcripts) are stored gzipped with
Content-Encoding: gzip, which podcast apps, browsers and CDNs decode; media
and images are stored as they are, and so is everything in a file:// folder,
which keeps no Content-Encoding for its server. --no-gzip stores text plain
too, for a CDN or client that mishandles it; switching either way uploads the
text objects once again. Media, chapters and pages go first, then the
feeds, feed.xml last, so that apps never see a feed pointing at a missing
file; deletions come last, only of objects podfeed uploaded (it records them
in .podfeed-deploy.json in the target) that no feed points at. A deploy
that would drop an episode the live feed carries refuses until you confirm
with --allow-removal. A deploy stopped at any point leaves the live feed
whole, and the next one finishes the job.

When a feed changed, deploy tells the WebSub hubs and podping that
[notify] in podcast.toml names (podping's token from PODPING_TOKEN), once.

Deploy prints nothing on success unless -v is given.

Examples:
  podfeed build --deploy s3://my-bucket/show?region=eu-west-1 .
  podfeed deploy --dry-run . s3://my-bucket/show?region=eu-west-1
  podfeed deploy examples/coding-chats file:///tmp/site
`

// deployFlags are the flags deploy has and build --deploy shares.
type deployFlags struct {
	dryRun, noNotify, noGzip bool
	jobs                     int
}

func (f *deployFlags) define(fs *flag.FlagSet) {
	fs.BoolVar(&f.dryRun, "dry-run", false, "list what the deploy would upload and delete, and change nothing")
	fs.BoolVar(&f.noNotify, "no-notify", false, "tell no WebSub hub nor podping of the change")
	fs.BoolVar(&f.noGzip, "no-gzip", false, "store feeds, pages and other text as they are, not gzipped")
	fs.IntVar(&f.jobs, "j", 8, "upload `N` objects at once")
}

func runDeploy(ctx context.Context, args []string, e env) error {
	r, dir, rawURL, err := parseDeploy(args, e)
	if err != nil {
		return err
	}
	return deployShow(ctx, e, dir, nil, rawURL, r)
}

// parseDeploy reads deploy's command line: the request, the show folder
// and the URL.
func parseDeploy(args []string, e env) (r deployRequest, dir, rawURL string, err error) {
	fs := newFlagSet("deploy", deployUsage)
	fs.StringVar(&r.output, "o", "", "deploy the outputs in `DIR` instead of the show's [build] output")
	fs.Var(listFlag{&r.allow}, "allow-removal", "confirm that the episode with `GUID` may leave the live feed or change guid (repeatable)")
	fs.BoolVar(&r.allowAll, "allow-removals", false, "confirm every episode's removal from the live feed")
	fs.BoolVar(&r.verbose, "v", false, "say what was uploaded, deleted and told")
	r.flags.define(fs)
	positional, err := parseArgs(fs, args, e.stdout, 2)
	if err != nil {
		return r, "", "", err
	}
	if len(positional) == 0 {
		return r, "", "", usageError{msg: "deploy needs the URL to deploy to", hint: "run 'podfeed deploy [SHOW] s3://bucket/prefix?region=…', or 'podfeed deploy -h' for the forms of URL"}
	}
	return r, showDir(positional[:len(positional)-1]), positional[len(positional)-1], nil
}

// deployRequest is what the command line asked of a deploy.
type deployRequest struct {
	flags    deployFlags
	output   string
	allow    []string
	allowAll bool
	verbose  bool
}

// deployShow deploys the output folder of the show in dir to rawURL. cfg
// is the show's settings when the caller has read them already.
func deployShow(ctx context.Context, e env, dir string, cfg *config.Show, rawURL string, r deployRequest) error {
	target, err := deploy.ParseTarget(rawURL)
	var uerr *deploy.URLError
	if errors.As(err, &uerr) {
		return usageError{msg: uerr.Error(), hint: uerr.Hint()}
	}
	if err != nil {
		return err
	}
	if !target.Built() {
		return deployWithCloud(ctx, e, dir, rawURL, target, r)
	}
	if cfg == nil {
		if cfg, err = readShowConfig(dir); err != nil {
			return err
		}
	}
	out := r.output
	if out == "" {
		out = filepath.FromSlash(cfg.Build.Output)
		if !filepath.IsAbs(out) {
			out = filepath.Join(dir, out)
		}
	}
	opts := deploy.Options{
		Dir: out, FeedURL: cfg.FeedURL, DryRun: r.flags.dryRun, AllowRemoval: r.allow, AllowAllRemovals: r.allowAll,
		Jobs: r.flags.jobs, Generator: "podfeed " + version(), NoGzip: r.flags.noGzip,
	}
	if !r.flags.noNotify {
		n := &deploy.Notifier{Hubs: cfg.Notify.Hubs, Podping: cfg.Notify.Podping, Medium: cfg.Medium,
			UserAgent: "podfeed/" + version(), Token: e.getenvOr("PODPING_TOKEN"), Endpoint: e.getenvOr("PODPING_URL")}
		if n.Podping && n.Token == "" && !r.flags.dryRun {
			return hintError{msg: cfg.File + ": [notify] podping = true, but PODPING_TOKEN is not set",
				hint: "set PODPING_TOKEN to the token podping.cloud gave the show, or deploy with --no-notify"}
		}
		opts.Notify = n
	}
	if !r.verbose && !r.flags.dryRun {
		opts.Progress = uploadProgress(e.stderr)
	}
	bucket, err := deploy.Open(ctx, target)
	if err != nil {
		return err
	}
	defer bucket.Close()
	res, err := deploy.Deploy(ctx, bucket, target, opts)
	if res != nil && (r.verbose || r.flags.dryRun) {
		printDeploy(e.stdout, res, r.flags.dryRun)
	}
	return err
}

// cloudCommand is podfeed with the drivers podfeed leaves out (gs and
// azblob): see cmd/podfeed-cloud.
const cloudCommand = "podfeed-cloud"

// cloudRunning is set in podfeed-cloud's environment when podfeed runs it.
const cloudRunning = "PODFEED_CLOUD_RUN_BY_PODFEED"

// deployWithCloud has podfeed-cloud do the deploy r asks for, to a target
// whose driver this program lacks: same request, same output, same exit
// code.
func deployWithCloud(ctx context.Context, e env, dir, rawURL string, target deploy.Target, r deployRequest) error {
	if e.getenvOr(cloudRunning) != "" {
		// This is podfeed-cloud, run by podfeed, and it has no driver
		// either: say so rather than run itself again.
		return fmt.Errorf("%s has no driver for %s:// URLs", cloudCommand, target.Scheme)
	}
	find := e.findCloud
	if find == nil {
		find = findCloud
	}
	path, err := find()
	if err != nil {
		return hintError{
			msg:  fmt.Sprintf("deploying to %s:// needs %s, which was not found beside podfeed nor on the PATH", target.Scheme, cloudCommand),
			hint: fmt.Sprintf("install it with 'go install ./cmd/%s' in podfeed's source ('go install ./cmd/...' installs both commands)", cloudCommand),
		}
	}
	cmd := exec.CommandContext(ctx, path, r.args(dir, rawURL)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, e.stdout, e.stderr
	cmd.Env = append(os.Environ(), cloudRunning+"=1")
	// Stopped, it stops as podfeed would: what it uploaded stays
	// consistent, and the next deploy finishes the job.
	// Where a program cannot be interrupted (Windows), it is killed.
	cmd.Cancel = func() error {
		if cmd.Process.Signal(os.Interrupt) != nil {
			return cmd.Process.Kill()
		}
		return nil
	}
	cmd.WaitDelay = time.Minute
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exitError{code: exit.ExitCode()} // it said why
	}
	if err != nil {
		return fmt.Errorf("cannot run %s: %w", path, err)
	}
	return nil
}

// findCloud returns the path of podfeed-cloud: beside this program, else
// on the PATH.
func findCloud() (string, error) {
	name := cloudCommand
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if self, err := os.Executable(); err == nil {
		if p := filepath.Join(filepath.Dir(self), name); isFile(p) {
			return p, nil
		}
	}
	return exec.LookPath(cloudCommand)
}

// isFile reports whether p is a file, not a folder.
func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// args is the command line of a deploy that asks for r.
func (r deployRequest) args(dir, rawURL string) []string {
	a := []string{"deploy", "-j", strconv.Itoa(r.flags.jobs)}
	for _, f := range []struct {
		on   bool
		name string
	}{{r.flags.dryRun, "--dry-run"}, {r.flags.noNotify, "--no-notify"}, {r.flags.noGzip, "--no-gzip"}, {r.allowAll, "--allow-removals"}, {r.verbose, "-v"}} {
		if f.on {
			a = append(a, f.name)
		}
	}
	if r.output != "" {
		a = append(a, "-o", r.output)
	}
	for _, guid := range r.allow {
		a = append(a, "--allow-removal", guid)
	}
	return append(a, dir, rawURL)
}

// readShowConfig reads the show's podcast.toml alone: deploy needs its
// feed address, output folder and [notify] table, not the episodes.
func readShowConfig(dir string) (*config.Show, error) {
	name := filepath.Join(dir, config.FileName)
	src, err := os.ReadFile(name)
	if err != nil {
		return nil, hintError{msg: name + ": cannot read the show file", hint: "give the show folder before the URL: podfeed deploy SHOW URL"}
	}
	cfg, probs := config.Parse(name, src)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	if cfg == nil {
		return nil, diag.ListError(probs)
	}
	return cfg, nil
}

// printDeploy says what a deploy did, or with dryRun would do.
func printDeploy(w io.Writer, res *deploy.Result, dryRun bool) {
	upload, del, tell := "uploaded", "deleted", "told"
	uploads, dels := "uploaded", "deleted"
	if dryRun {
		upload, del, tell = "would upload", "would delete", "would tell"
		uploads, dels = "to upload", "to delete"
	}
	for _, key := range res.Uploaded {
		fmt.Fprintf(w, "%s %s\n", upload, key)
	}
	for _, key := range res.Deleted {
		fmt.Fprintf(w, "%s %s\n", del, key)
	}
	for _, key := range res.Kept {
		fmt.Fprintf(w, "kept %s: a feed still points at it\n", key)
	}
	fmt.Fprintf(w, "%s: %d %s, %d %s, %d unchanged", res.Target, len(res.Uploaded), uploads, len(res.Deleted), dels, res.Unchanged)
	if res.Foreign > 0 {
		fmt.Fprintf(w, "; %s podfeed did not upload, left alone", diag.Plural(res.Foreign, "object", ""))
	}
	fmt.Fprintln(w)
	switch {
	case dryRun && res.Announce:
		fmt.Fprintln(w, "would tell the WebSub hubs and podping that the feed changed")
	case len(res.Told) > 0:
		for _, who := range res.Told {
			fmt.Fprintf(w, "%s %s\n", tell, who)
		}
	}
}

// hintError is an error of content or setup with a hint: exit 1.
type hintError struct{ msg, hint string }

func (h hintError) Error() string { return h.msg }
func (h hintError) Hint() string  { return h.hint }

// getenvOr returns the environment variable key: from the test's table
// when it has one, else from the process.
func (e env) getenvOr(key string) string {
	if e.getenv != nil {
		return e.getenv(key)
	}
	return os.Getenv(key)
}

// uploadProgress returns a progress callback that draws a bar on w while
// objects are uploaded, or nil when w is not a terminal.
func uploadProgress(w io.Writer) func(done, total int) { return terminalProgress(w, "deploying") }
