package publish

import (
	"errors"
	"io"
	"os"
	"unsafe"

	"github.com/podfeed/podfeed/internal/output"
)

// bigBuffer is how many bytes a bigFile holds before it writes them: a
// file that grows past it is written around the page cache from then on.
// It is a multiple of directAlign; writes of 1 MB keep this project's
// disks as busy as bigger ones.
const bigBuffer = 1 << 20

// directAlign is the alignment of the memory, offsets and lengths of
// writes that bypass the page cache: the logical block size of any disk,
// and the page size of the machines podfeed runs on.
const directAlign = 4096

// bigFile is the new file of a streamed output, as [divergeWriter] fills
// it: the feeds, 300 MB for a show of 10,000 episodes and 3 GB for one of
// 100,000, written whole by every build that changes an episode. It
// gathers what is written in a buffer of bigBuffer bytes; a file that
// outgrows it is written in whole buffers that go straight to the disk
// (O_DIRECT on Linux), where the file system allows it, and the rest of
// it, its last partial buffer, through the page cache. Filling the page
// cache with gigabytes of feeds costs more than writing them: every page
// it takes must be found and cleared first, and on a virtual machine
// whose host hands out memory as it is first touched, that was most of
// the cost of a big show's rebuild. The runs of the last build's feeds
// that it copies are read from the page cache where they are in it, and
// around it where they are not (see readRun), so that a feed written
// around the page cache is not brought into it by the next build either.
//
// Where the file system refuses (tmpfs before Linux 6.6, other systems),
// and for a file the next build reads (see place.cached), it writes
// through the page cache, and copies runs of other files in the kernel
// (see copyRange).
type bigFile struct {
	f      *os.File
	buf    []byte // what is not written yet; its capacity is bigBuffer
	direct bool   // whole buffers bypass the page cache
	plain  bool   // decided: everything goes through the page cache, and buf stays empty

	// src is the last file runs were read from around the page cache,
	// open again as srcDirect to do so, into rbuf; srcDirect is nil when
	// it cannot be opened so.
	src, srcDirect *os.File
	rbuf           []byte
}

// newBigFile returns the bigFile that fills f; a plain one writes through
// the page cache from the start, and holds no buffer.
func newBigFile(f *os.File, plain bool) *bigFile {
	b := &bigFile{f: f, plain: plain}
	if !plain {
		b.buf = alignedBuffer(bigBuffer)[:0]
	}
	return b
}

// alignedBuffer returns n bytes that start at a multiple of directAlign.
func alignedBuffer(n int) []byte {
	b := make([]byte, n+directAlign)
	skip := (directAlign - int(uintptr(unsafe.Pointer(unsafe.SliceData(b)))%directAlign)) % directAlign
	return b[skip : skip+n : skip+n]
}

// Write gathers p, and writes each buffer it fills; a plain bigFile
// writes p at once.
func (b *bigFile) Write(p []byte) (int, error) {
	if b.plain {
		return b.f.Write(p)
	}
	n := 0
	for len(p) > 0 {
		if len(b.buf) == cap(b.buf) {
			if err := b.flush(); err != nil {
				return n, err
			}
		}
		c := copy(b.buf[len(b.buf):cap(b.buf)], p)
		b.buf = b.buf[:len(b.buf)+c]
		p = p[c:]
		n += c
	}
	return n, nil
}

// WriteSpan writes n bytes of from, from offset off: read into the
// buffer, or, through the page cache, copied in the kernel.
func (b *bigFile) WriteSpan(from io.ReaderAt, off, n int64) error {
	if b.plain {
		if err := b.finish(); err != nil {
			return err
		}
		if f, ok := from.(*os.File); ok {
			return copyRange(b.f, f, off, n)
		}
		return output.CopySpan(b.f, from, off, n)
	}
	for n > 0 {
		if len(b.buf) == cap(b.buf) {
			if err := b.flush(); err != nil {
				return err
			}
			if b.plain {
				return b.WriteSpan(from, off, n)
			}
		}
		c := int(min(n, int64(cap(b.buf)-len(b.buf))))
		p := b.buf[len(b.buf) : len(b.buf)+c]
		var err error
		if f, ok := from.(*os.File); ok {
			err = b.readRun(f, p, off)
		} else {
			var got int
			if got, err = from.ReadAt(p, off); got == c {
				err = nil
			} else if err == nil || err == io.EOF {
				err = output.ErrShrank
			}
		}
		if err != nil {
			return err
		}
		b.buf = b.buf[:len(b.buf)+c]
		off += int64(c)
		n -= int64(c)
	}
	return nil
}

