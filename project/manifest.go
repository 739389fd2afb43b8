package project

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/podfeed/podfeed/config"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/filetime"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/publish"
	"github.com/podfeed/podfeed/site"
)

// ManifestFile is written into the output folder after every build. It
// records what the build read (a fingerprint of every input's name, size
// and modification time) and what it wrote, so that the next build can
// tell from file times alone that nothing changed (see [UpToDate]).
// Deleting it is always safe: the next build renders everything again.
const ManifestFile = ".podfeed-build.json"

// manifestVersion changes whenever what a manifest means changes.
const manifestVersion = 3

// manifest is what a manifest file holds: its head, a JSON object, then
// its body, lines (see manifestbody.go), so that [UpToDate] reads the
// outputs of the last build, tens of thousands of them for a big show,
// only when its inputs are those of this one. (Version 1 was one JSON
// object of both.)
type manifest struct {
	manifestHead
	manifestBody
}

// manifestBody is what the build wrote.
type manifestBody struct {
	Outputs []stamp `json:"outputs"`
	// Pages are the episode addresses the build published, slug → guid:
	// the next build leaves a redirect at each one whose episode it
	// publishes under another slug (see pageAddresses).
	Pages map[string]string `json:"pages,omitempty"`
}

// manifestHead is what the build read, and when it was built.
type manifestHead struct {
	Version   int    `json:"version"`
	Generator string `json:"generator"` // BuildOptions.Generator
	Inputs    string `json:"inputs"`    // fingerprint of the inputs the build read; "" if racy
	// Media lists the media, transcript and image files the build read, relative
	// to the show folder: they are only known after decoding the episodes.
	Media []string `json:"media,omitempty"`
	// The build's clock could have been anywhere in [LiveFrom, LiveUntil)
	// for the same outputs: from the newest live episode's time to the
	// next scheduled one's (zero: none).
	LiveFrom  time.Time `json:"live_from"`
	LiveUntil time.Time `json:"live_until"`
}

// stamp is a file's name, size and modification time.
type stamp struct {
	Name    string    `json:"name"`
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
}

// holds reports whether the file in out is still as the stamp records it.
func (s stamp) holds(out string) bool { return pathFolder(out).holds(s) }

// holds reports whether the file in f is still as the stamp s records it.
func (f folder) holds(s stamp) bool {
	now, err := f.stamp(s.Name)
	return err == nil && now.matches(s)
}

// matches reports whether two stamps give the same size and time.
func (s stamp) matches(o stamp) bool { return s.Size == o.Size && s.ModTime.Equal(o.ModTime) }

// fingerprint hashes the names, sizes and modification times of files.
type fingerprint struct {
	h hash.Hash
	// since is when the fingerprint started; racy is set when a file was
	// not settled then (see filetime.Settled).
	since time.Time
	racy  bool
	buf   []byte // info's line
	// seen, when not nil, records what tree found of each file that is
	// not a symbolic link, by its path under the folder tree was given.
	seen map[string]fs.FileInfo
	// listed, with seen, records each folder's entries, in the walk's
	// order (by name), by its path as seen's.
	listed map[string][]fs.DirEntry
}

func newFingerprint() *fingerprint {
	f := &fingerprint{h: sha256.New(), since: time.Now()}
	fmt.Fprintf(f.h, "podfeed manifest %d\n", manifestVersion)
	// The program itself: a new podfeed may render the same input anew.
	if exe, err := os.Executable(); err == nil {
		f.program(exe)
	}
	return f
}

// program adds the program at path: its Go build ID, which names its
// content, where the file has one (ELF: Linux and the BSDs), else its
// name, size and time. `go run` puts one program at a new path each time,
// so name and time alone would never match and no build was up to date.
func (f *fingerprint) program(path string) {
	if id := programOf(path); id != "" {
		fmt.Fprintf(f.h, "program %s\n", id)
		return
	}
	f.file(path)
}

// programOf names the executable at path by its Go build ID and its size
// (a build ID can be set by hand, -ldflags=-buildid); "" when it has no
// build ID.
func programOf(path string) string {
	fi, err := os.Stat(path)
	id := goBuildID(path)
	if err != nil || id == "" {
		return ""
	}
	return fmt.Sprintf("%q %d", id, fi.Size())
}

