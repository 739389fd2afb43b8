package deploy

import (
	"compress/gzip"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/contenttype"
	"github.com/podfeed/podfeed/internal/publish"
)

// class orders the uploads: everything a feed may point at goes up before
// the feeds, and feed.xml, the one the apps read, goes last.
type class int

const (
	classAsset   class = iota // media, artwork, stylesheets: what pages and feeds point at
	classPage                 // chapters, transcripts, web pages
	classArchive              // archive pages of a paged feed (feed-2.xml, …)
	classFeed                 // atom.xml and feed.json
	classMain                 // feed.xml
)

// object is one file of the output folder, as it is to be stored.
type object struct {
	Key   string // slash-separated path inside the output folder and the target
	Path  string // the local file
	Size  int64
	MD5   string // hex
	Type  string // Content-Type
	Cache string // Cache-Control
	// Encoding is the Content-Encoding it is stored with: "gzip" or "".
	// Size and MD5 are those of the stored bytes, gzipped or not.
	Encoding string
	class    class
}

// isFeed reports whether the object is one of the feeds apps subscribe to.
func (o object) isFeed() bool { return o.class >= classArchive }

// Cache-Control values: feeds and pages change with every episode and are
// fetched every few minutes by apps, so caches keep them briefly; chapters
// and transcripts change less; media and artwork rarely, and a file whose
// name carries its content's hash never.
const (
	cacheShort     = "public, max-age=300"
	cacheMedium    = "public, max-age=3600"
	cacheLong      = "public, max-age=86400"
	cacheMedia     = "public, max-age=604800"
	cacheImmutable = "public, max-age=31536000, immutable"
)

// versioned matches a name that carries its content's hash, such as
// app.3f2a9c1d.css.
var versioned = regexp.MustCompile(`[.-][0-9a-f]{8,}\.[a-z0-9]+$`)

// classify returns the class, Content-Type and Cache-Control of key.
func classify(key string) (class, string, string) {
	typ := contenttype.ByName(key)
	if key == address.RSSFile {
		// A bucket sends one type to apps and browsers alike; browsers
		// apply feed.css only to a document they take as XML, and apps
		// read application/xml feeds as most static hosts serve them.
		typ = "application/xml; charset=utf-8"
	}
	if typ == "" {
		typ = "application/octet-stream"
	}
	dir, base := path.Split(key)
	switch {
	case key == address.RSSFile:
		return classMain, typ, cacheShort
	case key == address.AtomFile || key == address.JSONFile:
		return classFeed, typ, cacheShort
	case dir == "" && isArchivePage(base):
		return classArchive, typ, cacheShort
	case strings.HasPrefix(key, address.ChaptersDir+"/"), strings.HasPrefix(typ, "text/vtt"), strings.HasPrefix(typ, "application/x-subrip"):
		return classPage, typ, cacheMedium
	case strings.HasPrefix(typ, "text/html"):
		return classPage, typ, cacheShort
	case versioned.MatchString(base):
		return classAsset, typ, cacheImmutable
	case strings.HasPrefix(typ, "audio/"), strings.HasPrefix(typ, "video/"):
		return classAsset, typ, cacheMedia
	case strings.HasPrefix(typ, "image/"):
		return classAsset, typ, cacheLong
	}
	return classAsset, typ, cacheShort
}

// gzipTypes are the Content-Types a deploy gzips, where the target
// supports Content-Encoding: the feeds, pages, stylesheets, scripts,
// chapters, sitemap and transcripts. Media and images are compressed
// already, and robots.txt stays plain for the crawlers that read it so.
var gzipTypes = map[string]bool{
	"application/xml; charset=utf-8":       true,
	"application/rss+xml; charset=utf-8":   true,
	"application/atom+xml; charset=utf-8":  true,
	"application/feed+json; charset=utf-8": true,
	"application/json+chapters":            true,
	"application/json":                     true,
	"application/x-subrip":                 true,
	"text/html; charset=utf-8":             true,
	"text/css; charset=utf-8":              true,
	"text/javascript; charset=utf-8":       true,
	"text/xsl; charset=utf-8":              true,
	"text/vtt; charset=utf-8":              true,
}