// readRun fills p with the bytes of f from offset off: from the page
// cache as far as they are in it, the others read around it.
func (b *bigFile) readRun(f *os.File, p []byte, off int64) error {
	for len(p) > 0 {
		got := readCached(f, p, off)
		p, off = p[got:], off+int64(got)
		if len(p) == 0 {
			return nil
		}
		got, err := b.readAround(f, p, off)
		if err != nil {
			return err
		}
		if got == 0 {
			return output.ErrShrank
		}
		p, off = p[got:], off+int64(got)
	}
	return nil
}

// readAround reads bytes of f from offset off into p around the page
// cache, as many as one aligned read of rbuf gives, and returns how many;
// 0 past f's end. Where f cannot be read so, it reads p through the page
// cache.
func (b *bigFile) readAround(f *os.File, p []byte, off int64) (int, error) {
	if f != b.src {
		b.release()
		b.src, b.srcDirect = f, openDirect(f)
	}
	if b.srcDirect == nil {
		got, err := f.ReadAt(p, off)
		if err == io.EOF {
			err = nil
		}
		return got, err
	}
	if b.rbuf == nil {
		b.rbuf = alignedBuffer(bigBuffer)
	}
	start := off &^ (directAlign - 1)
	end := min(start+int64(len(b.rbuf)), (off+int64(len(p))+directAlign-1)&^(directAlign-1))
	got, err := b.srcDirect.ReadAt(b.rbuf[:end-start], start)
	if err != nil && err != io.EOF {
		// The file system does not read this file around the page cache
		// after all (its end, say): through it from now on.
		b.srcDirect.Close()
		b.srcDirect = nil
		return b.readAround(f, p, off)
	}
	if int64(got) <= off-start {
		return 0, nil
	}
	return copy(p, b.rbuf[off-start:got]), nil
}

// flush writes the full buffer. The first time, the file has outgrown
// it: from now on whole buffers bypass the page cache, if they can. All
// that was written before was whole buffers, so each lies at a multiple
// of directAlign.
func (b *bigFile) flush() error {
	if !b.direct && !b.plain {
		b.direct = setDirect(b.f, true) == nil
		b.plain = !b.direct
	}
	n, err := b.f.Write(b.buf)
	if err != nil && b.direct && errors.Is(err, errInvalid) {
		// A disk with bigger blocks than directAlign, or a short write
		// that left the rest unaligned: the rest goes as any file's.
		if err = b.plainFromNow(); err == nil {
			_, err = b.f.Write(b.buf[n:])
		}
	}
	b.buf = b.buf[:0]
	return err
}

// finish writes what the buffer holds through the page cache: the end of
// the file, or what precedes a run copied in the kernel. It closes the
// file runs were last read from around the page cache.
func (b *bigFile) finish() error {
	b.release()
	if b.direct {
		if err := b.plainFromNow(); err != nil {
			return err
		}
	}
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.f.Write(b.buf)
	b.buf = b.buf[:0]
	return err
}

// release closes the file runs were last read from around the page
// cache, if any.
func (b *bigFile) release() {
	if b.srcDirect != nil {
		b.srcDirect.Close()
	}
	b.src, b.srcDirect = nil, nil
}

// plainFromNow has the file written through the page cache from now on.
func (b *bigFile) plainFromNow() error {
	if err := setDirect(b.f, false); err != nil {
		return err
	}
	b.direct, b.plain = false, true
	return nil
}
