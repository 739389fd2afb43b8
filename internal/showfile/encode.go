package showfile

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/internal/timecode"
)

// wrapWidth is the line length past which long text is continued on the
// next line of a multi-line string.
const wrapWidth = 100

// tomlWriter writes TOML by hand, so that keys come in podfeed's order and
// long text reads as prose.
type tomlWriter struct {
	b strings.Builder
}

func (w *tomlWriter) comment(text string) {
	if text == "" {
		return
	}
	text = strings.ToValidUTF8(text, "\uFFFD")
	for _, line := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		// Comments may hold no control character but tab.
		line = strings.Map(func(r rune) rune {
			if (r < 0x20 && r != '\t') || r == 0x7f {
				return '\uFFFD'
			}
			return r
		}, line)
		if line == "" {
			w.b.WriteString("#\n")
			continue
		}
		w.b.WriteString("# " + line + "\n")
	}
}

func (w *tomlWriter) header(name string, array bool) {
	if w.b.Len() > 0 {
		w.b.WriteByte('\n')
	}
	if array {
		fmt.Fprintf(&w.b, "[[%s]]\n", name)
	} else {
		fmt.Fprintf(&w.b, "[%s]\n", name)
	}
}

// link writes one [[links]] table, the same for the show and an episode.
func (w *tomlWriter) link(group, title, url, note string) {
	w.header("links", true)
	w.str("group", group)
	w.strAlways("title", title)
	w.strAlways("url", url)
	w.str("note", note)
}

// str writes key = "value" unless value is empty.
func (w *tomlWriter) str(key, value string) {
	if value != "" {
		w.strAlways(key, value)
	}
}

func (w *tomlWriter) strAlways(key, value string) {
	if strings.Contains(value, "\n") {
		w.text(key, value)
		return
	}
	fmt.Fprintf(&w.b, "%s = %s\n", key, quote(value))
}

// text writes a long string as a multi-line string, wrapping lines longer
// than wrapWidth with line-ending backslashes, as the example episode does.
func (w *tomlWriter) text(key, value string) {
	if value == "" {
		return
	}
	if !strings.Contains(value, "\n") && len(key)+len(value)+5 <= wrapWidth {
		fmt.Fprintf(&w.b, "%s = %s\n", key, quote(value))
		return
	}
	fmt.Fprintf(&w.b, "%s = \"\"\"\n%s\"\"\"\n", key, multiline(value))
}

func (w *tomlWriter) integer(key string, n int64) {
	if n != 0 {
		fmt.Fprintf(&w.b, "%s = %d\n", key, n)
	}
}

func (w *tomlWriter) boolean(key string, v bool) {
	fmt.Fprintf(&w.b, "%s = %t\n", key, v)
}

func (w *tomlWriter) raw(key, value string) {
	fmt.Fprintf(&w.b, "%s = %s\n", key, value)
}

// inlineArray writes a short array on one line.
func (w *tomlWriter) inlineArray(key string, values []string) {
	if len(values) == 0 {
		return
	}
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quote(v)
	}
	fmt.Fprintf(&w.b, "%s = [%s]\n", key, strings.Join(q, ", "))
}

// longArray writes an array with one value per line.
func (w *tomlWriter) longArray(key string, values []string) {
	if len(values) == 0 {
		return
	}
	fmt.Fprintf(&w.b, "%s = [\n", key)
	for _, v := range values {
		fmt.Fprintf(&w.b, "  %s,\n", quote(v))
	}
	w.b.WriteString("]\n")
}

// Quote returns s as a TOML basic string, with quotes, backslashes and
// control characters escaped.
func Quote(s string) string { return quote(s) }

