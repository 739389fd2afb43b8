// Package publish puts a build's output files on disk without losing what
// subscribers already have.
//
// It does three things:
//
//   - [Write] publishes a whole set of files into an output folder: files whose
//     bytes did not change are left alone (same modification time), the
//     changed ones are first written to temporary files next to their targets,
//     synced, and only then renamed over the old files, and new ones are
//     written in place before anything that links to them is renamed. A
//     failing or killed build therefore leaves the previous output in place,
//     never a half-written file that an output links to. Once the new files are in place, it removes what
//     an earlier build wrote and this one no longer makes: the files its
//     caller lists in [Options.Previous] and archive pages past the last
//     ([Options.Archives]), never a file it was not told of.
//   - [Lock] takes an exclusive lock on the output folder so that two builds
//     (two cron runs, say) cannot interleave their writes.
//   - [Guard] is the "nothing lost" guard: it reads the feed that is already
//     published ([ReadPublished], with package xmltree) and, through
//     [Compare], refuses with a [RemovalError] every episode that the next
//     feed would drop or give a different guid, and a new podcast:guid for
//     the show, unless the caller confirms them.
//
// What it does not do: it does not render feeds or decide which files a
// build produces, and it does not decide why an episode left (the caller
// explains each [Loss]). The set of renames in [Write] is not one
// atomic transaction: each file is replaced atomically, but a failure in the
// middle of the renames (rare: all data is already written and synced by
// then) can leave some files new and some old. A build killed before its
// renames can leave temporary files named ".NAME.tmp-*" beside the outputs,
// and new files half written; no output refers to them, and [RemoveTemps]
// deletes them under the lock, told by the mark [WritingFile] that Write
// keeps while it writes.
//
// The package holds no state of its own; the only file it leaves behind
// besides the outputs is the lock file [LockFile], which is never deleted,
// and the mark of a Write that was cut short.
package publish
