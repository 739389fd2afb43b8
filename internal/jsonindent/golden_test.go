package jsonindent

// Every package with tests takes the -update flag, so that
// `go test ./... -update` works from the root of the module.
import _ "github.com/podfeed/podfeed/internal/golden"
