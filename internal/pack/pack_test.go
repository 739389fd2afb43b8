package pack

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	_ "github.com/podfeed/podfeed/internal/golden"
)

// sample holds every kind pack writes.
type sample struct {
	S     string
	B     bool
	I     int
	I8    int8
	I64   int64
	U     uint
	U16   uint16
	F     float64
	F32   float32
	D     time.Duration
	T     time.Time
	P     *bool
	PS    *sample
	Sl    []string
	Bytes []byte
	Arr   [2]int
	Kids  []sample
	Ptrs  []*inner
}

type inner struct {
	Name string
	At   time.Time
}

func TestRoundTrip(t *testing.T) {
	no, yes := false, true
	at := time.Date(2025, 12, 2, 10, 30, 0, 123, time.FixedZone("", -5*3600))
	for _, tt := range []struct {
		name string
		v    sample
	}{
		{"zero", sample{}},
		{"values", sample{S: "héllo\x00", B: true, I: -1 << 40, I8: -128, I64: 1<<63 - 1, U: 1<<64 - 1, U16: 65535,
			F: -0.1, F32: 3.5, D: -time.Hour, T: at, Arr: [2]int{-1, 1}}},
		{"utc", sample{T: at.UTC()}},
		{"pointer to false is not nil", sample{P: &no}},
		{"pointer to true", sample{P: &yes}},
		{"nil and empty slices stay apart", sample{Sl: []string{}, Bytes: nil, Kids: nil, Ptrs: []*inner{}}},
		{"nested", sample{PS: &sample{S: "in", PS: &sample{I: 2}}, Sl: []string{"", "a", strings.Repeat("b", 300)},
			Bytes: []byte{0, 255}, Kids: []sample{{S: "k"}, {Ptrs: []*inner{nil, {Name: "n", At: at}}}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := For[sample]()
			if err != nil {
				t.Fatal(err)
			}
			data := string(c.Append([]byte("before"), &tt.v)) + "after"
			var got sample
			rest, err := c.Read(strings.TrimPrefix(data, "before"), &got)
			if err != nil {
				t.Fatal(err)
			}
			if rest != "after" {
				t.Errorf("rest %q, want %q", rest, "after")
			}
			if !reflect.DeepEqual(got, tt.v) || !got.T.Equal(tt.v.T) {
				t.Errorf("read back\n%+v\nwant\n%+v", got, tt.v)
			}
			if _, off := got.T.Zone(); func() int { _, o := tt.v.T.Zone(); return o }() != off {
				t.Errorf("zone offset %d, want the one written", off)
			}
			// Every data cut short is an error, never a panic.
			whole := strings.TrimSuffix(strings.TrimPrefix(data, "before"), "after")
			for n := range len(whole) {
				var v sample
				if _, err := c.Read(whole[:n], &v); err == nil {
					t.Fatalf("read of the first %d of %d bytes: no error", n, len(whole))
				}
			}
		})
	}
}

// The strings read are pieces of the data read, not copies.
func TestReadSharesStrings(t *testing.T) {
	c, err := For[inner]()
	if err != nil {
		t.Fatal(err)
	}
	data := string(c.Append(nil, &inner{Name: "a name long enough to find"}))
	var got inner
	if _, err := c.Read(data, &got); err != nil {
		t.Fatal(err)
	}
	i := strings.Index(data, got.Name)
	if i < 0 || strings.Contains(data[i+1:], got.Name) {
		t.Fatalf("name %q is not once in the data", got.Name)
	}
	if unsafe.StringData(data[i:]) != unsafe.StringData(got.Name) {
		t.Errorf("the name read is a copy, not a piece of the data")
	}
}

func TestForRefuses(t *testing.T) {
	type unexported struct {
		A string
		b int
	}
	for name, err := range map[string]error{
		"map":        second(For[map[string]int]()),
		"interface":  second(For[struct{ X any }]()),
		"func":       second(For[[]func()]()),
		"unexported": second(For[unexported]()),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	type node struct {
		Next *node
		Kids []node
	}
	c, err := For[node]()
	if err != nil {
		t.Fatalf("a type that holds itself: %v", err)
	}
	v := node{Next: &node{Kids: []node{{}, {Next: &node{}}}}}
	var got node
	if _, err := c.Read(string(c.Append(nil, &v)), &got); err != nil || !reflect.DeepEqual(got, v) {
		t.Errorf("a type that holds itself read back as %+v (%v)", got, err)
	}
}

func second[T any](_ T, err error) error { return err }

// Any bytes read as a value give an error or a value that reads back the
// same once written again, never a panic.
func FuzzRead(f *testing.F) {
	c, err := For[sample]()
	if err != nil {
		f.Fatal(err)
	}
	no := false
	for _, v := range []sample{{}, {S: "x", P: &no, Sl: []string{"a"}, Kids: []sample{{I: -3}}, T: time.Unix(1, 2).UTC()}} {
		f.Add(c.Append(nil, &v))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v sample
		if _, err := c.Read(string(data), &v); err != nil {
			return
		}
		again := c.Append(nil, &v)
		var back sample
		if rest, err := c.Read(string(again), &back); err != nil || rest != "" {
			t.Fatalf("written again, %q reads back with %v, rest %q", again, err, rest)
		}
		// Compared by their bytes: a time.Time far out of range is the
		// same instant with other insides.
		if third := c.Append(nil, &back); !bytes.Equal(third, again) {
			t.Fatalf("written again, reads back as\n%+v\nnot\n%+v", back, v)
		}
	})
}

// Write writes what Append appends, in pieces, and returns its writer's
// first error.
func TestWrite(t *testing.T) {
	c, err := For[[]sample]()
	if err != nil {
		t.Fatal(err)
	}
	v := make([]sample, 3000)
	for i := range v {
		v[i] = sample{S: strings.Repeat("x", i%100), I: i, Kids: []sample{{S: "k"}}}
	}
	want := c.Append(nil, &v)
	var got pieces
	if err := c.Write(&got, &v); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("Write wrote %d bytes that differ from Append's %d", got.Len(), len(want))
	}
	if len(want) < 2*pieceSize || got.writes < 2 || got.largest > pieceSize+4096 {
		t.Errorf("%d bytes written in %d pieces of at most %d, want pieces of about %d", len(want), got.writes, got.largest, pieceSize)
	}
	failing := errors.New("disk full")
	if err := c.Write(failWriter{failing}, &v); !errors.Is(err, failing) {
		t.Errorf("Write to a failing writer returned %v", err)
	}
}

type pieces struct {
	bytes.Buffer
	writes, largest int
}

func (p *pieces) Write(b []byte) (int, error) {
	p.writes++
	p.largest = max(p.largest, len(b))
	return p.Buffer.Write(b)
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }
