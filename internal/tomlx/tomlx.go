// Package tomlx decodes a TOML file into typed values while collecting every
// problem it finds, each with the file, line and column of the key.
//
// BurntSushi/toml stops at the first value of the wrong type and gives no
// positions for decoded keys. So tomlx decodes into plain maps (only syntax
// errors stop it), finds key positions with a small scanner of its own, and
// lets packages config and episodes read each key through a [Table] that
// checks its type and records it as known. [Table.Finish] then reports every
// key that nobody read, with the nearest known key as a hint: typos never
// pass silently.
package tomlx

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/podfeed/podfeed/internal/diag"
)

// Doc is one decoded TOML file.
type Doc struct {
	File    string
	Src     []byte
	locs    map[string]diag.Pos // key positions, found when first asked for
	aliases diag.Aliases        // for the hints of unknown keys; see SetAliases
	// unknown keys of tables with a header, which the root's Finish hints
	// at when they are keys of the root: a line added at the bottom of a
	// file lands in its last table
	misplaced []misplaced
}

// misplaced is an unknown key of a table, kept until the root table knows
// all its keys.
type misplaced struct {
	prob  *diag.Problem
	key   string
	table diag.Pos // the table's header, Key its path
}

// SetAliases sets the synonyms that [Table.Finish] suggests known keys for
// (see [diag.SuggestKey]), for every table of the file.
func (d *Doc) SetAliases(a diag.Aliases) { d.aliases = a }

// positions returns where every key of the file is. Most files decode
// without a problem and nobody asks, so the scan waits for the first
// question. (A Doc is read by one goroutine at a time.)
func (d *Doc) positions() map[string]diag.Pos {
	if d.locs == nil {
		d.locs = locate(d.File, d.Src)
	}
	return d.locs
}

// KeyPos returns the position of key (a path such as "guid" or
// "audio.url") in src, the contents of file, which must decode without a
// syntax error; a key that src does not define gives the file alone.
func KeyPos(file string, src []byte, key string) diag.Pos {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if p, ok := locate(file, src)[key]; ok {
		return p
	}
	return diag.Pos{File: file, Key: key}
}

// Parse decodes src (the contents of file) and returns its root table. On a
// syntax error it records the error with its position in probs and returns
// nil. A leading UTF-8 byte order mark is ignored; invalid UTF-8 is an error
// at the first bad byte.
func Parse(file string, src []byte, probs *diag.List) *Table {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		line, col := offsetPos(src, invalidUTF8Offset(src))
		probs.Add(diag.Pos{File: file, Line: line, Col: col}, "file is not valid UTF-8").
			WithHint("save the file as UTF-8")
		return nil
	}
	if controlChars(file, src, probs) {
		return nil
	}
	m := make(map[string]any)
	if _, err := toml.Decode(string(src), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			syntaxError(file, src, pe, probs)
		} else {
			probs.Add(diag.Pos{File: file}, "%s", err)
		}
		return nil
	}
	doc := &Doc{File: file, Src: src}
	return newTable(doc, "", m, probs)
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func offsetPos(b []byte, off int) (line, col int) {
	line = 1 + bytes.Count(b[:off], []byte("\n"))
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(b[start:off])
}

// Table is one TOML table being read. Every accessor records its key as
// known; accessors report type mismatches themselves and return the zero
// value, so callers only decide what is required and what is valid.
type Table struct {
	doc   *Doc
	path  string // "" for the root, "audio", "chapters[2]"
	m     map[string]any
	probs *diag.List
	order []string // keys read, in order, for suggestions
	// read holds the keys of order once there are more than fewKeys;
	// fewer are looked for in order. A big show's episodes have tens of
	// thousands of small tables (links, chapters, people), whose maps
	// were 12 KB of every episode file decoded.
	read map[string]bool
	// missing holds the problems of required keys found absent, so that a
	// key that is a typo of one (titel for title) is told once, as the typo.
	missing map[string]*diag.Problem
}

// Doc returns the file the table belongs to.
func (t *Table) Doc() *Doc { return t.doc }

