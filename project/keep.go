package project

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/podfeed/podfeed/episodes"
	"github.com/podfeed/podfeed/feed"
	"github.com/podfeed/podfeed/internal/address"
	"github.com/podfeed/podfeed/internal/output"
	"github.com/podfeed/podfeed/internal/par"
	"github.com/podfeed/podfeed/internal/shownotes"
	"github.com/podfeed/podfeed/podcast"
	"github.com/podfeed/podfeed/site"
)

// An edit of one episode changes few files: its page, embed and chapters,
// the pages of its neighbours, whose Newer and Older links name it, and
// the page of the episode list that lists it. Each build records in its
// incremental cache, for every such file, a key of the inputs it was
// rendered from and the file's size and time as written. The next build
// computes the keys again; a file whose key is the same and that is still
// as written is kept (output.File.Keep): it is neither rendered nor read.
// The keys cover the program, podcast.toml and the artwork (the show's
// key); the episode's file, media file, image files and transcript files;
// for a page its neighbours' too; and for a page of the list its
// episodes', the newest episode's and the hosts. The same keys tell which
// episodes' feed items may be copied from the last feeds. A show with
// templates of its own keeps nothing: its pages may show any episode.

// liveKeys are the keys of the live episodes, newest first as the pages
// link Newer and Older: the first step of keying the outputs, all that
// the feeds wait for (see Show.itemKeys and Show.fileKeys).
type liveKeys struct {
	show   string              // the show's key, with the program's
	sorted []*episodes.Episode // the live episodes, newest first
	keys   []string            // sorted[i]'s key (episodeKey); "" when it has none
	// held is which of sorted[i]'s files are kept, as keepable found
	// them: by index, since an edit of 10,000 episodes asks about all of
	// them, and looking their files up by name took 30 ms of CPU.
	held []fileKind
}

// fileKey is the key of the output file name, and which of an episode's
// files it is: the episode liveKeys.sorted[ep]'s; kind 0 for a page of
// the episode list. kept is the file as the last build wrote it, when
// keepable found it still so under the same key; nil when it is rendered
// again.
type fileKey struct {
	name string
	key  string
	ep   int32
	kind fileKind
	kept *stamp
}

// keyedFiles are the output files that a later build may keep, with their
// keys (see fileKeys): in list, each live episode's files, newest first,
// then the pages of the episode list, the order the cache records them in
// (see recordOutputs); and their places in list, by name. A build of a big
// show looks each of its 30,000 files up by name once, when it gathers
// them (Plan.keyOf), and keepable finds the last build's in the same
// order: looked up among the keys, the kept files, the plan's files and
// the cache's record, they took five lookups each, 30 ms of CPU in an edit.
type keyedFiles struct {
	list []fileKey
	at   map[string]int32
}

// add keys the file name.
func (kf *keyedFiles) add(k fileKey) {
	kf.at[k.name] = int32(len(kf.list))
	kf.list = append(kf.list, k)
}

// kept returns the file name as the last build wrote it, when it is kept;
// nil when it is not, or kf is nil.
func (kf *keyedFiles) kept(name string) *stamp {
	if kf == nil {
		return nil
	}
	if i, ok := kf.at[name]; ok {
		return kf.list[i].kept
	}
	return nil
}

// fileKind is one of an episode's output files, or a set of them.
type fileKind uint8

const (
	chaptersFile fileKind = 1 << iota
	embedFile
	pageFile
)

// allHeld reports whether the files kinds of the i-th episode of k are
// kept; never for a k without keys.
func (k *liveKeys) allHeld(i int, kinds fileKind) bool {
	return k != nil && i < len(k.held) && k.held[i]&kinds == kinds
}

// ownFiles is the files of e that allHeld asks about: its page, its embed
// and, with chapters, its chapters file.
func ownFiles(e *episodes.Episode) fileKind {
	if len(e.Chapters) > 0 {
		return pageFile | embedFile | chaptersFile
	}
	return pageFile | embedFile
}

