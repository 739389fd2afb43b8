//go:build !unix

package publish

import "io/fs"

// canSpare says whether this system keeps spares (see sparePath): not
// where a file's links cannot be told.
const canSpare = false

// links returns how many names the file fi has: unknown here.
func links(fs.FileInfo) uint64 { return 0 }
