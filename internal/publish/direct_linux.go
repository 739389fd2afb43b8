package publish

import (
	"errors"
	"fmt"
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

// readCached reads into p the bytes of f from offset off that are in the
// page cache, up to the first that is not, and returns how many.
func readCached(f *os.File, p []byte, off int64) int {
	conn, err := f.SyscallConn()
	if err != nil {
		return 0
	}
	done := 0
	conn.Read(func(fd uintptr) bool {
		for done < len(p) {
			n, err := unix.Preadv2(int(fd), [][]byte{p[done:]}, off+int64(done), unix.RWF_NOWAIT)
			if errors.Is(err, unix.EINTR) {
				continue
			}
			if err != nil || n <= 0 {
				break // EAGAIN: not in the page cache; or the end
			}
			done += n
		}
		return true
	})
	return done
}

// openDirect opens f again for reads that bypass the page cache (the
// same file, even where another has taken its name since); nil where
// its file system cannot.
func openDirect(f *os.File) *os.File {
	conn, err := f.SyscallConn()
	if err != nil {
		return nil
	}
	var direct *os.File
	conn.Control(func(fd uintptr) {
		d, err := unix.Open(fmt.Sprintf("/proc/self/fd/%d", fd), unix.O_RDONLY|unix.O_DIRECT|unix.O_CLOEXEC, 0)
		if err == nil {
			direct = os.NewFile(uintptr(d), f.Name())
		}
	})
	return direct
}