// Len returns how many keys the table holds.
func (t *Table) Len() int { return len(t.m) }

// Path returns the table's key path ("" for the root).
func (t *Table) Path() string { return t.path }

// KeyPath returns the full path of key inside t, e.g. "chapters[2].start".
func (t *Table) KeyPath(key string) string { return join(t.path, key) }

// Pos returns the position of key inside t; if the key is absent, the
// position of the table itself; failing that, the file with the key path.
func (t *Table) Pos(key string) diag.Pos {
	full := t.KeyPath(key)
	locs := t.doc.positions()
	if p, ok := locs[full]; ok {
		return p
	}
	if p, ok := locs[full+"[0]"]; ok { // an array of tables: its first header
		p.Key = full
		return p
	}
	if p, ok := locs[t.path]; ok && t.path != "" {
		p.Key = full
		return p
	}
	return diag.Pos{File: t.doc.File, Key: full}
}

// TablePos returns the position of the table's header, or the file.
func (t *Table) TablePos() diag.Pos {
	if p, ok := t.doc.positions()[t.path]; ok && t.path != "" {
		return p
	}
	return diag.Pos{File: t.doc.File, Key: t.path}
}

// Errorf records an error at key and returns it so a hint can be added.
func (t *Table) Errorf(key, format string, args ...any) *diag.Problem {
	return t.probs.Add(t.Pos(key), "%s: %s", t.KeyPath(key), fmt.Sprintf(format, args...))
}

// Warnf records a warning at key.
func (t *Table) Warnf(key, format string, args ...any) *diag.Problem {
	return t.probs.Warn(t.Pos(key), "%s: %s", t.KeyPath(key), fmt.Sprintf(format, args...))
}

func (t *Table) get(key string) (any, bool) {
	if !t.wasRead(key) {
		t.order = append(t.order, key)
		switch {
		case t.read != nil:
			t.read[key] = true
		case len(t.order) > fewKeys:
			t.read = make(map[string]bool, 2*len(t.order))
			for _, k := range t.order {
				t.read[k] = true
			}
		}
	}
	v, ok := t.m[key]
	return v, ok
}

// fewKeys is how many keys read a table looks for in a list rather than a
// map.
const fewKeys = 16

// wasRead reports whether an accessor read key.
func (t *Table) wasRead(key string) bool {
	if t.read != nil {
		return t.read[key]
	}
	return slices.Contains(t.order, key)
}

// Has reports whether key is present, and records it as known.
func (t *Table) Has(key string) bool {
	_, ok := t.get(key)
	return ok
}

// Require reports every key of keys that is absent as a missing required key.
func (t *Table) Require(keys ...string) {
	for _, k := range keys {
		if !t.Has(k) {
			t.Missing(k)
		}
	}
}

// Missing records key as a missing required key of t, at t's header when it
// has one, and returns the problem so that a hint can be added.
func (t *Table) Missing(key string) *diag.Problem {
	pos := t.TablePos()
	pos.Key = t.KeyPath(key)
	p := t.probs.Add(pos, "missing required key %q", t.KeyPath(key))
	if t.missing == nil {
		t.missing = map[string]*diag.Problem{}
	}
	t.missing[key] = p
	return p
}

// Raw returns the decoded value of key as BurntSushi/toml gives it, for keys
// that accept more than one type.
func (t *Table) Raw(key string) (any, bool) { return t.get(key) }

// String returns the string at key, or "" if absent or not a string.
//
// The strings String and [Table.Strings] return are copies: BurntSushi/toml
// cuts most strings out of one copy of the whole file, which a single kept
// title would keep alive (a show of 10,000 episodes held 56 MB of file
// copies that way).
func (t *Table) String(key string) string {
	v, ok := t.get(key)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.wrongType(key, "a string", v)
	}
	return strings.Clone(s)
}

// Int returns the integer at key and whether one was there.
func (t *Table) Int(key string) (int64, bool) {
	v, ok := t.get(key)
	if !ok {
		return 0, false
	}
	n, ok := v.(int64)
	if !ok {
		t.wrongType(key, "an integer", v)
	}
	return n, ok
}

