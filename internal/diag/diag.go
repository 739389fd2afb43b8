// Package diag holds the positioned, plural problems that loading a show
// reports: one [Problem] per finding, each with the file, line and column it
// concerns, collected into a [List] so that a single run reports everything
// that is wrong instead of stopping at the first mistake.
//
// It also holds the small helpers that make such problems useful to a
// person: [Suggest] finds the nearest known key for a misspelled one, and
// [Excerpt] shows the offending line with a caret under the column.
//
// diag knows nothing about TOML or feeds; packages config and episodes
// produce its values and the command line (internal/cli) prints them.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Pos is a place in an input file. Line and Col count from 1; zero means
// unknown, in which case Key (a dotted TOML key such as "chapters[2].start")
// may still say where the problem is.
type Pos struct {
	File string
	Line int
	Col  int
	Key  string
}

// String formats p as file:line:col, file:line, or "file: key" when the line
// is unknown.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	switch {
	case p.Line > 0 && p.Col > 0:
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
	case p.Line > 0:
		fmt.Fprintf(&b, ":%d", p.Line)
	case p.Key != "":
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(p.Key)
	}
	return b.String()
}

// Severity says whether a problem stops a build.
type Severity int

const (
	// Error makes the input invalid: nothing is written.
	Error Severity = iota
	// Warning is advice (Apple's or Podcasting 2.0's recommendations); the
	// build goes on.
	Warning
)

// Problem is one finding about the input.
type Problem struct {
	Pos      Pos
	Severity Severity
	Msg      string // lower case, no final period
	Hint     string // optional: what to do about it
}

// Error formats the problem as "file:line:col: message", with "warning: "
// before the message for warnings. The hint is not included; see [List.Format].
func (p *Problem) Error() string {
	msg := p.Msg
	if p.Severity == Warning {
		msg = "warning: " + msg
	}
	if pos := p.Pos.String(); pos != "" {
		return pos + ": " + msg
	}
	return msg
}

// List collects problems. The zero value is an empty list ready to use.
type List []*Problem

// Add records an error at pos.
func (l *List) Add(pos Pos, format string, args ...any) *Problem {
	p := &Problem{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)}
	*l = append(*l, p)
	return p
}

// Warn records a warning at pos.
func (l *List) Warn(pos Pos, format string, args ...any) *Problem {
	p := &Problem{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
	*l = append(*l, p)
	return p
}

// WithHint sets the problem's hint and returns the problem, so that
// l.Add(...).WithHint(...) reads as one statement.
func (p *Problem) WithHint(format string, args ...any) *Problem {
	p.Hint = fmt.Sprintf(format, args...)
	return p
}

// Remove takes the problem p out of l, keeping the order of the others.
func (l *List) Remove(p *Problem) {
	for i, q := range *l {
		if q == p {
			*l = append((*l)[:i], (*l)[i+1:]...)
			return
		}
	}
}

// Append adds every problem of other to l.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the problems by file, line, column and message, so that output
// is deterministic whatever order the checks ran in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return l[i].Msg < l[j].Msg
	})
}

// Errors returns the problems of severity Error.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns the problems of severity Warning.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, p := range l {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Err returns nil when l holds no errors (warnings do not count), and
// otherwise a [ListError] of the errors.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return ListError(errs)
}

// Format writes every problem on its own line, each followed by its hint on
// a line of its own starting with "hint: ".
func (l List) Format() string {
	var b strings.Builder
	for _, p := range l {
		b.WriteString(p.Error())
		b.WriteByte('\n')
		if p.Hint != "" {
			b.WriteString("\thint: ")
			b.WriteString(p.Hint)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// ListError is a non-empty list of errors used as an error value.
type ListError List

// Error joins the problems, one per line.
func (e ListError) Error() string {
	lines := make([]string, len(e))
	for i, p := range e {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Problems returns the list inside the error.
func (e ListError) Problems() List { return List(e) }
