// Package episodetest helps tests compare episodes: what an encoder wrote
// and a parser read back, or what an import kept.
package episodetest

import (
	"fmt"
	"reflect"
	"time"

	"github.com/podfeed/podfeed/episodes"
)

// Diff reports how two episodes differ, ignoring File and Slug and
// comparing times as instants with their offsets;
// "" means they are the same.
func Diff(want, got *episodes.Episode) string {
	w, g := *want, *got
	w.File, w.Slug, g.File, g.Slug = "", "", "", ""
	_, wo := w.Published.Zone()
	_, gofs := g.Published.Zone()
	if !w.Published.Equal(g.Published) || wo != gofs {
		return fmt.Sprintf("published: want %s, got %s", w.Published, g.Published)
	}
	w.Published, g.Published = time.Time{}, time.Time{}
	if (w.Explicit == nil) != (g.Explicit == nil) || (w.Explicit != nil && *w.Explicit != *g.Explicit) {
		return "explicit differs"
	}
	w.Explicit, g.Explicit = nil, nil
	if !reflect.DeepEqual(w, g) {
		return fmt.Sprintf("want %+v\ngot  %+v", w, g)
	}
	return ""
}
