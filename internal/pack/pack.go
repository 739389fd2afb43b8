// Package pack writes values of plain data types (structs of strings,
// integers, floats, bools, times, pointers, slices and arrays) in a compact
// binary form, and reads them back. It is how the incremental build's cache
// keeps decoded episodes: a build after an edit of one episode reads all
// 10,000 of a big show back, and encoding/gob made about 100 allocations
// for each. A [Codec] reads every string as a piece of the one string it
// reads from, so that a value costs only its slices and pointers.
//
// The form holds no names and no types: it is read back by the program that
// wrote it, into the type it was written from. Bytes that were cut short or
// altered give an error or a wrong value, never a crash; the cache is
// written and read by one podfeed binary, and thrown away whenever the
// binary changes.
package pack

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"time"
)

// A Codec writes and reads values of the type T. It is safe for
// concurrent use.
type Codec[T any] struct {
	c *codec
}

// For returns the codec of T, or an error naming what in T it cannot
// write: a map, an interface, a channel, a function, or an unexported
// field of a struct (read back as its zero value, it would not be the
// value written).
func For[T any]() (*Codec[T], error) {
	c, err := compile(reflect.TypeFor[T](), map[reflect.Type]*codec{})
	if err != nil {
		return nil, err
	}
	return &Codec[T]{c: c}, nil
}

// Append appends the encoding of v to b.
func (c *Codec[T]) Append(b []byte, v *T) []byte {
	e := &encoder{b: b}
	c.c.enc(e, reflect.ValueOf(v).Elem())
	return e.b
}

// Write writes the encoding of v to w, in pieces of about pieceSize bytes:
// a value of many megabytes is never held whole.
func (c *Codec[T]) Write(w io.Writer, v *T) error {
	e := &encoder{w: w}
	c.c.enc(e, reflect.ValueOf(v).Elem())
	e.flush()
	return e.err
}

// pieceSize is about how many bytes Write hands its writer at a time.
const pieceSize = 64 << 10

// encoder appends to b; with a writer w, it hands b on once b holds a
// piece, between two elements of a slice or an array, and keeps the first
// error of w.
type encoder struct {
	b   []byte
	w   io.Writer
	err error
}

// piece hands the bytes on to the writer, when there are enough.
func (e *encoder) piece() {
	if e.w != nil && len(e.b) >= pieceSize {
		e.flush()
	}
}

func (e *encoder) flush() {
	if e.w != nil && e.err == nil && len(e.b) > 0 {
		_, e.err = e.w.Write(e.b)
	}
	e.b = e.b[:0]
}

// Read decodes a value from the start of data into v and returns what
// follows it in data. Every string it sets is a piece of data.
func (c *Codec[T]) Read(data string, v *T) (rest string, err error) {
	d := &decoder{s: data}
	if err := c.c.dec(d, reflect.ValueOf(v).Elem()); err != nil {
		return data, err
	}
	return d.s[d.i:], nil
}

// codec writes and reads one type.
type codec struct {
	enc func(e *encoder, v reflect.Value)
	dec func(d *decoder, v reflect.Value) error
}

var timeType = reflect.TypeFor[time.Time]()

