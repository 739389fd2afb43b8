package project

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/podfeed/podfeed/artwork"
	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/filetime"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/pack"
	"github.com/podfeed/podfeed/internal/par"
	"github.com/podfeed/podfeed/internal/publish"
	"github.com/podfeed/podfeed/site"
)

// IncrementalFile is the incremental build's cache, a folder written into
// the output folder after every build beside the manifest: what the build
// decoded, so that the next one reads again only the episode files that
// changed, and what it published and rendered, so that the next one need
// not read its feeds back nor render again what did not change. Every
// entry is trusted only while what it stands for is as it was, by size and
// modification time under the rule of package internal/filetime: an
// episode file for its decoded episode, the published feed pages for their
// items, an output file for its key. A cache written by another podfeed is
// not read at all. Deleting it is always safe: the next build decodes and
// renders everything again.
//
// The decoded episodes are spread over episodeShards files by a hash of
// their file names, so that an edit writes one of them again, not all; a
// mix of shards from several builds is as good as any, since each episode
// stands or falls by its own file. So is the outputs file, the outputs a
// later build may keep, each by its own stamp. They, the shards and the
// items file (the feeds' items, and the feed as the guard reads it back)
// are written while the build's feeds still are, and the build file,
// where the items lie in the feeds as written, after; the items file is
// read only with the build file that names its checksum (see incremental).
//
// Each shard keeps an episode's detail (see episodeDetail) apart from the
// rest of it: a build that loads its show with LoadOptions.Partial holds
// the rest of each episode in memory, and reads the detail from the shard,
// kept open, only for the episodes it renders again.
//
// Every file of the cache is written by package internal/pack, which reads
// the episodes back in less than half of encoding/gob's time and with a
// ninth of its allocations. Its form holds no types, so each file starts
// with a head that names the podfeed that wrote it (see cacheHead), and
// ends with the CRC-32 (Castagnoli) of the rest. Since a file torn by a
// crash is found out so, the cache is not synced to disk: that saved an
// edit three fsyncs.
//
// The folder also holds the feeds the last builds replaced (sparesFolder),
// whose disk space the next build writes its feeds into.
const IncrementalFile = ".podfeed-incremental"

const (
	// incrementalVersion changes whenever what the cache holds changes.
	incrementalVersion = 10
	// outputsFile is the cache's file of the outputs a later build may
	// keep, itemsFile of the feeds' items and what was published, and
	// buildFile of where the items lie in the feeds as written.
	outputsFile = "outputs"
	itemsFile   = "items"
	buildFile   = "build"
	// episodeShards is how many files hold the decoded episodes.
	episodeShards = 64
	// sparesFolder is the cache's folder of the feeds the last builds
	// replaced, which the next one fills again instead of new files (see
	// publish.Options.Spares).
	sparesFolder = "spare"
)

// shardFile is the name of episode shard i in the cache folder.
func shardFile(i int) string { return fmt.Sprintf("episodes-%02d", i) }

// shardOf is the shard that holds the episode file name.
func shardOf(name string) int {
	h := fnv.New32a()
	h.Write([]byte(name))
	return int(h.Sum32() % episodeShards)
}

// cacheHead starts every file of the cache: a file whose head is not this
// podfeed's, or whose checksum does not match, is not read.
type cacheHead struct {
	Version int
	Program string // programID of the podfeed that wrote it
}

// cacheSums is the table of the checksum that ends every file of the cache.
var cacheSums = crc32.MakeTable(crc32.Castagnoli)

// incremental is what the cache records of a build, in three files: what
// a build knows once the files other than its feeds are written, the
// outputs file (buildEarly) and the items file (buildItems), written
// while the feeds still are (see prepare); and the rest, the build file
// (buildLate). Each entry of the outputs file stands by its own stamps,
// whatever became of the others; the items file stands with the build
// file that names it (buildLate.ItemsSum).
type incremental struct {
	buildEarly
	buildItems
	buildLate
	// Items are the feeds' items as read: Records with their Parts.
	Items []cachedItem
}

// buildEarly is the content of the outputs file.
type buildEarly struct {
	// Outputs are the episodes' outputs that a later build may keep (see
	// keep.go), in the order the build wrote them: each with the key of
	// the inputs it was rendered from and its size and time as written.
	Outputs []keptOutput
	// Artwork is the site's copies of the show's artwork, and the file
	// they were resized from; nil when none.
	Artwork *cachedArtwork
	// Show is the key of the show's own inputs (Show.showKey) the build
	// rendered its outputs from.
	Show string
}

// buildItems is the content of the items file: what a build knows of its
// feeds before they are written. After an edit of a big show, the build
// file took 15 ms to write once the feeds were, four fifths of it this.
type buildItems struct {
	// PublishedFeed is what the build published in feed.xml and its
	// archive pages, as the guard reads it; nil when unknown. It stands
	// for the pages buildLate.PublishedPages.
	PublishedFeed *publish.Feed
	// Records are the feeds' items that have a key, in the feeds' order.
	Records []itemRecord
	// ListFiles are the pages of the episode list past the first that
	// the items' entries lie in (itemRecord.Entry), as written.
	ListFiles []stamp
}

// buildLate is the content of the build file.
type buildLate struct {
	// ItemsSum is the checksum of the items file the build wrote, which
	// the rest stands with: a build cut short may have written another.
	ItemsSum uint32
	// PublishedPages are the files of the feed pages that PublishedFeed
	// stands for, as written.
	PublishedPages []stamp
	// Parts are where the items (Records) lie in FeedFiles, the feed
	// files as written.
	Parts     []itemParts
	FeedFiles []stamp
}

// cachedArtwork is the site's copies of the show's artwork file, and the
// file's name (relative to the show folder, with slashes), size and time
// when it was resized.
type cachedArtwork struct {
	Name    string
	Size    int64
	ModTime int64 // Unix nanoseconds
	Copies  artwork.Copies
}

// cachedItem is an episode's items in the feed files: the key of what
// they were rendered from (see keep.go), where they lie in each format,
// and the warnings rendering them gave.
type cachedItem struct {
	itemRecord
	itemParts
}