// itemKeys returns the key of each live episode's feed items, by guid,
// and what fileKeys keys the output files from; nil, nil when nothing may
// be kept. The feeds are begun once it returns: the keys of the files,
// which the pages wait for, are worked out while the feeds are written.
func (s *Show) itemKeys(live []*episodes.Episode, generator string) (*liveKeys, map[string]string) {
	if !s.keyed() {
		return nil, nil
	}
	k := &liveKeys{show: keyOf("show", s.showKey, generator), sorted: slices.Clone(live)}
	slices.SortStableFunc(k.sorted, episodes.NewestFirst)
	// An episode's key, with the show's, is the key of its items, its
	// chapters and its embed; its page's adds its neighbours'. Hashed on
	// every core.
	k.keys = make([]string, len(k.sorted))
	par.Do(len(k.sorted), func(i int) { k.keys[i] = s.episodeKey(k.show, k.sorted[i]) })
	items := make(map[string]string, len(k.sorted))
	for i, e := range k.sorted {
		if k.keys[i] != "" && e.Live == nil { // a live item follows the clock
			items[e.GUID] = k.keys[i]
		}
	}
	return k, items
}

// fileKeys returns the key of each output file of live, the episodes k
// keyed, that a later build may keep; nil when k is nil.
func (s *Show) fileKeys(live []*episodes.Episode, k *liveKeys) *keyedFiles {
	if k == nil {
		return nil
	}
	sorted, eks := k.sorted, k.keys
	pages := make([]string, len(sorted))
	par.Do(len(sorted), func(i int) {
		newer, older := "none", "none"
		if i > 0 {
			newer = eks[i-1]
		}
		if i+1 < len(sorted) {
			older = eks[i+1]
		}
		if eks[i] != "" && newer != "" && older != "" {
			pages[i] = keyOf("page", eks[i], newer, older)
		}
	})
	keys := &keyedFiles{list: make([]fileKey, 0, 3*len(sorted)), at: make(map[string]int32, 3*len(sorted))}
	for i, e := range sorted {
		if eks[i] == "" || e.Live != nil { // a live item's page follows the clock
			continue
		}
		keys.add(fileKey{name: address.ChaptersFile(e.Slug), key: eks[i], ep: int32(i), kind: chaptersFile})
		keys.add(fileKey{name: address.EmbedFile(e.Slug), key: eks[i], ep: int32(i), kind: embedFile})
		if pages[i] != "" {
			keys.add(fileKey{name: address.PageFile(e.Slug), key: pages[i], ep: int32(i), kind: pageFile})
		}
	}
	// The pages of the episode list: each lists its episodes and the
	// hosts, and the first names the newest episode.
	byEpisode := make(map[*episodes.Episode]string, len(sorted))
	for i, e := range sorted {
		if e.Live == nil {
			byEpisode[e] = eks[i]
		}
	}
	var hosts []string
	for _, h := range site.Hosts(sorted) {
		hosts = append(hosts, h.Name, h.Role, h.Group, h.Href, h.Img)
	}
	newest := "none"
	if len(sorted) > 0 {
		newest = byEpisode[sorted[0]]
	}
	lists := site.Lists(s.Config, live)
	for i, l := range lists {
		// Each links the pages before and after it.
		newer, older := "none", "none"
		if i > 0 {
			newer = lists[i-1].File
		}
		if i+1 < len(lists) {
			older = lists[i+1].File
		}
		parts := []string{"list", k.show, l.File, newer, older, keyOf(hosts...)}
		if i == 0 {
			parts = append(parts, "first", newest) // only the first page shows it
		}
		for _, e := range l.Episodes {
			parts = append(parts, byEpisode[e])
		}
		if !slices.Contains(parts, "") {
			keys.add(fileKey{name: l.File, key: keyOf(parts...)})
		}
	}
	return keys
}

// episodeKey is the key of what an episode's outputs are rendered from:
// the show (its key show), the episode's slug, its file, its media file
// and its image files; "" when one of them is not to be trusted by size
// and time.
func (s *Show) episodeKey(show string, e *episodes.Episode) string {
	if e.Slug == "" {
		return ""
	}
	rel, err := filepath.Rel(s.Dir, e.File)
	if err != nil {
		return ""
	}
	file := s.inc.stamp(filepath.ToSlash(rel))
	if file == "" {
		return ""
	}
	images := s.images[e]
	transcripts := slices.ContainsFunc(e.Transcripts, func(t podcast.Transcript) bool { return t.File != "" })
	if e.Audio.File == "" && len(images) == 0 && !transcripts {
		// No file of its own but the episode's: hashed as keyOf hashes,
		// on the stack.
		return keyOf("episode", show, e.Slug, file)
	}
	f := &fingerprint{h: sha256.New(), since: s.inc.since}
	f.h.Write([]byte(show + "\x00" + e.Slug + "\x00" + file + "\x00"))
	if e.Audio.File != "" {
		f.file(filepath.Join(s.Dir, filepath.FromSlash(e.Audio.File)))
	}
	for _, img := range images {
		f.file(img.Source)
	}
	for _, t := range e.Transcripts {
		if t.File != "" {
			f.file(filepath.Join(s.Dir, filepath.FromSlash(t.File)))
		}
	}
	if sum := f.sum(); sum != "" {
		return sum[:2*keyBytes] // as long as keyOf's
	}
	return ""
}

