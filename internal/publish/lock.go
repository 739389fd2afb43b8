package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// LockFile is the name of the lock file that [Lock] creates in the output
// folder. It is never deleted: removing a lock file while another process
// waits on it would let two builds hold "the" lock at once.
const LockFile = ".podfeed.lock"

// ErrBusy is returned, wrapped, by [Lock] when another build still holds the
// lock after the wait is over.
var ErrBusy = errors.New("another build holds the lock")

// lockRetry is how long Lock sleeps between two attempts.
const lockRetry = 50 * time.Millisecond

// Lock takes an exclusive lock on the output folder dir (on dir/.podfeed.lock,
// creating dir if needed), so that builds writing to the same folder run one
// after the other. If another build holds the lock, Lock tries again until
// wait has passed (once only if wait <= 0) and then returns an error for
// which errors.Is(err, ErrBusy) holds. If ctx ends first, the error wraps
// ctx.Err() instead.
//
// unlock releases the lock; calling it again does nothing. The lock is an
// flock(2) lock on its own open file, so it also excludes other goroutines
// of the same process that call Lock, and the system releases it if the
// process dies.
func Lock(ctx context.Context, dir string, wait time.Duration) (unlock func() error, err error) {
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	name := filepath.Join(dir, LockFile)
	fl := flock.New(name, flock.SetPermissions(fileMode))
	deadline := time.Now().Add(wait)
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		ok, err := fl.TryLock()
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		if ok {
			return func() error {
				if err := fl.Unlock(); err != nil {
					return fmt.Errorf("unlock %s: %w", name, err)
				}
				return nil
			}, nil
		}
		left := time.Until(deadline)
		if left <= 0 {
			return nil, fmt.Errorf("lock %s: %w (waited %v)", name, ErrBusy, max(wait, 0))
		}
		t := time.NewTimer(min(left, lockRetry))
		select {
		case <-ctx.Done():
			t.Stop()
		case <-t.C:
		}
	}
}
