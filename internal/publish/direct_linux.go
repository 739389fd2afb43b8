package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// errInvalid is what a write that bypasses the page cache fails with when
// it is not aligned as the disk needs.
var errInvalid = unix.EINVAL

// setDirect has the writes to f bypass the page cache (O_DIRECT), or no
// longer; it fails where the file system cannot.
func setDirect(f *os.File, on bool) error {
	conn, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var ferr error
	err = conn.Control(func(fd uintptr) {
		var flags int
		if flags, ferr = unix.FcntlInt(fd, unix.F_GETFL, 0); ferr != nil {
			return
		}
		if on {
			flags |= unix.O_DIRECT
		} else {
			flags &^= unix.O_DIRECT
		}
		_, ferr = unix.FcntlInt(fd, unix.F_SETFL, flags)
	})
	if err != nil {
		return err
	}
	return ferr
}