// itemRecord is what the items file records of an episode's items.
type itemRecord struct {
	GUID, Key string
	Entry     listEntry
	Warnings  diag.List
}

// itemParts is where an episode's items lie in the feed files.
type itemParts struct {
	RSS, Atom, JSON filePart
}

// listEntry is where an episode's entry lies on a page of the episode list
// past the first (see site.Options.Entries): Len bytes from Off in
// ListFiles[Page-1]; Page 0 for none. An index, not the file's name: a
// build after an edit reads and writes 10,000 of them.
type listEntry struct {
	Page     int
	Off, Len int64
}

// filePart is a run of bytes of a file of the output folder.
type filePart struct {
	File     string
	Off, Len int64
}

// keptOutput is an output file as the build that wrote it recorded it:
// the key of its inputs, and its stamp.
type keptOutput struct {
	Key  string
	File stamp
}

// cachedEpisode is an episode file's decoded episode, and the file's size
// and time when it was read.
type cachedEpisode struct {
	Name    string // relative to the show folder, with slashes
	Size    int64
	ModTime int64 // Unix nanoseconds
	Decoded episodes.Decoded
}

// publishedFeed is the published feed as the guard and the redirects read
// it, and the feed pages it stands for as they were written.
type publishedFeed struct {
	Pages []stamp
	Feed  publish.Feed
}

// programID names the running podfeed by its Go build ID and size (see
// programOf); "" when it has none, and then nothing is cached.
func programID() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	return programOf(exe)
}

// cloneEpisode copies e so that what project changes in a loaded episode
// does not reach the copy: Audio, GUID and File are values, and the
// chapters and transcripts are slices of their own (media.go appends the
// media file's chapters, artwork.go rewrites a chapter's image address,
// transcripts.go a transcript file's address). TestCacheKeepsEpisodesAsDecoded
// catches a change that reaches the cache.
func cloneEpisode(e *episodes.Episode) *episodes.Episode {
	c := *e
	c.Chapters = slices.Clone(e.Chapters)
	c.Transcripts = slices.Clone(e.Transcripts)
	return &c
}

// incrementalCache is a build's view of the cache: what the last build
// left (old), and what this one records for the next (next).
type incrementalCache struct {
	program string
	codecs  *cacheCodecs // nil when pack cannot write what the cache holds
	old     *incremental
	since   time.Time // when the show was loaded
	// partial is set when the episodes taken from the cache come without
	// their detail (see LoadOptions.Partial); details holds where each
	// one's lies until complete reads it.
	partial bool
	details map[*episodes.Episode]detailRef
	// window is how many bytes complete reads at a time for summaries:
	// summaryWindow, unless a test sets less.
	window int64

	oldEpisodes map[string]shardEntry // the last build's, by name
	reused      atomic.Int64          // episode files not read again
	mu          sync.Mutex
	next        *incremental
	// episodes are the episodes this build records, and dirty the shards
	// that differ from the last build's: one of their episodes was decoded
	// anew or left.
	episodes []shardEntry
	dirty    [episodeShards]bool
	// stamps are the sizes and times of the episode files loaded, by
	// name, when they are to be trusted (see filetime.Settled).
	stamps map[string]string
	// read is the published feed as this build read it from its files.
	read *publishedFeed
	// prepared is set once prepare wrote the shards, the outputs file and
	// the items file, whose checksum is itemsSum.
	prepared bool
	itemsSum uint32
}

// openIncremental reads the cache in the output folder out. A cache that
// is missing, unreadable or written by another podfeed is an empty one.
// When partial, the episodes it gives come without their detail, which
// complete reads.
func openIncremental(out string, since time.Time, partial bool) *incrementalCache {
	c := &incrementalCache{program: programID(), since: since, partial: partial}
	c.next = &incremental{}
	c.codecs, _ = newCacheCodecs() // TestCacheCodecs makes sure there are
	n := 0
	if c.program == "" || c.codecs == nil {
		c.program = "" // nothing cached
	} else {
		n = c.load(out)
	}
	// Sized once: grown from nothing, the maps of 10,000 episodes took
	// 20 ms to grow.
	c.stamps = make(map[string]string, n)
	if partial {
		c.details = make(map[*episodes.Episode]detailRef, n)
	}
	return c
}

