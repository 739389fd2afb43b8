package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"

	"github.com/podfeed/podfeed/internal/output"
)

// copyRange copies n bytes of src, from offset off, to dst at its offset:
// in the kernel (copy_file_range), without reading them through memory,
// where the file system allows it, else by reading them. src's own
// offset is not used, so files shared by several writers may be read.
func copyRange(dst, src *os.File, off, n int64) error {
	for n > 0 {
		c, err := unix.CopyFileRange(int(src.Fd()), &off, int(dst.Fd()), nil, int(min(n, 1<<30)), 0)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil || c == 0:
			// Not between these files (another file system, an old kernel),
			// or src shrank: as any reader would.
			return output.CopySpan(dst, src, off, n)
		}
		n -= int64(c)
	}
	return nil
}