// goBuildID returns the Go build ID of the ELF executable at path, or "".
func goBuildID(path string) string {
	exe, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer exe.Close()
	note := exe.Section(".note.go.buildid")
	if note == nil {
		return ""
	}
	data, err := note.Data()
	// An ELF note: name size, description size, type, then the name "Go"
	// padded to 4 bytes and the description, the build ID.
	if err != nil || len(data) < 16 || string(data[12:16]) != "Go\x00\x00" {
		return ""
	}
	size := exe.ByteOrder.Uint32(data[4:8])
	if uint64(size) > uint64(len(data)-16) {
		return ""
	}
	return string(data[16 : 16+size])
}

// file adds a file's size and time, or that it is missing.
func (f *fingerprint) file(path string) {
	fi, err := os.Stat(path)
	if err != nil {
		fmt.Fprintf(f.h, "%q missing\n", path)
		return
	}
	f.info(path, fi)
}

func (f *fingerprint) info(path string, fi fs.FileInfo) {
	// Appended by hand, not by fmt: a show of 10,000 episodes adds as
	// many files, and a build after an edit fingerprints them twice.
	b := append(f.buf[:0], path...)
	b = append(b, 0) // no path holds it
	b = strconv.AppendInt(b, fi.Size(), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, fi.ModTime().UnixNano(), 10)
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(fi.Mode()), 10)
	f.buf = append(b, '\n')
	f.h.Write(f.buf)
	if !filetime.Settled(fi.ModTime(), f.since) {
		f.racy = true
	}
}

// tree adds every file under dir (none when it is missing), following
// symbolic links as the loaders do (os.DirFS follows them): a linked file
// adds the file it points to, a linked folder its files, each folder once.
func (f *fingerprint) tree(dir string) { f.walk(dir, map[string]bool{}) }

func (f *fingerprint) walk(dir string, seen map[string]bool) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		fmt.Fprintf(f.h, "%q unreadable\n", dir)
		return
	}
	fmt.Fprintf(f.h, "%q is %q\n", dir, real)
	if seen[real] {
		return
	}
	seen[real] = true
	// Stated on many goroutines, then added in the walk's order: stated one
	// by one, the 10,000 files of a big show's episodes folder took most of
	// an unchanged build.
	steps := statTree(real)
	seenAs := func(path string) string { // its path under dir
		if dir == real {
			return path
		}
		return dir + strings.TrimPrefix(path, real)
	}
	for _, st := range steps {
		path := st.path
		if f.listed != nil && len(st.entries) > 0 {
			f.listed[seenAs(path)] = st.entries
		}
		switch {
		case st.err != nil:
			fmt.Fprintf(f.h, "%q unreadable\n", path)
		case st.d.Type()&fs.ModeSymlink == 0:
			if fi := st.fi; fi != nil {
				f.info(path, fi)
				if f.seen != nil && !fi.IsDir() {
					f.seen[seenAs(path)] = fi
				}
			}
		default:
			target, err := filepath.EvalSymlinks(path)
			fi, serr := os.Stat(path)
			switch {
			case err != nil || serr != nil:
				fmt.Fprintf(f.h, "%q broken link\n", path)
			case fi.IsDir():
				f.walk(path, seen)
			default:
				f.info(path+" -> "+target, fi)
			}
		}
	}
}

// sum returns the fingerprint, or "" when it is racy: an input changed so
// recently that an edit made after it was read could share its size and
// time. A manifest with no fingerprint matches no build, so the next build
// reads everything again.
func (f *fingerprint) sum() string {
	if f.racy {
		return ""
	}
	return hex.EncodeToString(f.h.Sum(nil))
}

// showInputs adds what a show's build reads besides its media files:
// podcast.toml, the episode files, the templates and the artwork file.
func showInputs(f *fingerprint, dir string, cfg *config.Show, showFile fs.FileInfo) {
	showFileInputs(f, dir, cfg, showFile)
	f.tree(filepath.Join(dir, filepath.FromSlash(cfg.Build.Episodes)))
}