// detailed returns the live episodes whose outputs show their detail (see
// episodeDetail) and are rendered again, so that the build reads it: those
// whose feed items are not copied from the last feeds, or whose page,
// embed or chapters file is not kept (whole), and those that a page of the
// episode list rendered again lists, which shows the summary of each
// (listed, unless whole already, or, past the first page, unless what the
// last build wrote of it there is copied; the first page also shows the
// newest episode whole). A page shows only the titles and addresses of its
// neighbours. With nothing kept (as with templates of the show's own), all
// of them, whole.
func (s *Show) detailed(live []*episodes.Episode, k *liveKeys, keys *keyedFiles, reuse *reusedItems) (whole, listed []*episodes.Episode) {
	if s.inc == nil || len(s.inc.details) == 0 {
		return nil, nil // every episode is whole
	}
	if keys == nil || len(keys.list) == 0 {
		return live, nil
	}
	kept := func(name string) bool { return keys.kept(name) != nil }
	for i, e := range k.sorted {
		if e.Slug == "" || !k.allHeld(i, ownFiles(e)) || reuse.reusable(e) == nil {
			whole = append(whole, e)
		}
	}
	lists := site.Lists(s.Config, live)
	var again []site.List // the pages past the first rendered again
	for i, l := range lists {
		if i > 0 && !kept(l.File) {
			again = append(again, l)
		}
	}
	reuse.readLists(again)
	for i, l := range lists {
		if kept(l.File) {
			continue
		}
		for _, e := range l.Episodes {
			if i > 0 && reuse.entry(e) != nil {
				reuse.copied++
				continue
			}
			listed = append(listed, e)
		}
		if i == 0 && len(live) > 0 {
			whole = append(whole, slices.MinFunc(live, episodes.NewestFirst))
		}
	}
	return whole, listed
}

// itemsRendered returns the live episodes whose feed items are rendered
// again, not copied from the last feeds: what of their detail the items
// show is read before the feeds are rendered, the rest of what [detailed]
// names after.
func (s *Show) itemsRendered(live []*episodes.Episode, reuse *reusedItems) []*episodes.Episode {
	if s.inc == nil || len(s.inc.details) == 0 {
		return nil // every episode is whole
	}
	var whole []*episodes.Episode
	for _, e := range live {
		if reuse.reusable(e) == nil {
			whole = append(whole, e)
		}
	}
	return whole
}

// addNotes adds to notes, the show notes feed.Build rendered by slug, those
// of the live episodes whose items it copied and whose page or embed is
// rendered again (not in keep): the pages show them.
func (s *Show) addNotes(notes map[string]*shownotes.Notes, live []*episodes.Episode, k *liveKeys) error {
	var need []*episodes.Episode
	if k != nil {
		live = k.sorted // the order of k.held
	}
	for i, e := range live {
		if e.Slug != "" && notes[e.Slug] == nil && !k.allHeld(i, pageFile|embedFile) {
			need = append(need, e)
		}
	}
	if len(need) == 0 {
		return nil
	}
	more, err := feed.Notes(s.Config, need)
	if err != nil {
		return err
	}
	maps.Copy(notes, more)
	return nil
}

// keyed reports whether the show's outputs get keys (see fileKeys), by
// which a later build may keep them: not without the show's key or a
// cache, nor with templates of the show's own.
func (s *Show) keyed() bool {
	return s.showKey != "" && s.inc != nil && s.inc.program != "" && !s.hasTemplates()
}

// hasTemplates reports whether the show has a templates folder with
// anything in it.
func (s *Show) hasTemplates() bool {
	entries, err := os.ReadDir(filepath.Join(s.Dir, site.TemplatesDir))
	return err == nil && len(entries) > 0 || err != nil && !os.IsNotExist(err)
}

