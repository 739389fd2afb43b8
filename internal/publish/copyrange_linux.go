package publish

import (
	"errors"
	"io"
	"os"

	"golang.org/x/sys/unix"

	"github.com/podfeed/podfeed/internal/output"
)

// copyRange copies n bytes of src, from offset off, to dst at its offset:
// in the kernel (copy_file_range), without reading them through memory,
// where the file system allows it, else by reading them. src's own
// offset is not used, so files shared by several writers may be read.
//
// It copies copyChunk bytes at a time and has the kernel start writing
// each to the disk at once (sync_file_range), so that the disk writes
// while the rest is copied: the fsync that follows finds little left to
// do. (The feeds, where their file system allows, are copied around the
// page cache instead: see bigFile.)
func copyRange(dst, src *os.File, off, n int64) error {
	at, err := dst.Seek(0, io.SeekCurrent) // where the copy goes: the range to write
	if err != nil {
		at = -1 // no hint, then
	}
	for n > 0 {
		c, err := unix.CopyFileRange(int(src.Fd()), &off, int(dst.Fd()), nil, int(min(n, copyChunk)), 0)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err != nil || c == 0:
			// Not between these files (another file system, an old kernel),
			// or src shrank: as any reader would.
			return output.CopySpan(dst, src, off, n)
		}
		n -= int64(c)
		if at >= 0 {
			// A hint: the fsync that follows is what makes it durable.
			unix.SyncFileRange(int(dst.Fd()), at, int64(c), unix.SYNC_FILE_RANGE_WRITE)
			at += int64(c)
		}
	}
	return nil
}
