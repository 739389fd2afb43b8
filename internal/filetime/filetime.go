// Package filetime decides when a file's size and modification time can
// stand for its content.
//
// podfeed skips work by file times: the build manifest calls outputs up to
// date when no input's size or time changed, and the media cache reuses a
// probe while the audio file's size and time are those it probed. A file
// system keeps times to its own granularity (2 s on FAT, 1 s on HFS+ and
// some network file systems, a clock tick on Linux), so a file written
// again within one tick of being read, at the same size, looks unchanged.
// Git calls such index entries "racy" and checks them by content; podfeed
// does not remember them at all.
package filetime

import "time"

// Granularity is the coarsest time resolution of the file systems podfeed
// expects to meet.
const Granularity = 2 * time.Second

// Settled reports whether a file modified at mod, read at now, can be told
// apart from any later version of the same size by its modification time:
// mod lies more than Granularity before now. A time still to come (a
// clock set wrong, a network file system's other clock) is never settled.
func Settled(mod, now time.Time) bool {
	return mod.Before(now.Add(-Granularity))
}
