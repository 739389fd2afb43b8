package publish

import (
	"bytes"
	"io"
	"io/fs"
	"os"
)

// copyChunk is how many bytes copyRange copies before it has the kernel
// start writing them to the disk (on Linux).
const copyChunk = 8 << 20

// sameCopy returns target as it is when it already is a copy of source,
// else nil. Same size and modification time, as copyTemp leaves it, is
// taken as a copy without reading either; a target of the same size with
// another time (touched, or restored from a backup) is compared byte for
// byte.
func sameCopy(target, source string) (fs.FileInfo, error) {
	src, err := os.Stat(source)
	if err != nil {
		return nil, err
	}
	dst, err := existing(target)
	if dst == nil || err != nil {
		return nil, err
	}
	if dst.Size() != src.Size() {
		return nil, nil
	}
	if !dst.ModTime().Equal(src.ModTime()) {
		if same, err := sameFiles(target, source, src.Size()); !same || err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// sameFiles compares the bytes of two files of size bytes, reading both a
// block at a time.
func sameFiles(a, b string, size int64) (bool, error) {
	fa, err := os.Open(a)
	if err != nil {
		return false, err
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false, err
	}
	defer fb.Close()
	return sameBytes(fa, fb, size)
}

// sameBytes reports whether a and b read the same bytes to their ends,
// reading both a block at a time; size, the bytes either is expected to
// hold, keeps the blocks of small files small.
func sameBytes(a, b io.Reader, size int64) (bool, error) {
	block := max(1, min(size, 64<<10))
	bufA, bufB := make([]byte, block), make([]byte, block)
	for {
		na, errA := io.ReadFull(a, bufA)
		nb, errB := io.ReadFull(b, bufB)
		if !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false, nil
		}
		endA := errA == io.EOF || errA == io.ErrUnexpectedEOF
		endB := errB == io.EOF || errB == io.ErrUnexpectedEOF
		if endA || endB {
			return endA && endB, nil
		}
		if errA != nil {
			return false, errA
		}
		if errB != nil {
			return false, errB
		}
	}
}

// copyTemp copies source to the new file at p, gives it source's
// modification time and returns its path and the file; Write syncs it. On
// error it leaves no file behind.
func copyTemp(p place, source string) (string, fs.FileInfo, error) {
	in, err := os.Open(source)
	if err != nil {
		return "", nil, err
	}
	defer in.Close()
	fi, err := in.Stat()
	if err != nil {
		return "", nil, err
	}
	sync := p.sync
	p.sync = false // once it has its time
	tmp, _, err := createTemp(p, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
	if err != nil {
		return "", nil, err
	}
	err = os.Chtimes(tmp, fi.ModTime(), fi.ModTime())
	if err == nil && sync {
		err = fsyncFiles([]string{tmp})
	}
	var out fs.FileInfo
	if err == nil {
		out, err = os.Stat(tmp)
	}
	if err != nil {
		os.Remove(tmp)
		return "", nil, err
	}
	return tmp, out, nil
}
