package deploy

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

// killAt is a fault that stops the deploy at its nth operation, as a
// kill would: it cancels the deploy's context, so that the operations in
// flight (parallel uploads) are cut off too, and fails the operation.
type killAt struct {
	mu     sync.Mutex
	n, ops int
	cancel context.CancelFunc
}

func (k *killAt) fault(verb, key string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.ops++
	if k.ops >= k.n {
		k.cancel()
		return context.Canceled
	}
	return nil
}

// TestDeployKilled stops a deploy (an edit and a removal on top of a first
// deploy) at many points, twice in a row for some, and checks after each
// stop that the live feed.xml parses and that every enclosure, chapters
// file and page it names exists; then a deploy to the end leaves exactly
// the new build.
func TestDeployKilled(t *testing.T) {
	shows := newBuilds(t)
	for _, be := range backends() {
		t.Run(be.name, func(t *testing.T) {
			first, next := shows.get(v1), shows.get(removed)
			opts := options(next)
			opts.AllowAllRemovals = true

			// How many operations a deploy that is never stopped makes.
			b, target := be.open(t)
			if _, err := Deploy(context.Background(), b, target, options(first)); err != nil {
				t.Fatal(err)
			}
			var log opLog
			full := opts
			full.fault = log.fault
			if _, err := Deploy(context.Background(), b, target, full); err != nil {
				t.Fatal(err)
			}
			total := len(log.ops)
			if total < 10 {
				t.Fatalf("a full deploy made only %d operations: %v", total, log.ops)
			}

			t.Logf("a full deploy makes %d operations", total)
			midway := 0 // stops that left neither the old nor the new build
			rng := rand.New(rand.NewPCG(15, 2026))
			const runs = 24
			for i := range runs {
				// Every point of a deploy once, then random ones.
				n := i + 1
				if n > total {
					n = 1 + rng.IntN(total)
				}
				t.Run(fmt.Sprint("op", n, "_", i), func(t *testing.T) {
					b, target := be.open(t)
					if _, err := Deploy(context.Background(), b, target, options(first)); err != nil {
						t.Fatal(err)
					}
					stops := 1 + i%2 // odd runs are stopped twice
					for s := range stops {
						ctx, cancel := context.WithCancel(context.Background())
						k := &killAt{n: n + s*rng.IntN(total), cancel: cancel}
						stopped := opts
						stopped.fault = k.fault
						_, err := Deploy(ctx, b, target, stopped)
						cancel()
						var ie *InterruptedError
						if err != nil && !errors.As(err, &ie) {
							t.Fatalf("stopped deploy: %v, want an InterruptedError", err)
						}
						checkLive(t, b)
						if got := remoteFiles(t, b); !sameFiles(got, localFiles(t, first)) && !sameFiles(got, localFiles(t, next)) {
							midway++
						}
					}
					res, err := Deploy(context.Background(), b, target, opts)
					if err != nil {
						t.Fatal(err)
					}
					if want, got := localFiles(t, next), remoteFiles(t, b); !sameFiles(want, got) {
						t.Errorf("after finishing, the target holds %v, want %v", keys(got), keys(want))
					}
					checkLive(t, b)
					// And the deploy after that has nothing left to do.
					res, err = Deploy(context.Background(), b, target, opts)
					if err != nil || len(res.Uploaded)+len(res.Deleted) != 0 {
						t.Errorf("deploy after finishing: %+v, %v", res, err)
					}
				})
			}
			if midway < runs/2 {
				t.Errorf("only %d stops left the target between the two builds: the stops do not cut deploys short", midway)
			}
		})
	}
}