// showFileInputs adds what every output of the show is rendered from:
// podcast.toml, the templates and the artwork file.
func showFileInputs(f *fingerprint, dir string, cfg *config.Show, showFile fs.FileInfo) {
	f.info(filepath.Join(dir, config.FileName), showFile)
	f.tree(filepath.Join(dir, site.TemplatesDir))
	if name, ok := address.LocalFile(cfg.Image); ok {
		f.file(filepath.Join(dir, filepath.FromSlash(name)))
	}
}

// mediaInputs adds the media files (relative to the show folder, sorted).
func mediaInputs(f *fingerprint, dir string, files []string) {
	for _, p := range files {
		f.file(filepath.Join(dir, filepath.FromSlash(p)))
	}
}

// mediaFiles lists the media and transcript files the episodes name,
// sorted.
func (s *Show) mediaFiles() []string {
	files := s.transcriptFiles()
	for _, e := range s.Episodes {
		if e.Audio.File != "" {
			files = append(files, e.Audio.File)
		}
	}
	slices.Sort(files)
	return slices.Compact(files)
}

// UpToDate reports whether the outputs that the last build left in the
// output folder are what a build with opts would write now: no input
// changed (by name, size and modification time), the clock is inside the
// window in which the same episodes are live, and every output is still as
// written. It reads podcast.toml and file times only, so a cron build of an
// unchanged show costs next to nothing. Any doubt means false.
//
// When it looked at the inputs, it returns what it saw of them, for a
// build that follows (see LoadOptions.Inputs); else nil.
func UpToDate(dir string, opts BuildOptions) (out string, ok bool, in *Inputs) {
	name := filepath.Join(dir, config.FileName)
	fi, err := os.Stat(name)
	if err != nil {
		return "", false, nil
	}
	src, err := os.ReadFile(name)
	if err != nil {
		return "", false, nil
	}
	cfg, probs := config.Parse(name, src)
	if cfg == nil || probs.Err() != nil {
		return "", false, nil
	}
	out = (&Show{Dir: dir, Config: cfg}).OutputDir(opts.Output)
	mf, err := os.Open(filepath.Join(out, ManifestFile))
	if err != nil {
		return out, false, nil
	}
	defer mf.Close()
	head, body, err := readHead(mf)
	if err != nil || head.Version != manifestVersion || head.Generator != opts.Generator {
		return out, false, nil
	}
	if opts.Now.Before(head.LiveFrom) || !head.LiveUntil.IsZero() && !opts.Now.Before(head.LiveUntil) {
		return out, false, nil
	}
	f := newFingerprint()
	f.seen = make(map[string]fs.FileInfo)
	f.listed = make(map[string][]fs.DirEntry)
	showInputs(f, dir, cfg, fi)
	in = newInputs(dir, fi, src, f)
	mediaInputs(f, dir, head.Media)
	if head.Inputs == "" || f.sum() != head.Inputs {
		return out, false, in
	}
	// One stat per output, tens of thousands for a big show.
	body, err = readRest(mf, body)
	if err != nil {
		return out, false, in
	}
	outDir := openFolder(out)
	defer outDir.close()
	if !bodyHolds(outDir, body) {
		return out, false, in
	}
	return out, true, nil
}

// Inputs is what [UpToDate] saw of a show's inputs: podcast.toml, and the
// names, sizes and times of the files in its folders. Handed to LoadWith
// by LoadOptions.Inputs, it spares a build that follows looking at them
// all again: a show of 10,000 episodes was walked three times.
type Inputs struct {
	dir      string
	showFile fs.FileInfo // podcast.toml, as it was before it was read
	src      []byte      // podcast.toml
	// The fingerprint after showInputs: its hash's state, and its start.
	hash  []byte
	since time.Time
	racy  bool
	files map[string]fs.FileInfo   // by path, as fingerprint.seen
	dirs  map[string][]fs.DirEntry // by path, as fingerprint.listed
}