// quote writes s as a TOML basic string.
func quote(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			writeRune(&b, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// writeRune writes r, escaping control characters TOML does not allow raw.
func writeRune(b *strings.Builder, r rune) {
	if r < 0x20 || r == 0x7f {
		fmt.Fprintf(b, `\u%04X`, r)
		return
	}
	b.WriteRune(r)
}

// multiline returns the body of a multi-line basic string holding s:
// backslashes and control characters escaped, a quote escaped when another
// quote or the closing delimiter follows it, and every line longer than
// wrapWidth broken after a space with a line-ending backslash (which TOML
// removes together with the newline).
func multiline(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var esc strings.Builder
	for i, r := range s {
		switch r {
		case '\\':
			esc.WriteString(`\\`)
		case '"':
			if i+1 == len(s) || s[i+1] == '"' {
				esc.WriteString(`\"`)
			} else {
				esc.WriteByte('"')
			}
		case '\n', '\t':
			esc.WriteRune(r)
		case '\r':
			esc.WriteString(`\r`)
		default:
			writeRune(&esc, r)
		}
	}
	lines := strings.Split(esc.String(), "\n")
	var out strings.Builder
	for i, line := range lines {
		if i > 0 {
			out.WriteByte('\n')
		}
		out.WriteString(wrap(line))
	}
	return out.String()
}

// wrap breaks an escaped line into pieces of at most wrapWidth characters
// where it can: after a space that a non-space follows, so that nothing is
// lost when TOML trims the next line's leading white space.
func wrap(line string) string {
	var out strings.Builder
	for utf8.RuneCountInString(line) > wrapWidth {
		cut := -1
		count := 0
		for i, r := range line {
			count++
			if count > wrapWidth {
				break
			}
			if r == ' ' && i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' && i > 0 {
				cut = i + 1
			}
		}
		if cut < 0 {
			break // one long word: leave the line long
		}
		out.WriteString(line[:cut] + "\\\n")
		line = line[cut:]
	}
	out.WriteString(line)
	return out.String()
}

// EncodeShow writes s as a podcast.toml: keys in the order of podfeed's
// design, the description as a multi-line string, comment (when not empty)
// at the top as # lines. Defaults are left out: the [build] table when it
// holds the default folders.
func EncodeShow(s *config.Show, comment string) []byte {
	w := &tomlWriter{}
	w.comment(comment)
	w.strAlways("title", s.Title)
	w.text("description", s.Description)
	w.strAlways("link", s.Link)
	w.strAlways("feed_url", s.FeedURL)
	w.strAlways("language", s.Language)
	w.str("author", s.Author)
	w.strAlways("image", s.Image)
	cats := make([]string, len(s.Categories))
	for i, c := range s.Categories {
		cats[i] = c.String()
	}
	w.inlineArray("categories", cats)
	w.boolean("explicit", s.Explicit)
	if s.Type != "" {
		w.str("type", s.Type)
	}
	w.str("copyright", s.Copyright)
	w.str("guid", s.GUID)
	if s.Locked != nil {
		w.boolean("locked", s.Locked.Locked)
	}
	w.str("medium", s.Medium)
	w.showKeys(s)
	if s.LinkPages {
		w.boolean("link_pages", true)
	}
	if s.Owner.Name != "" || s.Owner.Email != "" {
		w.header("owner", false)
		w.str("name", s.Owner.Name)
		w.str("email", s.Owner.Email)
	}
	for _, l := range s.Links {
		w.link(l.Group, l.Title, l.URL, l.Note)
	}
	for _, f := range s.Funding {
		w.header("funding", true)
		w.strAlways("url", f.URL)
		w.str("text", f.Text)
	}
	for _, d := range s.Directories {
		w.header("directories", true)
		w.strAlways("name", d.Name)
		w.strAlways("url", d.URL)
	}
	w.showTables(s)
	if n := s.Notify; len(n.Hubs) > 0 || n.Podping {
		w.header("notify", false)
		w.inlineArray("hubs", n.Hubs)
		if n.Podping {
			w.boolean("podping", true)
		}
	}
	def := config.Default().Build
	if (s.Build.Episodes != "" && s.Build.Episodes != def.Episodes) || (s.Build.Output != "" && s.Build.Output != def.Output) {
		w.header("build", false)
		if s.Build.Episodes != def.Episodes {
			w.str("episodes", s.Build.Episodes)
		}
		if s.Build.Output != def.Output {
			w.str("output", s.Build.Output)
		}
	}
	return []byte(w.b.String())
}

// EncodeEpisode writes ep as an episode file: keys in the order of podfeed's
// design (takeaways before the tables, as TOML needs), the summary as a
// multi-line string, comment (when not empty) at the top as # lines.
// Defaults are left out: episode_type "full", draft false, an unset
// explicit. A draft without audio gets the [audio] table it still needs as
// comments.
func EncodeEpisode(ep *episodes.Episode, comment string) []byte {
	w := &tomlWriter{}
	w.comment(comment)
	w.strAlways("title", ep.Title)
	w.integer("number", int64(ep.Number))
	w.integer("season", int64(ep.Season))
	if ep.EpisodeType != "" && ep.EpisodeType != episodes.TypeFull {
		w.str("episode_type", ep.EpisodeType)
	}
	if !ep.Published.IsZero() {
		w.raw("published", FormatDate(ep.Published))
	}
	if ep.Draft {
		w.boolean("draft", true)
	}
	w.str("guid", ep.GUID)
	w.text("summary", ep.Summary)
	if ep.Explicit != nil {
		w.boolean("explicit", *ep.Explicit)
	}
	w.str("image", ep.Image)
	w.inlineArray("keywords", ep.Keywords)
	w.str("link", ep.Link)
	w.longArray("takeaways", ep.Takeaways)
	if ep.Block {
		w.boolean("block", true)
	}
	w.licenseKeys(ep.License)

	a := ep.Audio
	if a.URL != "" || a.File != "" || a.Length > 0 || a.Type != "" || a.Duration > 0 {
		w.header("audio", false)
		w.str("url", a.URL)
		if a.Length == 0 && a.URL != "" && a.File == "" {
			w.raw("length", "0  # unknown: podfeed check --remote asks the media host")
		} else {
			w.integer("length", a.Length)
		}
		w.str("type", a.Type)
		if a.Duration > 0 {
			w.str("duration", timecode.Format(a.Duration, timecode.Short))
		}
		w.str("file", a.File)
	} else {
		w.b.WriteByte('\n')
		w.comment(`The media file is still to come: uncomment [audio] and fill it in (or
give it file = "media/…" to read length, type and duration from a local
file), then remove draft = true to publish.
[audio]
url = "https://` + episodes.PlaceholderMediaHost + `/` + ep.Slug + `.mp3"
length = ` + strconv.Itoa(episodes.PlaceholderLength) + `  # bytes
type = "audio/mpeg"
duration = "35:14"`)
	}
	for _, c := range ep.Chapters {
		w.header("chapters", true)
		w.strAlways("start", timecode.Format(c.Start, timecode.Short))
		w.strAlways("title", c.Title)
		w.str("url", c.URL)
		w.str("image", c.Image)
	}
	for _, l := range ep.Links {
		w.link(l.Group, l.Title, l.URL, l.Note)
	}
	w.people(ep.People)
	w.episodeTables(ep)
	return []byte(w.b.String())
}
