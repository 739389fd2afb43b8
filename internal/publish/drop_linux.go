package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// dropCached lets go of n bytes of f, from offset off, from the page
// cache, where it holds them: a hint, whose failure changes nothing.
func dropCached(f *os.File, off, n int64) {
	unix.Fadvise(int(f.Fd()), off, n, unix.FADV_DONTNEED)
}