// load reads the cache's files in out into c, and returns how many
// episodes it holds; a file that is missing, unreadable or written by
// another podfeed is as if empty.
func (c *incrementalCache) load(out string) int {
	partial := c.partial
	dir := filepath.Join(out, IncrementalFile)
	// The build file, the outputs file and the shards are decoded on every
	// core: decoding costs more than reading them. The biggest first:
	// started last, they kept the others waiting.
	var (
		old      incremental
		buildErr error
		shards   = make([][]shardEntry, episodeShards)
		open     = make([]*os.File, episodeShards) // the shards' files left open, when partial
	)
	head := c.head()
	// Partial, a shard's episodes keep a copy of what they need of it, so
	// each core reads its shards into one buffer: 35 MB less to allocate
	// and collect at N = 10,000.
	buffers := make(chan []byte, runtime.GOMAXPROCS(0))
	// readWhole reads the cache file name whole with read, and closes it.
	readWhole := func(name string, read func(body string, sum uint32) error) error {
		f, err := readCacheFile(filepath.Join(dir, name), head, c.codecs.head, nil, func(_ *os.File, body string, _ int64, sum uint32) error {
			return read(body, sum)
		})
		if err == nil {
			f.Close() // read only
		}
		return err
	}
	var (
		itemsErr error
		itemsSum uint32
	)
	par.Do(3+episodeShards, func(i int) {
		switch i {
		case 0:
			if err := readWhole(outputsFile, func(body string, _ uint32) error { return readAll(c.codecs.early, body, &old.buildEarly) }); err != nil {
				old.buildEarly = buildEarly{} // nothing kept
			}
			return
		case 1:
			buildErr = readWhole(buildFile, func(body string, _ uint32) error { return readAll(c.codecs.late, body, &old.buildLate) })
			return
		case 2:
			itemsErr = readWhole(itemsFile, func(body string, sum uint32) error {
				itemsSum = sum
				return readAll(c.codecs.items, body, &old.buildItems)
			})
			return
		}
		i -= 3
		var buf *[]byte // nil: the episodes are pieces of the shard
		if partial {
			var b []byte
			select {
			case b = <-buffers:
			default:
			}
			buf = &b
			defer func() { buffers <- *buf }()
		}
		f, err := readCacheFile(filepath.Join(dir, shardFile(i)), head, c.codecs.head, buf, func(f *os.File, body string, off int64, _ uint32) (err error) {
			var at io.ReaderAt // nil: each detail is read with the rest
			if partial {
				at = f
			}
			shards[i], err = readShard(c.codecs, body, at, off)
			return err
		})
		switch {
		case err == nil && partial:
			open[i] = f // for the details
		case err == nil:
			f.Close() // the details were read with the rest
		}
		if err != nil {
			shards[i] = nil
			c.dirty[i] = true
		}
	})
	if buildErr != nil {
		for i := range c.dirty {
			c.dirty[i] = true // all written anew by save
		}
		for _, f := range open {
			if f != nil {
				f.Close() // their episodes are not used
			}
		}
		return 0
	}
	// The items file read is the one the build file stands with, or
	// neither's items, nor the published feed, are known.
	if itemsErr == nil && old.ItemsSum == itemsSum && len(old.Parts) == len(old.Records) {
		old.Items = make([]cachedItem, len(old.Records))
		for i := range old.Items {
			old.Items[i] = cachedItem{old.Records[i], old.Parts[i]}
		}
	} else {
		old.buildItems = buildItems{}
	}
	old.Records, old.Parts = nil, nil
	c.old = &old
	n := 0
	for _, shard := range shards {
		n += len(shard)
	}
	c.oldEpisodes = make(map[string]shardEntry, n)
	for _, shard := range shards {
		for _, e := range shard {
			c.oldEpisodes[e.Name] = e
		}
	}
	return n
}

// cacheCodecs are the codecs of the cache's files: the head, the build
// file, and an episode of a shard without its detail and its detail (and
// the summary alone, which starts it).
type cacheCodecs struct {
	head    *pack.Codec[cacheHead]
	early   *pack.Codec[buildEarly] // the outputs file
	items   *pack.Codec[buildItems] // the items file
	late    *pack.Codec[buildLate]  // the build file
	episode *pack.Codec[cachedEpisode]
	detail  *pack.Codec[episodeDetail]
	summary *pack.Codec[detailSummary] // reads the start of a detail's record
}

func newCacheCodecs() (*cacheCodecs, error) {
	var (
		c    cacheCodecs
		errs [7]error
	)
	c.head, errs[0] = pack.For[cacheHead]()
	c.early, errs[1] = pack.For[buildEarly]()
	c.items, errs[2] = pack.For[buildItems]()
	c.late, errs[3] = pack.For[buildLate]()
	c.episode, errs[4] = pack.For[cachedEpisode]()
	c.detail, errs[5] = pack.For[episodeDetail]()
	c.summary, errs[6] = pack.For[detailSummary]()
	if err := errors.Join(errs[:]...); err != nil {
		return nil, err
	}
	return &c, nil
}

// head is the head of the files this podfeed writes.
func (c *incrementalCache) head() cacheHead {
	return cacheHead{Version: incrementalVersion, Program: c.program}
}

// readCacheFile reads the cache file name and hands the file, its body
// (what follows its head), the body's offset in the file and the file's
// checksum to read, when its head is head and its checksum matches. It
// returns the file open, unless it fails: the caller closes it.
//
// The body is read into memory of its own, which what read decodes may
// keep pieces of, unless buf is not nil: then into *buf, grown as needed,
// for a read that keeps nothing of body.
func readCacheFile(name string, head cacheHead, heads *pack.Codec[cacheHead], buf *[]byte, read func(f *os.File, body string, off int64, sum uint32) error) (_ *os.File, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.Size() < crc32.Size {
		return nil, errors.New("torn: too short")
	}
	// Read whole in one go, and taken as a string without a copy: 43 MB
	// for a show of 10,000 episodes, which the decoded episodes' strings
	// are pieces of. Nothing writes to data while read runs.
	var data []byte
	if buf == nil {
		data = make([]byte, fi.Size())
	} else {
		*buf = slices.Grow((*buf)[:0], int(fi.Size()))
		data = (*buf)[:fi.Size()]
	}
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, err
	}
	body, sum := data[:len(data)-crc32.Size], binary.LittleEndian.Uint32(data[len(data)-crc32.Size:])
	if sum != crc32.Checksum(body, cacheSums) {
		return nil, errors.New("torn: its checksum does not match")
	}
	var got cacheHead
	rest, err := heads.Read(unsafe.String(unsafe.SliceData(body), len(body)), &got)
	switch {
	case err != nil:
		return nil, err
	case got != head:
		return nil, errors.New("written by another podfeed")
	}
	if err := read(f, rest, int64(len(body)-len(rest)), sum); err != nil {
		return nil, err
	}
	return f, nil
}

// readAll reads data, all of it, into v. The strings of v are pieces of
// data.
func readAll[T any](codec *pack.Codec[T], data string, v *T) error {
	rest, err := codec.Read(data, v)
	if err == nil && rest != "" {
		err = errors.New("trailing bytes")
	}
	return err
}

// cacheFile is the cache file name: head, the body that write writes,
// and their checksum, streamed into place; the checksum is also set in
// sum, when not nil, once written.
func cacheFile(name string, head cacheHead, heads *pack.Codec[cacheHead], sum *uint32, write func(io.Writer) error) output.File {
	return output.File{Name: name, Stream: func(w io.Writer) error {
		h := crc32.New(cacheSums)
		both := io.MultiWriter(w, h)
		if _, err := both.Write(heads.Append(nil, &head)); err != nil {
			return err
		}
		if err := write(both); err != nil {
			return err
		}
		if sum != nil {
			*sum = h.Sum32()
		}
		_, err := w.Write(binary.LittleEndian.AppendUint32(nil, h.Sum32()))
		return err
	}}
}

