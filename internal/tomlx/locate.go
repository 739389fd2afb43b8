package tomlx

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/podfeed/podfeed/internal/diag"
)

// locate scans TOML source and returns the position of every key and table
// header it defines, keyed by path: "title", "audio", "audio.url",
// "chapters[0]", "chapters[0].start". It is deliberately small: it assumes
// src already parsed without error, and only has to tell where things are,
// which BurntSushi/toml does not report for decoded keys.
func locate(file string, src []byte) map[string]diag.Pos {
	s := &scanner{src: src, line: 1, col: 1}
	locs := make(map[string]diag.Pos)
	counts := make(map[string]int) // array-of-tables path without indices → elements seen
	prefix := ""
	for s.i < len(s.src) {
		s.skipSpace()
		if s.i >= len(s.src) {
			break
		}
		switch c := s.src[s.i]; {
		case c == '\n' || c == '\r':
			s.advance()
		case c == '#':
			s.skipLine()
		case c == '[':
			pos := s.pos(file)
			s.advance()
			array := s.peek() == '['
			if array {
				s.advance()
			}
			parts := s.keyParts()
			prefix = tablePath(parts, array, counts)
			pos.Key = prefix
			locs[prefix] = pos
			s.skipLine()
		default:
			pos := s.pos(file)
			parts := s.keyParts()
			if len(parts) == 0 { // not a key: give up on this line
				s.skipLine()
				continue
			}
			path := join(prefix, strings.Join(parts, "."))
			pos.Key = path
			if _, dup := locs[path]; !dup {
				locs[path] = pos
			}
			if s.peek() == '=' {
				s.advance()
			}
			s.skipValue()
		}
	}
	return locs
}

// tablePath turns the parts of a table header into a path with the index of
// every array of tables it passes through, counting elements as they appear.
func tablePath(parts []string, array bool, counts map[string]int) string {
	plain, path := "", ""
	for i, p := range parts {
		plain = join(plain, p)
		path = join(path, p)
		last := i == len(parts)-1
		if last && array {
			n := counts[plain]
			counts[plain] = n + 1
			path += "[" + strconv.Itoa(n) + "]"
		} else if n, ok := counts[plain]; ok {
			path += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return path
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

type scanner struct {
	src       []byte
	i         int
	line, col int
}

func (s *scanner) pos(file string) diag.Pos {
	return diag.Pos{File: file, Line: s.line, Col: s.col}
}

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

// advance moves past one rune, keeping line and column (in runes) current.
func (s *scanner) advance() {
	if s.i >= len(s.src) {
		return
	}
	if s.src[s.i] == '\n' {
		s.line++
		s.col = 1
		s.i++
		return
	}
	_, n := utf8.DecodeRune(s.src[s.i:])
	s.i += n
	s.col++
}

func (s *scanner) skipSpace() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.advance()
	}
}

func (s *scanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.advance()
	}
	s.advance()
}

// keyParts reads a dotted key (bare or quoted parts) and stops before '=',
// ']' or the end of the line.
func (s *scanner) keyParts() []string {
	var parts []string
	for {
		s.skipSpace()
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			start := s.i
			s.skipString()
			raw := string(s.src[start:s.i])
			if c == '"' {
				if v, err := strconv.Unquote(raw); err == nil {
					raw = v
				} else {
					raw = strings.Trim(raw, `"`)
				}
			} else {
				raw = strings.Trim(raw, "'")
			}
			parts = append(parts, raw)
		case isBare(c):
			start := s.i
			for isBare(s.peek()) {
				s.advance()
			}
			parts = append(parts, string(s.src[start:s.i]))
		default:
			return parts
		}
		s.skipSpace()
		if s.peek() != '.' {
			return parts
		}
		s.advance()
	}
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// skipString moves past a basic, literal or multi-line string starting at the
// current quote.
func (s *scanner) skipString() {
	q := s.peek()
	multi := s.i+2 < len(s.src) && s.src[s.i+1] == q && s.src[s.i+2] == q
	if multi {
		s.advance()
		s.advance()
		s.advance()
		for s.i < len(s.src) {
			if q == '"' && s.peek() == '\\' {
				s.advance()
				s.advance()
				continue
			}
			if s.i+2 < len(s.src) && s.src[s.i] == q && s.src[s.i+1] == q && s.src[s.i+2] == q {
				// A closing delimiter may carry up to two extra quotes.
				for s.peek() == q {
					s.advance()
				}
				return
			}
			s.advance()
		}
		return
	}
	s.advance()
	for s.i < len(s.src) {
		c := s.peek()
		switch {
		case c == '\n':
			return
		case q == '"' && c == '\\':
			s.advance()
			s.advance()
		case c == q:
			s.advance()
			return
		default:
			s.advance()
		}
	}
}

// skipValue moves past a value, including arrays that span lines, and the
// rest of its line.
func (s *scanner) skipValue() {
	depth := 0
	for s.i < len(s.src) {
		switch c := s.peek(); c {
		case '"', '\'':
			s.skipString()
		case '[', '{':
			depth++
			s.advance()
		case ']', '}':
			depth--
			s.advance()
		case '#':
			for s.i < len(s.src) && s.src[s.i] != '\n' {
				s.advance()
			}
		case '\n':
			s.advance()
			if depth <= 0 {
				return
			}
		default:
			s.advance()
		}
	}
}
