package diag

import (
	"errors"
	"io/fs"
	"testing"
)

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n         int
		one, many string
		want      string
	}{
		{0, "file", "", "0 files"},
		{1, "file", "", "1 file"},
		{2, "file", "", "2 files"},
		{1, "episode is", "episodes are", "1 episode is"},
		{7, "episode is", "episodes are", "7 episodes are"},
	} {
		if got := Plural(tt.n, tt.one, tt.many); got != tt.want {
			t.Errorf("Plural(%d, %q, %q) = %q, want %q", tt.n, tt.one, tt.many, got, tt.want)
		}
	}
}

func TestWithoutPath(t *testing.T) {
	pe := &fs.PathError{Op: "open", Path: "/show/episodes/001.toml", Err: fs.ErrPermission}
	other := errors.New("boom")
	for _, tt := range []struct {
		err    error
		keepOp bool
		want   string
	}{
		{pe, false, "permission denied"},
		{pe, true, "open: permission denied"},
		{other, false, "boom"},
		{other, true, "boom"},
	} {
		got := WithoutPath(tt.err, tt.keepOp)
		if got.Error() != tt.want {
			t.Errorf("WithoutPath(%v, %t) = %q, want %q", tt.err, tt.keepOp, got, tt.want)
		}
		if errors.Is(tt.err, fs.ErrPermission) && !errors.Is(got, fs.ErrPermission) {
			t.Errorf("WithoutPath(%v, %t) lost the cause", tt.err, tt.keepOp)
		}
	}
}

func TestListRemove(t *testing.T) {
	var l List
	a := l.Add(Pos{File: "a"}, "a")
	b := l.Add(Pos{File: "b"}, "b")
	c := l.Warn(Pos{File: "c"}, "c")
	l.Remove(b)
	l.Remove(&Problem{Msg: "not in the list"})
	if len(l) != 2 || l[0] != a || l[1] != c {
		t.Errorf("after Remove: %v, want [a c]", l)
	}
}
