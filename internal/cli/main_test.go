package cli

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"
)

// TestMain lets testscript run "podfeed" in scripts as this test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"podfeed": func() { os.Exit(Main()) },
		// podfeed-cloud, with a gs:// driver that writes to folders.
		"podfeed-cloud": func() {
			blob.DefaultURLMux().RegisterBucket("gs", folderBuckets{os.Getenv("PODFEED_TEST_GS")})
			os.Exit(Main())
		},
	})
}

// folderBuckets opens gs://BUCKET?prefix=P as the folder root/BUCKET, as
// podfeed-cloud's driver would open the bucket.
type folderBuckets struct{ root string }

func (f folderBuckets) OpenBucketURL(ctx context.Context, u *url.URL) (*blob.Bucket, error) {
	if f.root == "" {
		return nil, errors.New("PODFEED_TEST_GS is not set")
	}
	dir := filepath.Join(f.root, u.Host)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	b, err := fileblob.OpenBucket(dir, nil)
	if err != nil {
		return nil, err
	}
	if p := u.Query().Get("prefix"); p != "" {
		b = blob.PrefixedBucket(b, p)
	}
	return b, nil
}

// TestScripts runs the command-line scripts in testdata/script. Each starts
// with a copy of examples/coding-chats, without its outputs, in
// $WORK/coding-chats.
func TestScripts(t *testing.T) {
	example, err := filepath.Abs("../../examples/coding-chats")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			dir := filepath.Join(env.WorkDir, "coding-chats")
			if err := os.CopyFS(dir, os.DirFS(example)); err != nil {
				return err
			}
			env.Setenv("PODFEED_TEST_GS", filepath.Join(env.WorkDir, "gs"))
			// Leave out what the README's first command may have built.
			if err := os.RemoveAll(filepath.Join(dir, "public")); err != nil {
				return err
			}
			// Date the copy an hour back, as a show edited a while ago: a
			// build trusts no input changed in the seconds before it.
			old := time.Now().Add(-time.Hour)
			return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				return os.Chtimes(path, old, old)
			})
		},
	})
}

func TestExitCodes(t *testing.T) {
	example := "../../examples/coding-chats"
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring; "" means stdout must be empty
		stderr string // substring; "" means stderr must be empty
	}{
		{"no arguments", nil, exitUsage, "", "Usage:"},
		{"unknown command", []string{"frobnicate"}, exitUsage, "", "podfeed: error: unknown command \"frobnicate\""},
		{"unknown flag", []string{"build", "--frob"}, exitUsage, "", "flag provided but not defined: -frob"},
		{"bad --now", []string{"build", "--now", "tomorrow", example}, exitUsage, "", "want a time such as"},
		{"two folders", []string{"check", example, example}, exitUsage, "", "too many arguments"},
		{"help", []string{"help"}, exitOK, "Usage:", ""},
		{"build -h", []string{"build", "-h"}, exitOK, "--allow-removal", ""},
		{"check -h", []string{"check", "-h"}, exitOK, "Usage: podfeed check", ""},
		{"help serve", []string{"help", "serve"}, exitOK, "Usage: podfeed serve", ""},
		{"help embed", []string{"help", "embed"}, exitOK, "Usage: podfeed embed", ""},
		{"help import", []string{"help", "import"}, exitOK, "podfeed import", ""},
		{"help frob", []string{"help", "frob"}, exitUsage, "", `no help for "frob"`},
		{"help help", []string{"help", "help"}, exitOK, "Usage:", ""},
		{"help version", []string{"help", "version"}, exitOK, "podfeed version", ""},
		{"help typo", []string{"help", "sevre"}, exitUsage, "", "podfeed: hint: did you mean 'podfeed help serve'?"},
		{"command typo", []string{"biuld", example}, exitUsage, "", "podfeed: hint: did you mean 'podfeed build'? run 'podfeed help' for the list of commands"},
		{"command far off", []string{"publish"}, exitUsage, "", "podfeed: hint: run 'podfeed help' for the list of commands"},
		{"lock-wait without unit", []string{"build", "--lock-wait", "5", example}, exitUsage, "", "podfeed: error: --lock-wait \"5\" is not a duration\npodfeed: hint: write a number with its unit, such as --lock-wait 5s or --lock-wait 1m"},
		{"duration with a quote", []string{"build", "--lock-wait", `5"s`, example}, exitUsage, "", `podfeed: error: --lock-wait "5\"s" is not a duration`},
		{"timeout without unit", []string{"check", "--timeout=30", example}, exitUsage, "", "such as --timeout 5s"},
		{"new with the show but no title", []string{"new", example}, exitUsage, "", "podfeed: error: new needs the episode's title after the show folder " + example},
		{"version", []string{"version"}, exitOK, "podfeed ", ""},
		{"init --link ftp", []string{"init", "--link", "ftp://mypod.example.org", "never-written"}, exitUsage, "", `podfeed: error: --link "ftp://mypod.example.org" is not an http or https address`},
		{"init --link query", []string{"init", "--link", "mypod.example.org/?p=1", "never-written"}, exitUsage, "", "podfeed: hint: give the show's website"},
		{"missing show", []string{"check", "no-such-show"}, exitContent, "", "no-such-show/podcast.toml: cannot read the show file"},
		{"clean check", []string{"check", "--now", "2025-03-01T00:00:00Z", example}, exitOK, "2 episodes live, 0 episodes scheduled; 0 errors, 0 warnings", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			now := func() time.Time { return time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC) }
			code := run(context.Background(), tt.args, env{stdout: &stdout, stderr: &stderr, now: now})
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstderr: %s", code, tt.code, stderr.String())
			}
			for _, out := range []struct {
				name, got, want string
			}{{"stdout", stdout.String(), tt.stdout}, {"stderr", stderr.String(), tt.stderr}} {
				if out.want == "" && out.got != "" {
					t.Errorf("%s: want nothing, got %q", out.name, out.got)
				}
				if !strings.Contains(out.got, out.want) {
					t.Errorf("%s: %q does not contain %q", out.name, out.got, out.want)
				}
			}
		})
	}
}
