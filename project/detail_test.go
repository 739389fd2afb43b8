package project

import (
	"reflect"
	"strings"
	"testing"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/episodetest"
)

// Every field of an episode is in one part of it, the detail or the rest,
// and the two make the episode again: a field added to episodes.Episode
// and to neither part would be lost by a build with LoadOptions.Partial.
func TestEpisodeDetail(t *testing.T) {
	var e episodes.Episode
	fill(reflect.ValueOf(&e).Elem(), new(int))
	bare, d := detailOf(&e)
	detail := reflect.ValueOf(d)
	ev, bv := reflect.ValueOf(e), reflect.ValueOf(bare)
	for i := range ev.NumField() {
		name := ev.Type().Field(i).Name
		df := detail.FieldByName(name)
		switch {
		case ev.Field(i).IsZero():
			t.Errorf("%s was not filled", name)
		case df.IsValid() && !bv.Field(i).IsZero():
			t.Errorf("%s is in the detail, and left in the rest", name)
		case df.IsValid() && !reflect.DeepEqual(df.Interface(), ev.Field(i).Interface()):
			t.Errorf("%s is not in the detail as in the episode", name)
		case !df.IsValid() && !reflect.DeepEqual(bv.Field(i).Interface(), ev.Field(i).Interface()):
			t.Errorf("%s, not in the detail, is not in the rest as in the episode", name)
		}
	}
	for i := range detail.NumField() {
		if name := detail.Type().Field(i).Name; !ev.FieldByName(name).IsValid() {
			t.Errorf("the detail's %s is no field of an episode", name)
		}
	}
	d.restore(&bare)
	if diff := episodetest.Diff(&e, &bare); diff != "" {
		t.Errorf("restored: %s", diff)
	}
}

// A detail that cannot be read or decoded fails the build that needs it,
// saying so, and leaves its episode without it.
func TestCompleteFails(t *testing.T) {
	codecs, err := newCacheCodecs()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ref  detailRef
		want string
	}{
		{detailRef{raw: "\xff\xff"}, "does not decode"},
		{detailRef{at: strings.NewReader("short"), off: 3, n: 10}, "read an episode's detail"},
	} {
		for _, listed := range []bool{false, true} {
			e := &episodes.Episode{Title: "kept"}
			c := &incrementalCache{codecs: codecs, partial: true, details: map[*episodes.Episode]detailRef{e: tt.ref}}
			eps := []*episodes.Episode{e}
			var err error
			if listed {
				err = c.complete(nil, eps)
			} else {
				err = c.complete(eps, nil)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("complete(%+v, listed %v) = %v, want an error saying %q", tt.ref, listed, err, tt.want)
			}
			if _, still := c.details[e]; !still || e.Title != "kept" || e.Summary != "" {
				t.Errorf("after a failed complete, the episode is %+v (still without its detail: %v)", e, still)
			}
		}
	}
}

// An episode's detail starts with its summary, which detailSummary reads
// alone for a page of the episode list.
func TestDetailSummary(t *testing.T) {
	if f := reflect.TypeFor[episodeDetail]().Field(0); f.Name != "Summary" || f.Type.Kind() != reflect.String {
		t.Fatalf("the detail starts with %s %s, not the summary", f.Name, f.Type)
	}
	codecs, err := newCacheCodecs()
	if err != nil {
		t.Fatal(err)
	}
	var e episodes.Episode
	fill(reflect.ValueOf(&e).Elem(), new(int))
	_, d := detailOf(&e)
	var got detailSummary
	if _, err := codecs.summary.Read(string(codecs.detail.Append(nil, &d)), &got); err != nil || got.Summary != e.Summary {
		t.Errorf("the summary read alone is %q (%v), want %q", got.Summary, err, e.Summary)
	}
}