// newInputs keeps what a fingerprint of the show's inputs in dir saw.
func newInputs(dir string, showFile fs.FileInfo, src []byte, f *fingerprint) *Inputs {
	m, ok := f.h.(encoding.BinaryMarshaler)
	if !ok {
		return nil
	}
	state, err := m.MarshalBinary()
	if err != nil {
		return nil
	}
	return &Inputs{dir: dir, showFile: showFile, src: src, hash: state, since: f.since, racy: f.racy, files: f.seen, dirs: f.listed}
}

// fingerprint returns the fingerprint as it was after showInputs.
func (in *Inputs) fingerprint() (*fingerprint, bool) {
	h := sha256.New()
	if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(in.hash); err != nil {
		return nil, false
	}
	return &fingerprint{h: h, since: in.since, racy: in.racy}, true
}

// stat returns fs.Stat of the file name (relative to the show folder, with
// slashes): as seen, when it was.
func (in *Inputs) stat(name string) (fs.FileInfo, error) {
	path := filepath.Join(in.dir, filepath.FromSlash(name))
	if fi, ok := in.files[path]; ok {
		return fi, nil
	}
	return os.Stat(path)
}

// readDir returns the entries of the folder name (slashes) of the show,
// as the walk listed them, else as os.ReadDir does.
func (in *Inputs) readDir(name string) ([]fs.DirEntry, error) {
	path := filepath.Join(in.dir, filepath.FromSlash(name))
	if entries, ok := in.dirs[path]; ok {
		return entries, nil
	}
	return os.ReadDir(path)
}

// readManifest reads the manifest in out, and its stamp as read.
func readManifest(out string) (*manifest, stamp, error) {
	st, err := stampOf(out, ManifestFile)
	if err != nil {
		return nil, stamp{}, err
	}
	data, err := os.ReadFile(filepath.Join(out, ManifestFile))
	if err != nil {
		return nil, stamp{}, err
	}
	var m manifest
	head, rest, err := decodeHead(data)
	switch {
	case err != nil:
	case head.Version == 1:
		err = json.Unmarshal(data, &m) // its outputs, to remove those the build no longer makes
	default:
		m.manifestHead = head
		m.manifestBody, err = parseBody(rest)
	}
	if err != nil {
		return nil, stamp{}, err
	}
	return &m, st, nil
}

// headBytes is how much of a manifest readHead reads first: its head,
// but for a show with a great many media files.
const headBytes = 16 << 10

// readHead reads the head of the manifest f, and returns it with what it
// read of the body; the rest of the body is left in f. It reads past
// headBytes only when the head is longer: after an edit of a big show,
// UpToDate read a manifest of 3 MB only to find its head out of date.
func readHead(f io.Reader) (head manifestHead, body []byte, err error) {
	buf := make([]byte, headBytes)
	n, err := io.ReadFull(f, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF: // all of it
	case err != nil:
		return head, nil, err
	}
	buf = buf[:n]
	head, rest, err := decodeHead(buf)
	if err != nil && n == headBytes {
		more, rerr := io.ReadAll(f)
		if rerr != nil {
			return head, nil, rerr
		}
		buf = append(buf, more...)
		head, rest, err = decodeHead(buf)
	}
	return head, rest, err
}

// readRest returns have, what was read of f, followed by the rest of f,
// read into one buffer of its size: the body of a big show's manifest,
// 2 MB, took 5 ms to read by io.ReadAll, which grew its buffer ten times,
// and to append to the part read with its head.
func readRest(f *os.File, have []byte) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	at, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, err
	}
	buf := make([]byte, len(have), len(have)+int(max(fi.Size()-at, 0))+1) // 1 more: to see the end
	copy(buf, have)
	for {
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF:
			return buf, nil
		case err != nil:
			return nil, err
		case len(buf) == cap(buf): // it grew since
			buf = slices.Grow(buf, len(buf))
		}
	}
}

// decodeHead decodes the head of a manifest, and returns what follows it.
func decodeHead(data []byte) (head manifestHead, rest []byte, err error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&head); err != nil {
		return head, nil, err
	}
	return head, data[dec.InputOffset():], nil
}

// writeManifest records a finished build in its output folder: the
// manifest text drafted (nil: none yet), with the stamps of the files as
// written.
func (s *Show) writeManifest(out string, text *manifestText, plan *Plan, opts BuildOptions, stamps []stamp) error {
	if text == nil {
		var err error
		if text, err = s.draftManifest(plan, opts, stamps); err != nil {
			return err
		}
	}
	_, err := publish.Write(out, []output.File{{Name: ManifestFile, Data: text.finish(stamps)}}, publish.Options{})
	return err
}

