//go:build !linux

package publish

import (
	"os"

	"github.com/podfeed/podfeed/internal/output"
)

// copyRange copies n bytes of src, from offset off, to dst at its offset.
func copyRange(dst, src *os.File, off, n int64) error { return output.CopySpan(dst, src, off, n) }
