package par

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestDoCallsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]atomic.Int32, n)
		Do(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("n=%d: index %d called %d times", n, i, c)
			}
		}
	}
}

// DoOn runs as many calls at once as it has workers, and no more.
func TestDoOnWorkers(t *testing.T) {
	for _, workers := range []int{1, 3, 8} {
		var running, most atomic.Int32
		release := make(chan struct{})
		done := make(chan struct{})
		n := 20
		go func() {
			DoOn(workers, n, func(int) {
				now := running.Add(1)
				for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
				}
				<-release
				running.Add(-1)
			})
			close(done)
		}()
		// All workers start before any call ends.
		for deadline := time.Now().Add(10 * time.Second); running.Load() < int32(workers); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("DoOn(%d, …): only %d calls at once", workers, running.Load())
			}
		}
		for range n {
			release <- struct{}{} // one call ends; another may start
		}
		<-done
		if got := most.Load(); got > int32(workers) || got < 1 {
			t.Errorf("DoOn(%d, …): %d calls at once", workers, got)
		}
	}
}