// manifestText is a manifest's text in pieces, drafted while the build's
// last files (its feeds) are still being written: its head, the lines of
// its first outputs, and the lines of its page addresses. Drafted whole,
// a big show's manifest took 20 ms of CPU after the feeds were written,
// half of it to sort 10,000 addresses.
type manifestText struct {
	head, outputs, pages []byte
	done                 int // how many outputs have their lines in outputs
}

// draftManifest drafts the plan's manifest with the stamps of its files
// known: those before the first zero one.
func (s *Show) draftManifest(plan *Plan, opts BuildOptions, stamps []stamp) (*manifestText, error) {
	// s.inputs is "" when the inputs were racy: the manifest still lists
	// the outputs (the next build removes leftovers by it) but matches no
	// build.
	h := manifestHead{Version: manifestVersion, Generator: opts.Generator, Inputs: s.inputs, Media: s.readFiles}
	if len(plan.Live) > 0 {
		h.LiveFrom = plan.Live[0].Published
	}
	if len(plan.Scheduled) > 0 {
		h.LiveUntil = plan.Scheduled[0].Published
	}
	head, err := json.MarshalIndent(h, "", "\t")
	if err != nil {
		return nil, err
	}
	t := &manifestText{head: append(head, '\n'), pages: appendPages(nil, plan.Addresses)}
	for t.done < len(stamps) && stamps[t.done].Name != "" {
		t.done++
	}
	t.outputs = appendOutputs(nil, stamps[:t.done])
	return t, nil
}

// finish returns the manifest's text, with the lines of the outputs after
// those drafted, stamped by stamps.
func (t *manifestText) finish(stamps []stamp) []byte {
	rest := appendOutputs(nil, stamps[t.done:])
	return slices.Concat(t.head, t.outputs, rest, t.pages)
}

// written returns the stamps of the plan's files as they lie in the
// output folder, in the plan's order: a kept file's as the last build
// recorded it (and it still is), the others' as publish.Write gave them in
// files (see publish.Result.Files), which it wrote or found as they were.
// Given the stamps taken while the feeds were written (see stamps), it
// fills in theirs: the others are as they were then.
func (p *Plan) written(files []fs.FileInfo, early []stamp) ([]stamp, error) {
	list := early
	if list == nil {
		list = make([]stamp, len(p.Files))
	}
	if missing := p.fill(list, files); missing != "" {
		return nil, fmt.Errorf("%s: not written", missing)
	}
	return list, nil
}

// stamps is written, which leaves the stamp of a file that files does not
// give zero (the feeds, while they are written), and names the first.
func (p *Plan) stamps(files []fs.FileInfo) (list []stamp, missing string) {
	list = make([]stamp, len(p.Files))
	return list, p.fill(list, files)
}

// fill stamps each file of the plan whose stamp in list is zero, as
// written describes, and names the first it cannot.
func (p *Plan) fill(list []stamp, files []fs.FileInfo) (missing string) {
	for i, f := range p.Files {
		if list[i].Name != "" {
			continue
		}
		switch st := p.kept(i); {
		case st != nil && f.Keep:
			list[i] = *st
		case i < len(files) && files[i] != nil:
			list[i] = stamp{Name: f.Name, Size: files[i].Size(), ModTime: files[i].ModTime()}
		case missing == "":
			missing = f.Name
		}
	}
	return missing
}

// stampsOf returns the stamps of the files names among stamps, by name.
func stampsOf(stamps []stamp, names []string) (map[string]stamp, error) {
	want := make(map[string]bool, len(names))
	for _, n := range names {
		want[n] = true
	}
	found := make(map[string]stamp, len(names))
	for _, st := range stamps {
		if want[st.Name] {
			found[st.Name] = st
		}
	}
	for _, n := range names {
		if _, ok := found[n]; !ok {
			return nil, fmt.Errorf("%s: not written", n)
		}
	}
	return found, nil
}