// keyOf hashes parts, joined by NULs, into a key. They are joined in a
// buffer on the stack when they fit: a build of 10,000 episodes keys
// their pages, and joining each into a string and copying that into
// bytes allocated 7 MB.
func keyOf(parts ...string) string {
	var buf [256]byte
	b := buf[:0]
	for i, p := range parts {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, p...)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:keyBytes])
}

// keyBytes is how many bytes of a SHA-256 a key keeps: 128 bits, written
// in 32 hexadecimal digits. The cache holds 40,000 of them for a show of
// 10,000 episodes, and whole SHA-256s made a fifth of its outputs file.
const keyBytes = 16

// statWorkers is how many goroutines state files at once (the outputs
// kept or checked, and the inputs the fingerprint walks): far more than
// the cores, since after a while without a build (a weekly show on cron)
// the inodes of a big show's 30,000 outputs are no longer in memory, and
// each stat waits for the disk, which serves many at once. An edit of
// 10,000 episodes whose output folder had left memory took 1.07 s with
// 64 against 1.24 s with 16 (medians of six), and the same with its
// folder in memory.
const statWorkers = 64

// keepable finds the files that the last build wrote from the same keys
// and that are still as it wrote them: it sets their kept stamps in keys,
// and records in k which of each episode's files they are.
func (c *incrementalCache) keepable(out string, keys *keyedFiles, k *liveKeys) {
	if c == nil || c.old == nil || keys == nil || len(keys.list) == 0 {
		return
	}
	// The last build's files are matched with this one's by name: in the
	// order both list them, which an edit leaves as it was, and by the map
	// where the two part (an episode added or removed).
	old := c.old.Outputs
	match := make([]int32, len(old)) // keys.list's index of old[i]; -1 for none
	next := 0
	for i := range old {
		name := old[i].File.Name
		if next < len(keys.list) && keys.list[next].name == name {
			match[i] = int32(next)
			next++
			continue
		}
		j, ok := keys.at[name]
		if !ok {
			match[i] = -1
			continue
		}
		match[i], next = j, int(j)+1
	}
	// One stat per file, tens of thousands for a big show, on statWorkers
	// goroutines, while the feeds are written. Each stat yields its core:
	// the goroutines writing the feeds, back from the disk, find one at
	// once instead of after the time slices of dozens of stats.
	held := make([]bool, len(old))
	dir := openFolder(out)
	defer dir.close()
	par.DoOn(statWorkers, len(old), func(i int) {
		if j := match[i]; j >= 0 && keys.list[j].key == old[i].Key && dir.holds(old[i].File) {
			held[i] = true
		}
		runtime.Gosched()
	})
	k.held = make([]fileKind, len(k.sorted)) // k is not nil: keys are not empty
	for i, h := range held {
		if !h {
			continue
		}
		if fk := &keys.list[match[i]]; fk.kept == nil { // a name recorded twice: the first
			fk.kept = &old[i].File
			k.held[fk.ep] |= fk.kind
		}
	}
}

// recordOutputs records the keyed files among files as written, with
// their stamps (see Plan.written: stamps[i] is files[i]'s), for the next
// build, in the order of keys.list: which (see keepable) is the order of
// the next build's too. keyOf[i] is files[i]'s place in keys.list, -1 for
// a file without a key.
func (c *incrementalCache) recordOutputs(files []output.File, keys *keyedFiles, keyOf []int32, stamps []stamp) error {
	if c == nil {
		return nil
	}
	if len(stamps) != len(files) || len(keyOf) != len(files) && keyOf != nil {
		return fmt.Errorf("%d stamps and %d keys for %d files", len(stamps), len(keyOf), len(files))
	}
	c.next.Outputs = nil
	if keys == nil {
		return nil
	}
	written := make([]int32, len(keys.list)) // files' index + 1; 0 for a key without a file (an episode without chapters)
	n := 0
	for i, j := range keyOf {
		if j < 0 {
			continue
		}
		if stamps[i].Name != files[i].Name {
			return fmt.Errorf("%s: not written", files[i].Name)
		}
		written[j] = int32(i) + 1
		n++
	}
	c.next.Outputs = make([]keptOutput, 0, n)
	for j, i := range written {
		if i > 0 {
			c.next.Outputs = append(c.next.Outputs, keptOutput{Key: keys.list[j].key, File: stamps[i-1]})
		}
	}
	return nil
}
