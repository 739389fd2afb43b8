package deploy

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
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
	class class
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
// build's manifest, lock and temporary files). Sorted by key.
func scan(dir string) ([]object, error) {
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

// hash fills in the object's size and MD5 from its file.
func (o *object) hash() error {
	f, err := os.Open(o.Path)
	if err != nil {
		return fmt.Errorf("%s: cannot read: %w", o.Path, unwrapPath(err))
	}
	defer f.Close()
	h := md5.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return fmt.Errorf("%s: cannot read: %w", o.Path, unwrapPath(err))
	}
	o.Size, o.MD5 = n, hex.EncodeToString(h.Sum(nil))
	return nil
}

// unwrapPath drops the path an *fs.PathError repeats.
func unwrapPath(err error) error {
	var pe *fs.PathError
	for errors.As(err, &pe) {
		err = pe.Err
	}
	return err
}
