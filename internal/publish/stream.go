package publish

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
)

// streamTemp runs stream into the new file at p and returns its path;
// when stream writes exactly the current bytes of p's target, it creates
// no file and reports same.
func streamTemp(p place, stream func(io.Writer) error) (tmp string, same bool, err error) {
	w := &divergeWriter{create: p.create}
	defer w.close()
	var fi fs.FileInfo
	if !p.fresh {
		if fi, err = existing(p.target); err != nil {
			return "", false, err
		}
	}
	if fi != nil {
		if w.old, err = os.Open(p.target); err != nil {
			return "", false, err
		}
		w.oldBuf = bufio.NewReaderSize(w.old, 64<<10)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := stream(bw); err != nil {
		return "", false, err
	}
	if err := bw.Flush(); err != nil {
		return "", false, err
	}
	if w.tmp == nil {
		if fi != nil {
			if _, err := w.oldBuf.ReadByte(); err == io.EOF {
				return "", true, nil // every byte equal, and no more
			}
		}
		if err := w.diverge(); err != nil {
			return "", false, err
		}
	}
	name, err := closeTemp(w.tmp)
	w.tmp = nil // closed, and removed on error
	return name, false, err
}

// divergeWriter compares what is written with an old file and holds it
// back while the two agree; at the first difference it creates the new
// file, copies into it the prefix the two share, and writes everything
// after that straight through.
type divergeWriter struct {
	create func() (*os.File, error)
	old    *os.File      // the published file; nil when there is none
	oldBuf *bufio.Reader // reads old
	same   int64         // bytes written so far, all equal to old's
	cmp    []byte        // a buffer for old's bytes
	tmp    *os.File      // the new file, from the first difference on
}

func (w *divergeWriter) Write(p []byte) (int, error) {
	if w.tmp == nil && w.old != nil {
		if cap(w.cmp) < len(p) {
			w.cmp = make([]byte, len(p))
		}
		n, err := io.ReadFull(w.oldBuf, w.cmp[:len(p)])
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return 0, err
		}
		if n == len(p) && bytes.Equal(w.cmp[:n], p) {
			w.same += int64(n)
			return len(p), nil
		}
	}
	if w.tmp == nil {
		if err := w.diverge(); err != nil {
			return 0, err
		}
	}
	return w.tmp.Write(p)
}

// diverge creates the new file with the prefix shared with the old one.
func (w *divergeWriter) diverge() error {
	tmp, err := w.create()
	if err != nil {
		return err
	}
	w.tmp = tmp
	if w.same == 0 {
		return nil
	}
	return copyRange(tmp, w.old, 0, w.same)
}

// copyRangeRead copies n bytes of src, from offset off, to dst at its
// offset, reading them.
func copyRangeRead(dst, src *os.File, off, n int64) error {
	c, err := io.Copy(dst, io.NewSectionReader(src, off, n))
	if err == nil && c != n {
		err = errors.New("published file shrank while being copied")
	}
	return err
}

// close closes the old file and removes a new one that was not finished.
func (w *divergeWriter) close() {
	if w.old != nil {
		w.old.Close()
	}
	if w.tmp != nil {
		w.tmp.Close()
		os.Remove(w.tmp.Name())
	}
}
