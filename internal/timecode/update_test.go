package timecode

// The golden package declares -update, so that go test ./... -update runs
// here too; this package has no golden files of its own.
import _ "github.com/podfeed/podfeed/internal/golden"
