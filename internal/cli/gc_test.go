package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcSettings returns the garbage collector's goal and memory limit.
func gcSettings() (percent int, limit int64) {
	percent = debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// defaultGC sets Go's default goal until t ends, and returns the memory
// limit in force.
func defaultGC(t *testing.T) (limit int64) {
	percent, was := gcSettings()
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(was)
	})
	debug.SetGCPercent(100)
	return debug.SetMemoryLimit(-1)
}

// collectUntil runs collections until settings are want, or a second
// passed: a finalizer runs on its own goroutine after the collection that
// found its object unreachable.
func collectUntil(t *testing.T, wantPercent int, wantLimit int64) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for {
		runtime.GC()
		time.Sleep(time.Millisecond)
		p, l := gcSettings()
		if p == wantPercent && l == wantLimit {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after collections: goal %d and limit %d, want %d and %d", p, l, wantPercent, wantLimit)
		}
	}
}

// While a show loads from the last build's cache, nothing is collected
// until the memory limit loadLimit; the first collection has the load go
// on with loadPercent and no limit, and restore sets cachedPercent and the
// limit set before, which a collection after it does not change. Without
// the cache, the load has loadPercent and no limit, and restore gives back
// what was set before. With GOGC or GOMEMLIMIT set, loading changes
// nothing.
func TestLoadingGC(t *testing.T) {
	before := defaultGC(t)
	e := env{getenv: func(string) string { return "" }}

	restore := e.loading(true)
	if p, l := gcSettings(); p != -1 || l != loadLimit {
		t.Errorf("while loading: goal %d and limit %d, want -1 and %d", p, l, loadLimit)
	}
	collectUntil(t, loadPercent, before)
	restore()
	if p, l := gcSettings(); p != cachedPercent || l != before {
		t.Errorf("after loading: goal %d and limit %d, want %d and %d", p, l, cachedPercent, before)
	}

	// Restored before any collection: the finalizer that runs later keeps
	// what restore set.
	restore = e.loading(true)
	restore()
	for range 3 {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if p, l := gcSettings(); p != cachedPercent || l != before {
		t.Errorf("restored before a collection: goal %d and limit %d, want %d and %d", p, l, cachedPercent, before)
	}
	debug.SetGCPercent(100)

	restore = e.loading(false)
	if p, l := gcSettings(); p != loadPercent || l != before {
		t.Errorf("loading without the cache: goal %d and limit %d, want %d and %d", p, l, loadPercent, before)
	}
	restore()
	if p, l := gcSettings(); p != 100 || l != before {
		t.Errorf("after loading without the cache: goal %d and limit %d, want 100 and %d", p, l, before)
	}

	for _, name := range []string{"GOGC", "GOMEMLIMIT"} {
		set := env{getenv: func(k string) string {
			if k == name {
				return "200"
			}
			return ""
		}}
		restore := set.loading(true)
		if p, l := gcSettings(); p != 100 || l != before {
			t.Errorf("%s set: goal %d and limit %d while loading, want 100 and %d", name, p, l, before)
		}
		restore()
		restore = set.checking()
		if p, l := gcSettings(); p != 100 || l != before {
			t.Errorf("%s set: goal %d and limit %d while checking, want 100 and %d", name, p, l, before)
		}
		restore()
	}
}

// While a build checks whether its show is up to date, nothing is
// collected up to checkLimit; restore, or the first collection, gives back
// what was set before. (With GOGC or GOMEMLIMIT set, see TestLoadingGC.)
func TestCheckingGC(t *testing.T) {
	before := defaultGC(t)
	e := env{getenv: func(string) string { return "" }}
	restore := e.checking()
	if p, l := gcSettings(); p != -1 || l != checkLimit {
		t.Errorf("while checking: goal %d and limit %d, want -1 and %d", p, l, checkLimit)
	}
	restore()
	if p, l := gcSettings(); p != 100 || l != before {
		t.Errorf("after checking: goal %d and limit %d, want 100 and %d", p, l, before)
	}
	restore = e.checking()
	collectUntil(t, 100, before)
	restore()
	if p, l := gcSettings(); p != 100 || l != before {
		t.Errorf("after checking and a collection: goal %d and limit %d, want 100 and %d", p, l, before)
	}
}