// Bool returns the boolean at key, or nil when it is absent.
func (t *Table) Bool(key string) *bool {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	b, ok := v.(bool)
	if !ok {
		t.wrongType(key, "true or false", v)
		return nil
	}
	return &b
}

// Time returns the offset date-time at key. A local date-time or date (no
// zone) is an error: a feed needs to know the instant an episode goes out.
func (t *Table) Time(key string) (time.Time, bool) {
	v, ok := t.get(key)
	if !ok {
		return time.Time{}, false
	}
	tm, ok := v.(time.Time)
	if !ok {
		t.wrongType(key, "a date-time such as 2025-02-04T09:00:00Z", v)
		return time.Time{}, false
	}
	// BurntSushi/toml marks values written without a zone with these
	// location names (its internal.LocalDatetime and friends).
	if name := tm.Location().String(); name == "datetime-local" || name == "date-local" || name == "time-local" {
		t.Errorf(key, "date-time has no time zone").
			WithHint("add Z for UTC or an offset such as +01:00, e.g. %s", tm.Format("2006-01-02T15:04:05Z"))
		return time.Time{}, false
	}
	return tm, true
}

// OptionalString returns the string at key and whether a string is
// there. A value of another type is reported and treated as absent.
func (t *Table) OptionalString(key string) (string, bool) {
	raw, ok := t.get(key)
	if !ok {
		return "", false
	}
	if _, isString := raw.(string); !isString {
		t.String(key) // reports the wrong type
		return "", false
	}
	return t.String(key), true
}

// EnumError reports v, the value at key, as not one of allowed, suggesting
// the nearest one; explain says what the key takes.
func (t *Table) EnumError(key, v string, allowed []string, explain string) {
	p := t.Errorf(key, "%q is not allowed", v)
	if s := diag.Suggest(v, allowed); s != "" {
		p.WithHint("did you mean %q? %s", s, explain)
	} else {
		p.WithHint("%s", explain)
	}
}

// Strings returns the array of strings at key.
func (t *Table) Strings(key string) []string {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		t.wrongType(key, "an array of strings", v)
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			t.Errorf(key, "element %d: want a string, got %s", i+1, Describe(e)).
				WithHint("write every element of the list in quotes")
			continue
		}
		out = append(out, strings.Clone(s))
	}
	return out
}

// Table returns the sub-table at key, or nil when it is absent.
func (t *Table) Table(key string) *Table {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.wrongType(key, "a table", v)
		return nil
	}
	return t.child(t.KeyPath(key), m)
}

// Tables returns the array of tables at key ([[key]] blocks or an array of
// inline tables).
func (t *Table) Tables(key string) []*Table {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	var ms []map[string]any
	switch arr := v.(type) {
	case []map[string]any:
		ms = arr
	case []any:
		for i, e := range arr {
			m, ok := e.(map[string]any)
			if !ok {
				t.Errorf(key, "element %d: want a table, got %s", i+1, Describe(e)).
					WithHint("write every element as a table, { key = \"…\" }, or each as [[%s]] with its keys below it", t.KeyPath(key))
				continue
			}
			ms = append(ms, m)
		}
	default:
		t.wrongType(key, "an array of tables ([["+key+"]])", v)
		return nil
	}
	out := make([]*Table, len(ms))
	for i, m := range ms {
		out[i] = t.child(t.KeyPath(key)+"["+strconv.Itoa(i)+"]", m)
	}
	return out
}

func (t *Table) child(path string, m map[string]any) *Table {
	return newTable(t.doc, path, m, t.probs)
}

func newTable(doc *Doc, path string, m map[string]any, probs *diag.List) *Table {
	// Most keys of a table are read, each once.
	return &Table{doc: doc, path: path, m: m, probs: probs, order: make([]string, 0, len(m))}
}

