// Package publish puts a build's output files on disk without losing what
// subscribers already have.
//
// It does three things:
//
//   - [Write] publishes a whole set of files into an output folder: files whose
//     bytes did not change are left alone (same modification time), and the
//     changed ones are first written to temporary files next to their targets,
//     synced, and only then renamed over the old files. A failing or killed
//     build therefore leaves the previous output in place, never a
//     half-written file.
//   - [Lock] takes an exclusive lock on the output folder so that two builds
//     (two cron runs, say) cannot interleave their writes.
//   - [ReadRSSItems] and [Compare] form the "nothing lost" guard: they read the
//     items of the feed that is already published and report every episode
//     that the next feed would drop or give a different guid.
//
// What it does not do: it does not render feeds, decide which files a build
// produces, delete files that a build no longer produces, or decide what to
// do about a [Loss]: refusing the build and telling the user how to confirm
// a removal is the caller's job. The set of renames in [Write] is not one
// atomic transaction: each file is replaced atomically, but a failure in the
// middle of the renames (rare: all data is already written and synced by
// then) can leave some files new and some old. A build killed before its
// renames can leave temporary files named ".NAME.tmp-*" beside the outputs;
// no output refers to them, and [RemoveTemps] deletes them under the lock.
//
// The package holds no state of its own; the only file it leaves behind
// besides the outputs is the lock file [LockFile], which is never deleted.
package publish
