package diag

import (
	"errors"
	"io/fs"
	"strconv"
)

// Plural writes n and the word for it: "1 file", "3 files". many is the
// word for any other count; "" means one with an s.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	if many == "" {
		many = one + "s"
	}
	return strconv.Itoa(n) + " " + many
}

// WithoutPath drops the path from an *fs.PathError, whose message would
// repeat the file name that the message around it already shows. With
// keepOp, the operation stays in front ("open: permission denied").
func WithoutPath(err error, keepOp bool) error {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err
	}
	if keepOp {
		return &opError{pe.Op, pe.Err}
	}
	return pe.Err
}

// opError is an *fs.PathError without its path.
type opError struct {
	op  string
	err error
}

func (e *opError) Error() string { return e.op + ": " + e.err.Error() }
func (e *opError) Unwrap() error { return e.err }
