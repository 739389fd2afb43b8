// Package golden holds the one -update flag of podfeed's tests, so that
// `go test ./... -update` rewrites every golden file from the root of the
// module: every package with tests imports it (a blank import where a
// package has no golden files), so that none of their test binaries
// rejects the flag.
package golden

import "flag"

// Update reports whether the tests should rewrite their golden files
// instead of comparing with them.
var Update = flag.Bool("update", false, "rewrite the golden files")