// shardEntry is an episode of a shard, decoded, and where its bytes lie
// in the shard the build read (bare, its record without its detail, ""
// for an episode decoded anew; detail, its detail's): a shard written
// again copies those of the episodes it keeps. So an episode read from the
// cache is handed on as it is, not copied, though project changes it (see
// cloneEpisode): what the cache keeps of it is its bytes.
type shardEntry struct {
	*cachedEpisode
	bare   string
	detail detailRef
}

// detailRef is where the record of a cached episode's detail lies: in
// memory (raw), or n bytes at off of a shard file kept open (at).
type detailRef struct {
	raw    string
	at     io.ReaderAt
	off, n int64
}

// record returns the record.
func (r detailRef) record() (string, error) {
	if r.at == nil {
		return r.raw, nil
	}
	b := make([]byte, r.n)
	if _, err := r.at.ReadAt(b, r.off); err != nil {
		return "", fmt.Errorf("read an episode's detail in the incremental cache: %w", err)
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// A shard's body is how many episodes it holds, then for each its record
// without its detail and its detail's record, each after its length.

// readShard reads a shard's body. With at nil, each episode is read
// whole, its strings pieces of body. Else body lies at off of at, and
// each episode is read without its detail, which stays where it lies:
// the records without their details are copied out of body first, so
// that the episodes hold on to them alone.
func readShard(codecs *cacheCodecs, body string, at io.ReaderAt, off int64) ([]shardEntry, error) {
	n, size := binary.Uvarint([]byte(body[:min(len(body), binary.MaxVarintLen64)]))
	if size <= 0 || n > uint64(len(body)) {
		return nil, errors.New("no count of episodes")
	}
	rest := body[size:]
	// next returns the next record, and where in body it starts.
	next := func() (string, int, error) {
		n, size := binary.Uvarint([]byte(rest[:min(len(rest), binary.MaxVarintLen64)]))
		if size <= 0 || n > uint64(len(rest)-size) {
			return "", 0, errors.New("a length runs past the end")
		}
		s, at := rest[size:size+int(n)], len(body)-len(rest)+size
		rest = rest[size+int(n):]
		return s, at, nil
	}
	entries := make([]shardEntry, n)
	bareBytes := 0
	for i := range entries {
		bare, _, err := next()
		if err != nil {
			return nil, err
		}
		detail, from, err := next()
		if err != nil {
			return nil, err
		}
		entries[i] = shardEntry{bare: bare, detail: detailRef{raw: detail, off: off + int64(from), n: int64(len(detail))}}
		bareBytes += len(bare)
	}
	if rest != "" {
		return nil, errors.New("trailing bytes")
	}
	if at != nil {
		compact := make([]byte, 0, bareBytes)
		for i := range entries {
			e := &entries[i]
			e.detail.raw, e.detail.at = "", at
			from := len(compact)
			compact = append(compact, e.bare...)
			e.bare = unsafe.String(unsafe.SliceData(compact[from:]), len(e.bare))
		}
	}
	eps := make([]cachedEpisode, n)
	for i := range entries {
		e := &entries[i]
		if err := readAll(codecs.episode, e.bare, &eps[i]); err != nil {
			return nil, err
		}
		if eps[i].Decoded.Episode == nil {
			return nil, errors.New("an episode without its episode")
		}
		e.cachedEpisode = &eps[i]
		if at == nil {
			var d episodeDetail
			if err := readAll(codecs.detail, e.detail.raw, &d); err != nil {
				return nil, err
			}
			d.restore(e.Decoded.Episode)
		}
	}
	return entries, nil
}

// writeShard writes a shard's body: its episodes, sorted by name.
func writeShard(codecs *cacheCodecs, w io.Writer, entries []shardEntry) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	buf := binary.AppendUvarint(nil, uint64(len(entries)))
	bw.Write(buf)
	var rec []byte
	for _, e := range entries {
		bare, detail := e.bare, ""
		if bare != "" {
			var err error
			if detail, err = e.detail.record(); err != nil {
				return err
			}
		} else {
			ep, d := detailOf(e.Decoded.Episode)
			c := *e.cachedEpisode
			c.Decoded.Episode = &ep
			rec = codecs.episode.Append(rec[:0], &c)
			bare = string(rec)
			rec = codecs.detail.Append(rec[:0], &d)
			detail = string(rec)
		}
		for _, s := range []string{bare, detail} {
			buf = binary.AppendUvarint(buf[:0], uint64(len(s)))
			bw.Write(buf)
			bw.WriteString(s)
		}
	}
	return bw.Flush()
}

// loadOptions hands episodes.LoadDirWith the cached episodes, and records
// the ones it decodes.
func (c *incrementalCache) loadOptions() episodes.LoadOptions {
	if c == nil {
		return episodes.LoadOptions{}
	}
	return episodes.LoadOptions{
		Reuse: func(name string, info fs.FileInfo) (*episodes.Decoded, bool) {
			e, ok := c.oldEpisodes[name]
			if !ok || e.Size != info.Size() || e.ModTime != info.ModTime().UnixNano() {
				return nil, false
			}
			c.keep(e, false)
			c.reused.Add(1)
			return &e.Decoded, true
		},
		Decoded: func(name string, info fs.FileInfo, d *episodes.Decoded) {
			if !filetime.Settled(info.ModTime(), c.since) {
				return // an edit within the same second could keep size and time
			}
			c.keep(shardEntry{cachedEpisode: &cachedEpisode{Name: name, Size: info.Size(), ModTime: info.ModTime().UnixNano(),
				Decoded: episodes.Decoded{Episode: cloneEpisode(d.Episode), GUIDKey: d.GUIDKey}}}, true)
		},
	}
}

// keep records e for the next build; fresh when it was decoded anew.
func (c *incrementalCache) keep(e shardEntry, fresh bool) {
	st := strconv.FormatInt(e.Size, 10) + " " + strconv.FormatInt(e.ModTime, 10)
	c.mu.Lock()
	c.episodes = append(c.episodes, e)
	if fresh {
		c.dirty[shardOf(e.Name)] = true
	} else if c.partial {
		c.details[e.Decoded.Episode] = e.detail
	}
	c.stamps[e.Name] = st
	c.mu.Unlock()
}

// summaryWindow is how many bytes of a shard complete reads at a time for
// the summaries of the episodes near one another in it.
const summaryWindow = 256 << 10

// complete gives the episodes of whole that came from the cache without
// their detail (see LoadOptions.Partial) their detail, and those of listed
// the summary of theirs, all read on every core; the others are left as
// they are. An episode given its summary alone is still without the rest
// of its detail: a page of the episode list shows the summary alone, and
// after an episode is removed, the pages that list the 5,000 older ones
// are rendered again.
func (c *incrementalCache) complete(whole, listed []*episodes.Episode) error {
	if c == nil || len(c.details) == 0 {
		return nil
	}
	type pending struct {
		e       *episodes.Episode
		ref     detailRef
		summary bool // its summary alone
	}
	var todo []pending
	for _, e := range whole {
		if ref, ok := c.details[e]; ok {
			todo = append(todo, pending{e: e, ref: ref})
			delete(c.details, e) // once, though whole names it twice
		}
	}
	summarized := make(map[*episodes.Episode]bool)
	for _, e := range listed {
		if ref, ok := c.details[e]; ok && !summarized[e] {
			summarized[e] = true
			todo = append(todo, pending{e: e, ref: ref, summary: true})
		}
	}
	// The details that lie near one another in a shard are read together:
	// a build that renders every page of the list again (after an episode
	// is added or removed) wants the summaries of half the show, and
	// 10,000 reads took longer than the rest of what it reads. Whole
	// details are read in one piece, which their strings are pieces of.
	// Summaries are read a window at a time into one buffer per shard and
	// copied out, so that the rest of each record (the episode's links,
	// takeaways and the like, five times the summary) is not held: 17 MB
	// after a removal in the middle of 10,000 episodes.
	groups := make(map[io.ReaderAt][]int)
	summaries := make(map[io.ReaderAt][]int)
	for i, p := range todo {
		switch {
		case p.ref.at == nil:
		case p.summary:
			summaries[p.ref.at] = append(summaries[p.ref.at], i)
		default:
			groups[p.ref.at] = append(groups[p.ref.at], i)
		}
	}
	var many [][]int
	for _, g := range groups {
		if len(g) > 1 {
			many = append(many, g)
		}
	}
	par.Do(len(many), func(k int) {
		g := many[k]
		lo, hi, sum := int64(math.MaxInt64), int64(0), int64(0)
		for _, i := range g {
			r := todo[i].ref
			lo, hi, sum = min(lo, r.off), max(hi, r.off+r.n), sum+r.n
		}
		if hi-lo > 4*sum {
			return // few and far apart: each is read on its own
		}
		b := make([]byte, hi-lo)
		if _, err := todo[g[0]].ref.at.ReadAt(b, lo); err != nil {
			return // each is read on its own, and fails with its own error
		}
		piece := unsafe.String(unsafe.SliceData(b), len(b))
		for _, i := range g {
			r := &todo[i].ref
			r.raw, r.at = piece[r.off-lo:r.off-lo+r.n], nil
		}
	})
	window := int64(summaryWindow)
	if c.window > 0 {
		window = c.window
	}
	shards := slices.Collect(maps.Values(summaries))
	done := make([]bool, len(todo)) // summaries read here
	// A window's buffer serves the shards one after another: one each,
	// grown as they were read, made 64 buffers of up to a window, whose
	// allocation took 94 of the 328 samples (perf) of a removal's reads of
	// 4,950 summaries, mostly helping the collector.
	var buffers sync.Pool // of *[]byte, a window each
	par.Do(len(shards), func(k int) {
		g := shards[k]
		slices.SortFunc(g, func(a, b int) int { return cmp.Compare(todo[a].ref.off, todo[b].ref.off) })
		bp, _ := buffers.Get().(*[]byte)
		if bp == nil {
			b := make([]byte, 0, window)
			bp = &b
		}
		defer buffers.Put(bp)
		buf := *bp
		for start, end := 0, 0; start < len(g); start = end {
			lo := todo[g[start]].ref.off
			hi := lo + todo[g[start]].ref.n
			for end = start + 1; end < len(g); end++ {
				r := todo[g[end]].ref
				if r.off+r.n-lo > window || r.off < hi {
					break
				}
				hi = r.off + r.n
			}
			if hi-lo > window {
				continue // a record bigger than a window is read on its own
			}
			buf = buf[:hi-lo] // within the window's buffer
			if _, err := todo[g[start]].ref.at.ReadAt(buf, lo); err != nil {
				continue // each is read on its own, and fails with its own error
			}
			for _, i := range g[start:end] {
				p := &todo[i]
				var d detailSummary
				rec := unsafe.String(unsafe.SliceData(buf[p.ref.off-lo:]), p.ref.n)
				if _, err := c.codecs.summary.Read(rec, &d); err == nil {
					p.e.Summary, done[i] = strings.Clone(d.Summary), true
				} // else read again on its own, to report the error
			}
		}
	})
	errs := make([]error, len(todo))
	par.Do(len(todo), func(i int) {
		if done[i] {
			return
		}
		p := &todo[i]
		rec, err := p.ref.record()
		if err == nil {
			if p.summary {
				var d detailSummary
				if _, err = c.codecs.summary.Read(rec, &d); err == nil {
					p.e.Summary = d.Summary
				}
			} else {
				var d episodeDetail
				if err = readAll(c.codecs.detail, rec, &d); err == nil {
					d.restore(p.e)
				}
			}
			if err != nil {
				err = fmt.Errorf("an episode's detail in the incremental cache does not decode: %w", err)
			}
		}
		errs[i] = err
	})
	for i, p := range todo {
		if errs[i] != nil && !p.summary {
			c.details[p.e] = p.ref // still without it
		}
	}
	return errors.Join(errs...)
}

// artworkCopies returns the copies of the artwork file name that the last
// build resized, when the file, as info gives it, is as it was then, and
// records them for the next build.
func (c *incrementalCache) artworkCopies(name string, info fs.FileInfo) (artwork.Copies, bool) {
	if c == nil || c.old == nil || c.old.Artwork == nil {
		return artwork.Copies{}, false
	}
	a := c.old.Artwork
	if a.Name != name || a.Size != info.Size() || a.ModTime != info.ModTime().UnixNano() {
		return artwork.Copies{}, false
	}
	c.next.Artwork = a
	return a.Copies, true
}

// recordArtwork records the copies resized from the artwork file name, as
// info gives it, for the next build, when its time can be trusted.
func (c *incrementalCache) recordArtwork(name string, info fs.FileInfo, copies artwork.Copies) {
	if c == nil || !filetime.Settled(info.ModTime(), c.since) {
		return
	}
	c.next.Artwork = &cachedArtwork{Name: name, Size: info.Size(), ModTime: info.ModTime().UnixNano(), Copies: copies}
}

// stamp returns the size and time of the episode file name (relative to
// the show folder, with slashes) as it was loaded; "" when unknown or not
// to be trusted.
func (c *incrementalCache) stamp(name string) string {
	if c == nil {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stamps[name]
}

// published returns the feed published in out: as the last build recorded
// it, or as this build read it before, when every page of it is still as
// it was then; else read from the files. Render and the guard both ask:
// a feed of 10,000 items, with no record of it (the first build after an
// upgrade), is read once, not twice.
func (c *incrementalCache) published(out string) (*publish.Feed, error) {
	if c == nil {
		return publish.ReadPublished(out)
	}
	for _, known := range []*publishedFeed{c.read, c.oldPublished()} {
		if known != nil && unchanged(out, known.Pages) {
			feed := known.Feed
			return &feed, nil
		}
	}
	// The pages' stamps before they are read: a page that changes
	// meanwhile is read again next time.
	var pages []stamp
	for n := 0; ; n++ {
		st, err := stampOf(out, address.PageName(address.RSSFile, n))
		if err != nil {
			break
		}
		pages = append(pages, st)
	}
	feed, err := publish.ReadPublished(out)
	if err == nil {
		c.read = &publishedFeed{Pages: pages, Feed: *feed}
	}
	return feed, err
}

// oldPublished is the published feed as the last build recorded it; nil
// when unknown.
func (c *incrementalCache) oldPublished() *publishedFeed {
	if c.old == nil || c.old.PublishedFeed == nil {
		return nil
	}
	return &publishedFeed{Pages: c.old.PublishedPages, Feed: *c.old.PublishedFeed}
}

// unchanged reports whether the files stamps names in out are as stamps
// records them, and no further page of the feed is there.
func unchanged(out string, stamps []stamp) bool {
	for _, s := range stamps {
		if !s.holds(out) {
			return false
		}
	}
	_, err := os.Stat(filepath.Join(out, address.PageName(address.RSSFile, len(stamps))))
	return len(stamps) > 0 && os.IsNotExist(err)
}

// save writes the cache into out, once its feeds are written: the pages
// of feed.xml as feeds stamps them by name (pages of them), and where the
// items lie in each feed (see recordParts). What prepare writes is
// written first, unless it was.
func (c *incrementalCache) save(out string, feeds map[string]stamp, pages int) error {
	if c == nil || c.program == "" {
		return nil
	}
	c.next.PublishedPages = nil
	for n := range pages {
		st, ok := feeds[address.PageName(address.RSSFile, n)]
		if !ok {
			return fmt.Errorf("%s: not written", address.PageName(address.RSSFile, n))
		}
		c.next.PublishedPages = append(c.next.PublishedPages, st)
	}
	if !c.prepared {
		if err := c.prepare(out); err != nil {
			return err
		}
	}
	c.next.ItemsSum = c.itemsSum
	return writeCache(out, []output.File{cacheFile(buildFile, c.head(), c.codecs.head, nil, func(w io.Writer) error {
		return c.codecs.late.Write(w, &c.next.buildLate)
	})})
}

// prepare writes the shards, the outputs file and the items file while
// the build's feeds are still being written, once the outputs this build
// may keep and its items are recorded (see recordOutputs and
// recordItems): after an edit of a big show, save then writes 1 MB, not
// 10.
func (c *incrementalCache) prepare(out string) error {
	if c == nil || c.program == "" {
		return nil
	}
	err := writeCache(out, c.earlyFiles())
	c.prepared = err == nil
	return err
}

// forgetOutputs drops the outputs file in out, and what was read of it,
// and the record of the pages of the list that the last build's entries
// lie in: nothing is kept, nor copied, on their record.
func (c *incrementalCache) forgetOutputs(out string) {
	if c == nil {
		return
	}
	if c.old != nil {
		// The pages of the list too, which it may have replaced with
		// others of the same size and, on such a file system, time.
		c.old.Outputs, c.old.ListFiles = nil, nil
	}
	os.Remove(filepath.Join(out, IncrementalFile, outputsFile)) // else read, and trusted, again
}

// earlyFiles returns the files of the cache that do not depend on the
// feeds as written: the outputs file, the items file, and the shards whose
// episodes changed, each sorted by name (a map would be encoded in a
// random order).
func (c *incrementalCache) earlyFiles() []output.File {
	files := []output.File{cacheFile(outputsFile, c.head(), c.codecs.head, nil, func(w io.Writer) error {
		return c.codecs.early.Write(w, &c.next.buildEarly)
	}), cacheFile(itemsFile, c.head(), c.codecs.head, &c.itemsSum, func(w io.Writer) error {
		return c.codecs.items.Write(w, &c.next.buildItems)
	})}
	shards := make([][]shardEntry, episodeShards)
	for _, e := range c.episodes {
		i := shardOf(e.Name)
		shards[i] = append(shards[i], e)
	}
	for name := range c.oldEpisodes {
		if _, kept := c.stamps[name]; !kept {
			c.dirty[shardOf(name)] = true // it left, or changed
		}
	}
	for i, shard := range shards {
		if !c.dirty[i] {
			continue
		}
		slices.SortFunc(shard, func(a, b shardEntry) int { return strings.Compare(a.Name, b.Name) })
		files = append(files, cacheFile(shardFile(i), c.head(), c.codecs.head, nil, func(w io.Writer) error {
			return writeShard(c.codecs, w, shard)
		}))
	}
	return files
}

// writeCache writes files into the cache's folder in out.
func writeCache(out string, files []output.File) error {
	if len(files) == 0 {
		return nil
	}
	dir := filepath.Join(out, IncrementalFile)
	if fi, err := os.Lstat(dir); err == nil && !fi.IsDir() {
		os.Remove(dir) // a cache of one file, as podfeed wrote it before
	}
	_, err := publish.Write(dir, files, publish.Options{NoSync: true})
	return err
}

// reusedItems are the last build's feed items that this build may copy
// instead of rendering them again, and its feed files they lie in, open.
type reusedItems struct {
	items map[string]*cachedItem // by guid
	files map[string]*os.File    // by name, each still as written
	keys  map[string]string      // this build's item keys, by guid
	hits  atomic.Int64           // episodes whose items were copied
	// lists are the last build's pages of the episode list past the
	// first, as ListFiles names them, each read on first use; copied
	// counts the episodes whose entries on the pages rendered again are
	// copied from them (see Show.detailed).
	lists  []*oldList
	copied int
}

// oldList is a page of the episode list as the last build wrote it: its
// bytes, read once, when it is still as written (nil if not).
type oldList struct {
	path string
	st   stamp
	once sync.Once
	data []byte
}

// bytes returns the page, read on the first call; nil when it is not as
// the last build wrote it.
func (l *oldList) bytes() []byte {
	l.once.Do(func() {
		f, err := os.Open(l.path)
		if err != nil {
			return
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil || !l.st.matches(stamp{Size: fi.Size(), ModTime: fi.ModTime()}) {
			return
		}
		data := make([]byte, fi.Size())
		if _, err := io.ReadFull(f, data); err == nil {
			l.data = data
		}
	})
	return l.data
}

// reusableItems opens the feed files of the last build that are still as
// it wrote them, for the items whose key keys gives again. (An episode
// whose page is rendered again though its items are copied has its notes
// rendered for the page alone: see Show.addNotes.)
// The files are opened at once, so that what is copied is what was
// checked even if another build replaced them meanwhile.
func (c *incrementalCache) reusableItems(out string, keys map[string]string) *reusedItems {
	if c == nil || c.old == nil || len(keys) == 0 || len(c.old.Items) == 0 {
		return nil
	}
	r := &reusedItems{items: make(map[string]*cachedItem, len(c.old.Items)), files: map[string]*os.File{}, keys: keys}
	for _, s := range c.old.FeedFiles {
		f, err := os.Open(filepath.Join(out, filepath.FromSlash(s.Name)))
		if err != nil {
			continue
		}
		if fi, err := f.Stat(); err != nil || !s.matches(stamp{Size: fi.Size(), ModTime: fi.ModTime()}) {
			f.Close()
			continue
		}
		r.files[s.Name] = f
	}
	for i := range c.old.Items {
		r.items[c.old.Items[i].GUID] = &c.old.Items[i]
	}
	for _, st := range c.old.ListFiles {
		r.lists = append(r.lists, &oldList{path: filepath.Join(out, filepath.FromSlash(st.Name)), st: st})
	}
	return r
}

// readLists reads, on several goroutines, the last build's pages of the
// episode list that the entries of the episodes on lists lie in: after an
// episode in the middle of a big show is removed, a hundred pages of 35
// KB.
func (r *reusedItems) readLists(lists []site.List) {
	if r == nil {
		return
	}
	need := make(map[*oldList]bool)
	for _, l := range lists {
		for _, e := range l.Episodes {
			if page, _ := r.listed(e); page != nil {
				need[page] = true
			}
		}
	}
	pages := slices.Collect(maps.Keys(need))
	par.DoOn(statWorkers, len(pages), func(i int) { pages[i].bytes() })
}

// entry gives site.Build the entry of ep on a page of the episode list
// past the first as the last build wrote it, when it may be copied (see
// listed) and the page it lies in is still as written; nil when it is
// rendered again.
func (r *reusedItems) entry(ep *episodes.Episode) []byte {
	page, e := r.listed(ep)
	if page == nil {
		return nil
	}
	data := page.bytes()
	if e.Off >= 0 && e.Len > 0 && e.Off+e.Len <= int64(len(data)) {
		return data[e.Off : e.Off+e.Len : e.Off+e.Len]
	}
	return nil
}

// listed returns the last build's page of the episode list that holds
// ep's entry, and where, when ep's key is the same (the key covers all
// that an entry shows); nil when there is none to copy.
func (r *reusedItems) listed(ep *episodes.Episode) (*oldList, listEntry) {
	if r == nil {
		return nil, listEntry{}
	}
	it := r.items[ep.GUID]
	if it == nil || it.Key != r.keys[ep.GUID] || it.Entry.Page < 1 || it.Entry.Page > len(r.lists) {
		return nil, listEntry{}
	}
	return r.lists[it.Entry.Page-1], it.Entry
}

// get gives feed.Build the items of ep as the last build wrote them, when
// they may be copied.
func (r *reusedItems) get(ep *episodes.Episode) (*feed.Fragments, bool) {
	it := r.reusable(ep)
	if it == nil {
		return nil, false
	}
	f := &feed.Fragments{Warnings: it.Warnings}
	for _, p := range []struct {
		from *filePart
		to   *feed.Span
	}{{&it.RSS, &f.RSS}, {&it.Atom, &f.Atom}, {&it.JSON, &f.JSON}} {
		*p.to = feed.Span{From: r.files[p.from.File], Off: p.from.Off, Len: p.from.Len}
	}
	r.hits.Add(1)
	return f, true
}

// reusable returns the last build's record of the items of ep when they
// may be copied; nil when they are rendered again.
func (r *reusedItems) reusable(ep *episodes.Episode) *cachedItem {
	if r == nil {
		return nil
	}
	it := r.items[ep.GUID]
	if it == nil || it.Key != r.keys[ep.GUID] {
		return nil
	}
	for _, f := range []string{it.RSS.File, it.Atom.File, it.JSON.File} {
		if r.files[f] == nil {
			return nil
		}
	}
	return it
}

// close closes the files.
func (r *reusedItems) close() error {
	if r == nil {
		return nil
	}
	var errs []error
	for _, f := range r.files {
		errs = append(errs, f.Close())
	}
	r.files = nil
	return errors.Join(errs...)
}

// recordItems records the feeds' items that have a key (keys, by guid),
// in the feeds' order (items), with the warnings rendering them gave (by
// guid), and the feed as published, which the guard reads back: all that
// the items file holds but the entries' places (see recordEntries). It
// returns where each guid's item is in the record.
func (c *incrementalCache) recordItems(items []feed.Item, keys map[string]string, warnings map[string]diag.List, published publish.Feed) map[string]int {
	if c == nil {
		return nil
	}
	c.next.PublishedFeed = &published
	c.next.Records = make([]itemRecord, 0, len(keys))
	at := make(map[string]int, len(keys)) // in Records, by guid
	for _, it := range items {
		key, ok := keys[it.GUID]
		if _, twice := at[it.GUID]; !ok || twice {
			continue
		}
		at[it.GUID] = len(c.next.Records)
		c.next.Records = append(c.next.Records, itemRecord{GUID: it.GUID, Key: key, Warnings: warnings[it.GUID]})
	}
	return at
}

// recordParts records where the items recorded (at, by guid, as
// recordItems returns it) lie in the feed files just written (spans, by
// file name; each feed has pages pages), and those files as written
// (feeds, their stamps by name). Each file holds its items in the order
// recorded, those of its page: they are found by their place, and by
// their guid where it differs.
func (c *incrementalCache) recordParts(feeds map[string]stamp, spans map[string]*[]feed.ItemSpan, pages int, at map[string]int) error {
	if c == nil {
		return nil
	}
	records := c.next.Records
	c.next.Parts, c.next.FeedFiles = make([]itemParts, len(records)), nil
	for _, name := range slices.Sorted(maps.Keys(spans)) {
		st, ok := feeds[name]
		if !ok {
			return fmt.Errorf("%s: not written", name)
		}
		c.next.FeedFiles = append(c.next.FeedFiles, st)
		format := feedFormat(name, pages)
		next := 0 // the place of the item expected next
		for _, sp := range *spans[name] {
			i := next
			if i >= len(records) || records[i].GUID != sp.Key {
				var ok bool
				if i, ok = at[sp.Key]; !ok {
					continue // an item without a key
				}
			}
			next = i + 1
			part := filePart{File: name, Off: sp.Off, Len: sp.Len}
			switch p := &c.next.Parts[i]; format {
			case address.JSONFile:
				p.JSON = part
			case address.AtomFile:
				p.Atom = part
			case address.RSSFile:
				p.RSS = part
			}
		}
	}
	return nil
}

// recordEntries records where the entries of the episodes lie on the
// pages of the episode list past the first: in the pages rendered, as
// listed (by file name), and in those kept as the last build wrote them
// (kept), where they were; stamps has each of those files as it is now.
// It completes the items recordItems recorded, at their places (by guid).
func (c *incrementalCache) recordEntries(at map[string]int, listed map[string][]site.Entry, kept *keyedFiles, stamps []stamp) error {
	if c == nil {
		return nil
	}
	// The pages rendered, and those of the last build's record that this
	// one kept.
	names := slices.Collect(maps.Keys(listed))
	if c.old != nil {
		for _, o := range c.old.ListFiles {
			if _, rendered := listed[o.Name]; !rendered && kept.kept(o.Name) != nil {
				names = append(names, o.Name)
			}
		}
	}
	slices.Sort(names)
	found, err := stampsOf(stamps, names)
	if err != nil {
		return err
	}
	c.next.ListFiles = make([]stamp, len(names))
	index := make(map[string]int, len(names)) // in ListFiles, from 1, by name
	for i, name := range names {
		c.next.ListFiles[i], index[name] = found[name], i+1
	}
	for name, entries := range listed {
		page := index[name]
		for _, e := range entries {
			if i, ok := at[e.Episode.GUID]; ok {
				c.next.Records[i].Entry = listEntry{Page: page, Off: int64(e.Off), Len: int64(e.Len)}
			}
		}
	}
	if c.old == nil {
		return nil
	}
	// The kept pages' places in this record, by their places in the last.
	carried := make([]int, len(c.old.ListFiles))
	for k, o := range c.old.ListFiles {
		if _, rendered := listed[o.Name]; !rendered {
			carried[k] = index[o.Name]
		}
	}
	for _, it := range c.old.Items {
		if e := it.Entry; e.Page >= 1 && e.Page <= len(carried) && carried[e.Page-1] > 0 {
			if i, ok := at[it.GUID]; ok {
				c.next.Records[i].Entry = listEntry{Page: carried[e.Page-1], Off: e.Off, Len: e.Len}
			}
		}
	}
	return nil
}

// feedFormat returns which feed the file name is a page of, among pages
// pages: address.RSSFile, AtomFile or JSONFile; "" for none.
func feedFormat(name string, pages int) string {
	for _, base := range []string{address.RSSFile, address.AtomFile, address.JSONFile} {
		for n := range pages {
			if address.PageName(base, n) == name {
				return base
			}
		}
	}
	return ""
}
