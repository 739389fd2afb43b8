package cli

import (
	"runtime/debug"
	"strings"
)

// version reports the release podfeed was built from, or "devel" for any
// other build (a pseudo-version or a modified tree). The feeds' generator
// element carries it, so it must not change from one commit to the next:
// that would rewrite every output on every upgrade.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" || strings.Contains(v, "+") || strings.Count(v, "-") >= 2 {
		return "devel"
	}
	return v
}
