//go:build unix

package publish

import (
	"io/fs"
	"syscall"
)

// canSpare says whether this system keeps spares (see sparePath): where
// it can tell a file's links (see links).
const canSpare = true

// links returns how many names the file fi has; 0 when unknown.
func links(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 0
}
