//go:build !linux

package publish

import "os"

// copyRange copies n bytes of src, from offset off, to dst at its offset.
func copyRange(dst, src *os.File, off, n int64) error { return copyRead(dst, src, off, n) }
