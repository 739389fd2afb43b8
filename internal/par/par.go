// Package par runs independent pieces of work on every core. A build
// decodes episode files and renders pages this way; results are kept by
// index, so output stays deterministic whatever the scheduling.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Do calls do(i) for every i in [0, n) on up to GOMAXPROCS goroutines and
// returns when all calls have returned. Calls must not depend on each
// other's order.
func Do(n int, do func(i int)) { DoOn(runtime.GOMAXPROCS(0), n, do) }

// DoOn is [Do] on up to workers goroutines: more than the cores for work
// that mostly waits, on the disk for instance.
func DoOn(workers, n int, do func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			do(i)
		}
		return
	}
	var (
		wg   sync.WaitGroup
		next atomic.Int64
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				do(i)
			}
		}()
	}
	wg.Wait()
}
