package media

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/podfeed/podfeed/internal/diag"
	"github.com/podfeed/podfeed/internal/filetime"
)

// CacheFile is the conventional name of the probe cache in a show folder.
const CacheFile = ".podfeed-cache.json"

// cacheVersion changes whenever probing changes what it returns, so that
// results of an older podfeed are not reused.
const cacheVersion = 1

// Cache remembers probe results across runs in a JSON file. An entry is
// used only while the file's size and modification time are those it was
// probed with, and a file modified in the seconds before its probe gets
// none (see [filetime.Settled]); deleting the cache file is always safe. A Cache is safe for
// concurrent use. The nil *Cache is valid and caches nothing.
type Cache struct {
	file string // the JSON file
	root string // absolute folder of the JSON file; keys of files inside it are relative to it

	mu      sync.Mutex
	entries map[string]cacheEntry
	used    map[string]bool // keys looked up or stored since loading
	dirty   bool            // entries differ from the file
}

type cacheEntry struct {
	Size  int64 `json:"size"`
	MTime int64 `json:"mtime"` // Unix nanoseconds
	Info  Info  `json:"info"`
}

type cacheDoc struct {
	Version int                   `json:"version"`
	Files   map[string]cacheEntry `json:"files"`
}

// LoadCache reads the cache kept in file (typically filepath.Join(showDir,
// CacheFile)). A missing file gives an empty cache. A file that cannot be
// read or parsed also gives an empty, usable cache, and an error saying why
// its contents were dropped, which callers may show as a warning; a cache
// written by another version of podfeed is dropped silently.
func LoadCache(file string) (*Cache, error) {
	root, err := filepath.Abs(filepath.Dir(file))
	if err != nil {
		return nil, fmt.Errorf("probe cache %s: %w", file, err)
	}
	c := &Cache{file: file, root: root, entries: map[string]cacheEntry{}, used: map[string]bool{}}
	b, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		c.dirty = true
		return c, fmt.Errorf("probe cache %s: %w (starting afresh)", file, diag.WithoutPath(err, true))
	}
	var doc cacheDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		c.dirty = true
		return c, fmt.Errorf("probe cache %s: %v (starting afresh)", file, err)
	}
	if doc.Version != cacheVersion {
		c.dirty = true
		return c, nil
	}
	for k, e := range doc.Files {
		if e.Info.Duration > 0 && e.Info.Type != "" {
			c.entries[k] = e
		}
	}
	return c, nil
}

// key names path in the cache: relative to the cache's folder, with "/",
// when it lies inside it, otherwise absolute.
func (c *Cache) key(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if rel, err := filepath.Rel(c.root, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(rel), nil
	}
	return abs, nil
}

// Probe returns the cached result for the file at path when its size and
// modification time are unchanged, and otherwise probes it (see [ProbeFile])
// and remembers the result. Errors are not cached.
func (c *Cache) Probe(path string) (Info, error) {
	if c == nil {
		return ProbeFile(path)
	}
	key, err := c.key(path)
	if err != nil {
		return Info{}, &Error{Name: path, Err: err}
	}
	st, err := os.Stat(path)
	if err != nil {
		return Info{}, &Error{Name: path, Err: diag.WithoutPath(err, true)}
	}
	c.mu.Lock()
	e, ok := c.entries[key]
	c.used[key] = true
	fresh := ok && e.Size == st.Size() && e.MTime == st.ModTime().UnixNano()
	if ok && !fresh {
		delete(c.entries, key)
		c.dirty = true
	}
	c.mu.Unlock()
	if fresh {
		info := e.Info
		info.Chapters = slices.Clone(info.Chapters)
		return info, nil
	}

	// The time the file is judged settled at is taken before it is read:
	// a slow probe must not make a file written just before it look old.
	now := time.Now()
	f, err := os.Open(path)
	if err != nil {
		return Info{}, &Error{Name: path, Err: diag.WithoutPath(err, true)}
	}
	defer f.Close()
	st, err = f.Stat()
	if err != nil {
		return Info{}, &Error{Name: path, Err: diag.WithoutPath(err, true)}
	}
	if !st.Mode().IsRegular() {
		return Info{}, &Error{Name: path, Err: errors.New("not a regular file")}
	}
	info, err := Probe(f, st.Size(), path)
	if err != nil {
		return Info{}, err
	}
	// A file changed just now could change again unseen at the same size
	// and time: its result is used, not remembered.
	if filetime.Settled(st.ModTime(), now) {
		c.mu.Lock()
		c.entries[key] = cacheEntry{Size: st.Size(), MTime: st.ModTime().UnixNano(), Info: info}
		c.dirty = true
		c.mu.Unlock()
	}
	info.Chapters = slices.Clone(info.Chapters)
	return info, nil
}

// Save writes the cache back to its file when it changed, atomically
// (a temporary file, synced, renamed over the old one). Entries not used
// since loading are kept while their files are unchanged and dropped once
// the files are gone or changed, so the cache does not grow forever.
func (c *Cache) Save() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, e := range c.entries {
		if c.used[k] {
			continue
		}
		p := k
		if !filepath.IsAbs(p) {
			p = filepath.Join(c.root, filepath.FromSlash(k))
		}
		st, err := os.Stat(p)
		if err != nil || st.Size() != e.Size || st.ModTime().UnixNano() != e.MTime {
			delete(c.entries, k)
			c.dirty = true
		}
	}
	if !c.dirty {
		return nil
	}
	b, err := json.MarshalIndent(cacheDoc{Version: cacheVersion, Files: c.entries}, "", " ")
	if err != nil {
		return fmt.Errorf("probe cache %s: %w", c.file, err)
	}
	b = append(b, '\n')
	if err := writeAtomic(c.file, b); err != nil {
		return fmt.Errorf("probe cache %s: %w", c.file, err)
	}
	c.dirty = false
	return nil
}

// writeAtomic replaces file with b: temporary file in the same folder,
// fsync, rename, fsync of the folder.
func writeAtomic(file string, b []byte) (err error) {
	dir := filepath.Dir(file)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(file)+".tmp-*")
	if err != nil {
		return diag.WithoutPath(err, true)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(b); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), file); err != nil {
		return err
	}
	if d, derr := os.Open(dir); derr == nil {
		derr = d.Sync()
		d.Close()
		_ = derr // some file systems cannot sync folders; the rename is done
	}
	return nil
}

// ProbeAll probes the files at paths with up to workers goroutines
// (GOMAXPROCS when workers < 1), through cache when it is not nil. The
// results are in the order of paths: infos[i] and errs[i] belong to
// paths[i], and errs[i] is nil when the probe succeeded. progress, when not
// nil, is called after each file with how many are done; calls come from
// one goroutine at a time.
func ProbeAll(paths []string, cache *Cache, workers int, progress func(done int)) ([]Info, []error) {
	infos := make([]Info, len(paths))
	errs := make([]error, len(paths))
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(paths))
	next := make(chan int)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	for range workers {
		wg.Go(func() {
			for i := range next {
				infos[i], errs[i] = cache.Probe(paths[i])
				if progress != nil {
					mu.Lock()
					done++
					progress(done)
					mu.Unlock()
				}
			}
		})
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	return infos, errs
}