// encodingOf returns the Content-Encoding that a target supporting one
// stores key with: "gzip" for text, "" for the rest.
func encodingOf(key string) string {
	if _, typ, _ := classify(key); gzipTypes[typ] {
		return "gzip"
	}
	return ""
}

// gzipLevel is the fixed compression level of stored objects: with it, an
// empty gzip header (no name, no time) and one Go release, the same file
// gives the same bytes on every deploy, so its MD5 matches the ETag of
// the object uploaded before and it is not uploaded again.
const gzipLevel = gzip.BestCompression

// newGzip returns a writer that gzips into w, deterministically.
func newGzip(w io.Writer) *gzip.Writer {
	zw, err := gzip.NewWriterLevel(w, gzipLevel)
	if err != nil {
		panic(err) // gzipLevel is valid
	}
	return zw // its zero Header: no name, no comment, modification time 0
}

// isGzip reports whether data starts as a gzip stream does.
func isGzip(data []byte) bool { return len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b }

// archivePage matches the names of a paged feed's archive pages.
var archivePage = regexp.MustCompile(`^(feed-[0-9]+\.(xml|json)|atom-[0-9]+\.xml)$`)

func isArchivePage(name string) bool { return archivePage.MatchString(name) }

// isRSSPage reports whether key names one of the RSS pages (feed.xml and
// its archive pages), which carry the episodes.
func isRSSPage(key string) bool {
	return key == address.RSSFile || (strings.HasPrefix(key, "feed-") && strings.HasSuffix(key, ".xml") && isArchivePage(key))
}

// scan lists the files of the output folder dir that a deploy publishes:
// every file except those whose name, or a folder's, starts with "." (the
// build's manifest, lock and temporary files). Sorted by key. With gz, the
// text files are to be stored gzipped. A folder that a build was cutting
// short is refused: it may hold new files half written, which the next
// build removes.
func scan(dir string, gz bool) ([]object, error) {
	if publish.CutShort(dir) {
		return nil, fmt.Errorf("the last build into %s did not finish (it left %s); build again, then deploy", dir, publish.WritingFile)
	}
	var objs []object
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: cannot read: %w", p, unwrapPath(err))
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			fi, err := os.Stat(p)
			if err != nil || !fi.Mode().IsRegular() {
				return nil // a broken link or a device: nothing a host serves
			}
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		o := object{Key: key, Path: p}
		o.class, o.Type, o.Cache = classify(key)
		if gz {
			o.Encoding = encodingOf(key)
		}
		objs = append(objs, o)
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range objs {
		if err := objs[i].hash(); err != nil {
			return nil, err
		}
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].Key < objs[j].Key })
	return objs, nil
}

// hash fills in the size and MD5 of the object's stored bytes.
func (o *object) hash() error {
	f, err := os.Open(o.Path)
	if err != nil {
		return fmt.Errorf("%s: cannot read: %w", o.Path, unwrapPath(err))
	}
	defer f.Close()
	h := &hashWriter{h: md5.New()}
	if err := o.encode(h, f); err != nil {
		return fmt.Errorf("%s: cannot read: %w", o.Path, unwrapPath(err))
	}
	o.Size, o.MD5 = h.n, h.sum()
	return nil
}

// encode writes the bytes to store, the file's content r gzipped or not,
// to w.
func (o *object) encode(w io.Writer, r io.Reader) error {
	if o.Encoding != "gzip" {
		_, err := io.Copy(w, r)
		return err
	}
	zw := newGzip(w)
	if _, err := io.Copy(zw, r); err != nil {
		return err
	}
	return zw.Close()
}

// hashWriter counts and hashes what is written through it to w (nil: to
// nothing else).
type hashWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (hw *hashWriter) Write(p []byte) (int, error) {
	if hw.w != nil {
		n, err := hw.w.Write(p)
		hw.h.Write(p[:n])
		hw.n += int64(n)
		return n, err
	}
	hw.h.Write(p)
	hw.n += int64(len(p))
	return len(p), nil
}

func (hw *hashWriter) sum() string { return hex.EncodeToString(hw.h.Sum(nil)) }

// unwrapPath drops the path an *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	for errors.As(err, &pe) {
		err = pe.Err
	}
	return err
}