// Finish reports every key of t that no accessor read as unknown, with the
// nearest key that was read as a hint. Call it after reading all keys, and
// on the root table last: an unknown key of another table that is a key of
// the root then gets a hint to move it up instead.
func (t *Table) Finish() {
	var unknown []string
	for k := range t.m {
		if !t.wasRead(k) {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		p := t.probs.Add(t.Pos(k), "unknown key %q", t.KeyPath(k))
		if s := diag.SuggestKey(k, t.order, t.doc.aliases); s != "" {
			p.WithHint("did you mean %q?", s)
			// The missing key is this one misspelt: one problem, not two.
			if m, ok := t.missing[s]; ok {
				t.probs.Remove(m)
				delete(t.missing, s)
			}
		}
		if h := t.TablePos(); h.Line > 0 {
			h.Key = t.path
			t.doc.misplaced = append(t.doc.misplaced, misplaced{prob: p, key: k, table: h})
		}
	}
	if t.path != "" {
		return
	}
	for _, m := range t.doc.misplaced {
		if !t.wasRead(m.key) {
			continue
		}
		fix := "move it above the first [...] line"
		if _, set := t.m[m.key]; set {
			fix = "the whole file sets it already: change that line, or delete this one"
			if pos := t.Pos(m.key); pos.Line > 0 {
				fix = fmt.Sprintf("the whole file sets it already at line %d: change that line, or delete this one", pos.Line)
			}
		}
		m.prob.WithHint("%s is a key of the whole file, but this line is in the %s table that starts at line %d "+
			"(every key below a [...] line belongs to it): %s",
			m.key, headerText(m.table.Key), m.table.Line, fix)
	}
}

func (t *Table) wrongType(key, want string, v any) {
	t.Errorf(key, "want %s, got %s", want, Describe(v)).WithHint("%s", typeHint(t.KeyPath(key), key, want, v))
}

// typeHint says how to write a value of the type want at key (path is its
// full path, for a table's header), from the value v that was there when
// it can.
func typeHint(path, key, want string, v any) string {
	s, isStr := v.(string)
	switch {
	case want == "true or false":
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "yes", "on":
			return fmt.Sprintf("write %s = true, without quotes", key)
		case "false", "no", "off":
			return fmt.Sprintf("write %s = false, without quotes", key)
		}
		return fmt.Sprintf("write %s = true or %s = false, without quotes", key, key)
	case want == "a string":
		switch x := v.(type) {
		case int64, float64, bool:
			return fmt.Sprintf("write %s = %q, in quotes", key, fmt.Sprint(x))
		}
		return fmt.Sprintf(`write %s = "…", in quotes`, key)
	case want == "an integer":
		if _, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); isStr && err == nil {
			return fmt.Sprintf("write %s = %s, without quotes", key, strings.TrimSpace(s))
		}
		return fmt.Sprintf("write %s as a whole number, without quotes", key)
	case strings.HasPrefix(want, "a date-time"):
		if isStr {
			if _, err := time.Parse(time.RFC3339, strings.TrimSpace(s)); err == nil {
				return fmt.Sprintf("write %s = %s, without quotes", key, strings.TrimSpace(s))
			}
		}
		return fmt.Sprintf("write the date, the time and a zone without quotes, such as %s = 2025-02-04T09:00:00Z", key)
	case want == "an array of strings":
		if isStr {
			return fmt.Sprintf("write a list in brackets, even of one: %s = [%q]", key, s)
		}
		return fmt.Sprintf(`write a list in brackets: %s = ["…", "…"]`, key)
	case want == "a table":
		return fmt.Sprintf("write [%s] on a line of its own, with its keys on the lines below it", path)
	default: // an array of tables
		return fmt.Sprintf("write [[%s]] on a line of its own, with its keys on the lines below it, once for each", path)
	}
}

// Describe names a decoded value's TOML type for messages, with the value
// when it is short: `string "55"`, "integer 3", "an array".
func Describe(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) <= 20 {
			return "string " + strconv.Quote(x)
		}
		return "a string"
	case int64:
		return "integer " + strconv.FormatInt(x, 10)
	case float64:
		return "float " + strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return "boolean " + strconv.FormatBool(x)
	case time.Time:
		return "a date-time"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	default:
		return fmt.Sprintf("%T", v)
	}
}
