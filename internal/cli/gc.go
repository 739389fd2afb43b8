package cli

import (
	"runtime"
	"runtime/debug"
	"sync"
)

// gcPercent is the garbage collector's goal (see runtime/debug.SetGCPercent)
// for a build that renders the whole show, unless GOGC sets another: the
// heap may grow by 85 % of what is live, not Go's 100 %. Rendering leaves
// mostly garbage: a full build of 10,000 episodes peaked at 490 MB with
// 100 and at 400 MB with 70, for 5 to 10 % more CPU (when it held more
// of the show at once); with 85 it took 3.07 s against 3.18 s with 70,
// 5.09 against 5.23 CPU seconds, peaking at 391 against 366 MB (medians
// of four, interleaved). A build after an edit has cachedPercent instead:
// its peak is set by its live data, which 70 does not lower, and it paid
// 30 ms more.
const gcPercent = 85

// cachedPercent is the garbage collector's goal, once the feeds are begun
// (project.BuildOptions.Begun), for a build that loaded its show from the
// last build's cache (see loading), unless it renders every output again
// (then gcPercent, from the end of the load, see runBuild).
// Most of what such a build allocates after the load is kept to its end
// (the plan, the pages rendered again, the next cache's records): a build
// after an edit of 10,000 episodes grew from 33 MB live after its load
// to 75 MB, and with Go's 100 % collected twice on the way, marking the
// same episodes twice, where with 130 % it collects once: 0.37 s against
// 0.40 s, 0.48 against 0.52 CPU seconds, peaking at 124 MB either way
// (medians of six, interleaved). Until the feeds are begun, nothing is
// collected, as while loading: the first collection, right after the
// load, marked the 33 MB of episodes while the build worked out what its
// feeds copy, and the feeds, the longest part of the build, began later
// for it. An edit took 0.365 s against 0.400 s, 0.49 against 0.53 CPU
// seconds, peaking at 123 against 120 MB (medians of four, interleaved;
// an added episode 0.36 against 0.38 s, a removal 0.38 against 0.42 s).
const cachedPercent = 130

// loadLimit is how big the memory of a build loading its show from the
// last build's cache may grow before its first collection. The heap grows
// from nothing to what the episodes take, and each collection on the way
// marks what is about to be kept anyway. A build after an edit of 10,000
// episodes takes 70 MB from the cache, with little garbage: it made three
// collections of 45 to 85 MB live (one while loading) where it now makes
// two, after the load, and took 0.415 s against 0.455 s, 0.53 against
// 0.62 CPU seconds, peaking at 139 against 142 MB (medians of six,
// interleaved; an added episode 0.45 against 0.47 s; a removal, which
// keeps more, unchanged). A load that decodes every episode file after
// all (the cache gone, or written by another podfeed) reaches the limit
// and goes on with loadPercent.
const loadLimit = 128 << 20

// loadPercent is the garbage collector's goal while a build loads its
// show without the last build's cache (or, with it, once its memory
// reached loadLimit): every episode file is decoded, and most of what that
// allocates is garbage, yet a collection while the heap is small marks
// mostly what is about to be kept. Without the cache, the limit would keep
// that garbage: a first build of 1,000 episodes peaked at 124 MB with it
// and 77 MB without.
const loadPercent = 400

// checkLimit is how big the memory of a build may grow while it checks
// whether its show is up to date (project.UpToDate) before its first
// collection. The check reads the last build's manifest and stats every
// input and output, and keeps most of what it reads: a check of 10,000
// episodes collected three times on the way, and took 72 ms and 119 ms of
// CPU against 59 and 88 ms without a collection (medians of fifteen,
// interleaved), peaking at 39 MB against 43 MB.
const checkLimit = 256 << 20

// checking has nothing collected while a build checks whether its show
// is up to date, until its memory reaches checkLimit, unless GOGC or
// GOMEMLIMIT is set, and returns what sets the collector back as it was.
func (e env) checking() (restore func()) {
	if e.getenvOr("GOGC") != "" || e.getenvOr("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(100) // the goal in force, read by setting one
	debug.SetGCPercent(percent)
	back := collectNothing(checkLimit, percent)
	return func() { back(percent) }
}

// loading sets the garbage collector's goal for loading a show (see
// loadLimit and loadPercent; cached when the last build's cache is likely
// to hold the episodes), unless GOGC or GOMEMLIMIT is set, and returns
// what sets it for the rest of the build: back as it was, or when cached,
// to cachedPercent.
func (e env) loading(cached bool) (restore func()) {
	if e.getenvOr("GOGC") != "" || e.getenvOr("GOMEMLIMIT") != "" {
		return func() {}
	}
	if !cached {
		percent := debug.SetGCPercent(loadPercent)
		return func() { debug.SetGCPercent(percent) }
	}
	back := collectNothing(loadLimit, loadPercent)
	return func() { back(cachedPercent) }
}

// collectNothing has nothing collected until the memory reaches limit.
// The first collection, which only the limit starts, sets the goal to
// then and the memory limit back as it was; back, unless called before,
// sets the goal to after and the memory limit back as it was, and keeps
// the first collection from changing them.
func collectNothing(limit int64, then int) (back func(after int)) {
	debug.SetGCPercent(-1)
	was := debug.SetMemoryLimit(limit)
	var (
		mu       sync.Mutex
		restored bool
	)
	// A finalizer runs once a collection found its object unreachable.
	type sentinel struct{ _ *int } // a pointer: not in the tiny allocator, which may never free it
	runtime.SetFinalizer(&sentinel{}, func(*sentinel) {
		mu.Lock()
		defer mu.Unlock()
		if !restored {
			debug.SetGCPercent(then)
			debug.SetMemoryLimit(was)
		}
	})
	return func(after int) {
		mu.Lock()
		defer mu.Unlock()
		restored = true
		debug.SetGCPercent(after)
		debug.SetMemoryLimit(was)
	}
}

// renderingAll sets the garbage collector's goal for a build that renders
// the whole show (see gcPercent), unless GOGC is set.
func (e env) renderingAll() {
	if e.getenvOr("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