// compile makes the codec of t; done holds those made so far, so that a
// type that holds itself (through a pointer or a slice) is made once.
func compile(t reflect.Type, done map[reflect.Type]*codec) (*codec, error) {
	if c, ok := done[t]; ok {
		return c, nil
	}
	c := &codec{}
	done[t] = c
	switch t.Kind() {
	case reflect.String:
		c.enc = func(e *encoder, v reflect.Value) {
			e.b = binary.AppendUvarint(e.b, uint64(v.Len()))
			e.b = append(e.b, v.String()...)
		}
		c.dec = func(d *decoder, v reflect.Value) error {
			s, err := d.str()
			v.SetString(s)
			return err
		}
	case reflect.Bool:
		c.enc = func(e *encoder, v reflect.Value) {
			if v.Bool() {
				e.b = append(e.b, 1)
			} else {
				e.b = append(e.b, 0)
			}
		}
		c.dec = func(d *decoder, v reflect.Value) error {
			x, err := d.byte()
			v.SetBool(x != 0)
			return err
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		c.enc = func(e *encoder, v reflect.Value) { e.b = binary.AppendVarint(e.b, v.Int()) }
		c.dec = func(d *decoder, v reflect.Value) error {
			u, err := d.uvarint()
			x := int64(u >> 1) // zigzag, as binary.AppendVarint writes it
			if u&1 != 0 {
				x = ^x
			}
			v.SetInt(x)
			return err
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		c.enc = func(e *encoder, v reflect.Value) { e.b = binary.AppendUvarint(e.b, v.Uint()) }
		c.dec = func(d *decoder, v reflect.Value) error {
			u, err := d.uvarint()
			v.SetUint(u)
			return err
		}
	case reflect.Float32, reflect.Float64:
		c.enc = func(e *encoder, v reflect.Value) {
			e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v.Float()))
		}
		c.dec = func(d *decoder, v reflect.Value) error {
			s, err := d.bytes(8)
			if err == nil {
				v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64([]byte(s))))
			}
			return err
		}
	case reflect.Pointer:
		elem, err := compile(t.Elem(), done)
		if err != nil {
			return nil, err
		}
		c.enc = func(e *encoder, v reflect.Value) {
			if v.IsNil() {
				e.b = append(e.b, 0)
				return
			}
			e.b = append(e.b, 1)
			elem.enc(e, v.Elem())
		}
		c.dec = func(d *decoder, v reflect.Value) error {
			x, err := d.byte()
			if err != nil || x == 0 {
				return err
			}
			p := reflect.New(t.Elem())
			v.Set(p)
			return elem.dec(d, p.Elem())
		}
	case reflect.Slice:
		elem, err := compile(t.Elem(), done)
		if err != nil {
			return nil, err
		}
		encElems, decElems := elem.encElems, elem.decElems
		if t.Elem().Kind() == reflect.Uint8 {
			// Bytes, an image's for instance, as one run.
			encElems = func(e *encoder, v reflect.Value) {
				e.b = append(e.b, v.Bytes()...)
				e.piece()
			}
			decElems = func(d *decoder, v reflect.Value) error {
				s, err := d.bytes(v.Len())
				if err == nil {
					reflect.Copy(v, reflect.ValueOf(s))
				}
				return err
			}
		}
		c.enc = func(e *encoder, v reflect.Value) {
			if v.IsNil() {
				e.b = append(e.b, 0)
				return
			}
			e.b = binary.AppendUvarint(e.b, uint64(v.Len())+1)
			encElems(e, v)
		}
		c.dec = func(d *decoder, v reflect.Value) error {
			n, err := d.length()
			if err != nil || n == 0 {
				return err // 0: nil
			}
			s := reflect.MakeSlice(t, n-1, n-1)
			v.Set(s)
			return decElems(d, s)
		}
	case reflect.Array:
		elem, err := compile(t.Elem(), done)
		if err != nil {
			return nil, err
		}
		c.enc, c.dec = elem.encElems, elem.decElems
	case reflect.Struct:
		if t == timeType {
			c.enc, c.dec = encodeTime, decodeTime
			break
		}
		fields := make([]*codec, t.NumField())
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				return nil, fmt.Errorf("pack: %s has an unexported field %s", t, f.Name)
			}
			fc, err := compile(f.Type, done)
			if err != nil {
				return nil, err
			}
			fields[i] = fc
		}
		c.enc = func(e *encoder, v reflect.Value) {
			for i, f := range fields {
				f.enc(e, v.Field(i))
			}
		}
		c.dec = func(d *decoder, v reflect.Value) error {
			for i, f := range fields {
				if err := f.dec(d, v.Field(i)); err != nil {
					return err
				}
			}
			return nil
		}
	default:
		return nil, fmt.Errorf("pack: cannot write a %s", t)
	}
	return c, nil
}

// encElems writes the elements of v, a slice or an array of c's type, and
// hands a piece on to the writer between two of them.
func (c *codec) encElems(e *encoder, v reflect.Value) {
	for i := range v.Len() {
		c.enc(e, v.Index(i))
		e.piece()
	}
}

// decElems reads the elements of v, a slice or an array of c's type.
func (c *codec) decElems(d *decoder, v reflect.Value) error {
	for i := range v.Len() {
		if err := c.dec(d, v.Index(i)); err != nil {
			return err
		}
	}
	return nil
}

// encodeTime writes a time.Time as its MarshalBinary does, which keeps its
// instant and zone offset, as encoding/gob did; a time it cannot marshal
// (a zone offset in seconds, a year out of range) is written as the zero
// time.
func encodeTime(e *encoder, v reflect.Value) {
	t, err := v.Interface().(time.Time).MarshalBinary()
	if err != nil {
		t, _ = time.Time{}.MarshalBinary()
	}
	e.b = binary.AppendUvarint(e.b, uint64(len(t)))
	e.b = append(e.b, t...)
}

func decodeTime(d *decoder, v reflect.Value) error {
	s, err := d.str()
	if err != nil {
		return err
	}
	var t time.Time
	if err := t.UnmarshalBinary([]byte(s)); err != nil {
		return fmt.Errorf("pack: %w", err)
	}
	v.Set(reflect.ValueOf(t))
	return nil
}

// errShort is what reading past the end of the data gives.
var errShort = errors.New("pack: data cut short")

// decoder reads from s, at i.
type decoder struct {
	s string
	i int
}

// uvarint reads an unsigned varint, as encoding/binary writes it.
func (d *decoder) uvarint() (uint64, error) {
	var x uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if d.i >= len(d.s) {
			return 0, errShort
		}
		c := d.s[d.i]
		d.i++
		if c < 0x80 {
			return x | uint64(c)<<shift, nil
		}
		x |= uint64(c&0x7f) << shift
	}
	return 0, errors.New("pack: varint too long")
}

// length reads a length of at most what is left of the data: each
// element of what it counts takes at least a byte.
func (d *decoder) length() (int, error) {
	n, err := d.uvarint()
	if err == nil && n > uint64(len(d.s)-d.i)+1 {
		err = errShort
	}
	return int(n), err
}

// bytes reads n bytes.
func (d *decoder) bytes(n int) (string, error) {
	if n < 0 || n > len(d.s)-d.i {
		return "", errShort
	}
	s := d.s[d.i : d.i+n]
	d.i += n
	return s, nil
}

func (d *decoder) byte() (byte, error) {
	if d.i >= len(d.s) {
		return 0, errShort
	}
	d.i++
	return d.s[d.i-1], nil
}

// str reads a string: its length, then its bytes.
func (d *decoder) str() (string, error) {
	n, err := d.length()
	if err != nil {
		return "", err
	}
	return d.bytes(n)
}
