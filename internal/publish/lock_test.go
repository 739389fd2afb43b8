package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/podfeed/podfeed/internal/output"
)

// lockIn runs Lock in another goroutine, as a second build would.
func lockIn(ctx context.Context, dir string, wait time.Duration) (func() error, error) {
	type result struct {
		unlock func() error
		err    error
	}
	ch := make(chan result)
	go func() {
		unlock, err := Lock(ctx, dir, wait)
		ch <- result{unlock, err}
	}()
	r := <-ch
	return r.unlock, r.err
}

func TestLockExcludes(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "public") // Lock creates it

	unlock, err := Lock(ctx, dir, 0)
	if err != nil {
		t.Fatalf("first Lock: %v", err)
	}

	for _, wait := range []time.Duration{0, 20 * time.Millisecond} {
		_, err := lockIn(ctx, dir, wait)
		if !errors.Is(err, ErrBusy) {
			t.Fatalf("second Lock (wait %v) while held: error %v, want ErrBusy", wait, err)
		}
		if !strings.Contains(err.Error(), LockFile) {
			t.Errorf("error %q does not name the lock file", err)
		}
	}

	if err := unlock(); err != nil {
		t.Fatalf("unlock: %v", err)
	}
	if err := unlock(); err != nil {
		t.Errorf("second unlock: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, LockFile)); err != nil {
		t.Errorf("lock file gone after unlock: %v", err)
	}

	unlock2, err := lockIn(ctx, dir, 0)
	if err != nil {
		t.Fatalf("second Lock after unlock: %v", err)
	}
	if err := unlock2(); err != nil {
		t.Fatalf("unlock: %v", err)
	}
}

func TestLockWaitsForRelease(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	unlock, err := Lock(ctx, dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		unlock2, err := Lock(ctx, dir, time.Hour)
		if err == nil {
			err = unlock2()
		}
		done <- err
	}()
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Errorf("waiting Lock: %v", err)
	}
}

func TestLockContextCanceled(t *testing.T) {
	dir := t.TempDir()
	unlock, err := Lock(context.Background(), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = lockIn(ctx, dir, time.Hour)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Lock with canceled context: error %v, want context.Canceled", err)
	}
	if errors.Is(err, ErrBusy) {
		t.Errorf("Lock with canceled context: error %v is ErrBusy", err)
	}
}

func TestLockBadFolder(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, map[string]string{"public": "a file"})
	_, err := Lock(context.Background(), filepath.Join(dir, "public"), 0)
	if err == nil {
		t.Fatal("Lock in a file succeeded, want an error")
	}
	if errors.Is(err, ErrBusy) {
		t.Errorf("error %v is ErrBusy, want a plain failure", err)
	}
}

// TestLockedWritesConsistent runs several builds at once, each writing a
// whole set of files under the lock; every build must find, and the last one
// leave, a set written by one build only.
func TestLockedWritesConsistent(t *testing.T) {
	const builds = 8
	dir := t.TempDir()
	names := []string{"chapters/055.json", "chapters/056.json", "atom.xml", "feed.xml"}

	// consistent returns the content all names share, or "" if none exists
	// yet; a mixed set is an error.
	consistent := func() (string, error) {
		var first string
		for i, name := range names {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if errors.Is(err, fs.ErrNotExist) {
				data, err = []byte("(missing)"), nil
			}
			if err != nil {
				return "", err
			}
			if i == 0 {
				first = string(data)
			} else if string(data) != first {
				return "", fmt.Errorf("%s = %q, %s = %q", names[0], first, name, data)
			}
		}
		return first, nil
	}

	var wg sync.WaitGroup
	errs := make(chan error, builds)
	for i := range builds {
		wg.Go(func() {
			unlock, err := Lock(context.Background(), dir, time.Minute)
			if err != nil {
				errs <- err
				return
			}
			defer unlock()
			if _, err := consistent(); err != nil {
				errs <- fmt.Errorf("build %d found a mixed set: %v", i, err)
				return
			}
			var out []output.File
			for _, name := range names {
				out = append(out, output.File{Name: name, Data: fmt.Appendf(nil, "build %d", i)})
			}
			if _, err := Write(dir, out, Options{}); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	last, err := consistent()
	if err != nil {
		t.Fatalf("after all builds: %v", err)
	}
	if !strings.HasPrefix(last, "build ") {
		t.Errorf("after all builds, files hold %q, want one build's output", last)
	}
	for name := range tree(t, dir) {
		if strings.Contains(name, ".tmp-") {
			t.Errorf("temporary file %s left behind", name)
		}
	}
}
