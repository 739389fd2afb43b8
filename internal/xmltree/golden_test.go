package xmltree

import _ "github.com/podfeed/podfeed/internal/golden" // every package takes -update
