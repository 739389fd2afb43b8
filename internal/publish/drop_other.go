//go:build !linux

package publish

import "os"

// dropCached does nothing: the page cache is the system's to manage.
func dropCached(f *os.File, off, n int64) {}
