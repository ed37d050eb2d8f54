package buildcache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/attache-ssg/attache/internal/release"
	"github.com/attache-ssg/attache/internal/source"
)

// keyVersion changes whenever what Hash feeds the key changes, so keys of
// an older attache never match by accident.
const keyVersion = "attache-buildcache-key/1"

// Trees are the files and folders under a site's root that a build reads,
// in the order Hash walks them.
var Trees = []string{"site.yaml", "content", "layouts", "static", "i18n", "releases"}

// Inputs is what a build depends on besides its time.
type Inputs struct {
	Root  string // the site's root folder
	Theme fs.FS  // the embedded default theme, rooted like a site
	// Tool identifies the program that builds: its version, and whatever
	// tells two binaries of one version apart (a developer's rebuilds).
	Tool string
	// Options are the build options that change the output, one
	// "name=value" string each, in a fixed order.
	Options []string
	Workers int // files hashed at once; zero = GOMAXPROCS
	// NoIndex reads every file, and neither reads nor writes the source
	// index (see index.go) that otherwise spares reading the files whose
	// stat is the one recorded when they were last read.
	NoIndex bool
}

// Sources is what Hash found.
type Sources struct {
	Key   string // hex SHA-256 of everything the build reads
	Files int    // how many files it covers (the theme's included)
	Bytes int64  // how many bytes they hold
	// Read is how many of the files were read this time; the source
	// index gave the others' digests.
	Read int
}

// Hash returns the key of everything a build of in.Root reads. A file
// whose stat is the one the source index recorded when it last read it
// is not read again (see index.go for why that is safe); the others are
// read by a pool of workers while the folders are walked, and the index
// is updated for the next time. The key does not depend on the order of
// the work, nor on the index. An error (an unreadable file or folder)
// means the key is unknown: build for real.
func Hash(in Inputs) (Sources, error) { return hashAt(in, time.Now()) }

// hashAt is Hash with its clock: now must be no later than the first
// stat it takes (tests pass a later one to settle files at once).
func hashAt(in Inputs, now time.Time) (Sources, error) {
	workers := in.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	h := newHasher(workers)
	useIndex := !in.NoIndex && statTimes && in.Root != ""
	if useIndex {
		h.idx = loadIndex(in.Root)
		// The files are likely those of last time: room for them all at
		// once spares growing the lists 20 times on a big site.
		n := h.idx.len() + 16
		h.files, h.records = make([]*fileRec, 0, n), make([][]byte, 0, 2*n+len(in.Options)+1)
	}
	limit := settleLimit(now)
	h.add(record('V', keyVersion, in.Tool))
	for _, o := range in.Options {
		h.add(record('O', o))
	}
	for _, tree := range Trees {
		h.tree(in.Root, tree, skipIn(tree), workers)
	}
	if in.Theme != nil {
		h.walk(in.Theme, ".", "(theme)/", func(string, int, bool) bool { return false })
	}
	src, err := h.finish()
	if err == nil && useIndex {
		if idx, changed := h.nextIndex(limit); changed {
			saveIndex(in.Root, idx) // a cache: failing to keep it costs a read next time
		}
	}
	return src, err
}

// skipIn returns which names under tree a build never reads, so changing
// them (an editor's swap file, a hidden work folder) keeps the key. Each
// rule follows the code that reads that tree; where unsure, a name is
// hashed, which costs at most a needless build.
func skipIn(tree string) func(name string, depth int, dir bool) bool {
	switch tree {
	case "content", "static":
		// source.Scan skips these names, files and folders alike.
		return func(name string, _ int, _ bool) bool { return source.Ignored(name) }
	case "i18n":
		// i18n.Load reads the top-level message files, skipping hidden
		// ones and names without a message extension; it warns about a
		// "#fr.yaml", so those count.
		return func(name string, _ int, _ bool) bool {
			return source.Ignored(name) && !strings.HasPrefix(name, "#")
		}
	case "layouts":
		// The template loader walks every folder, hidden ones included,
		// and reads every *.html file.
		return func(name string, _ int, dir bool) bool {
			return !dir && source.Ignored(name) && !strings.HasSuffix(name, ".html")
		}
	case "releases":
		// release.ListReleases takes the folders named as versions (not
		// the hidden work folders of a release in progress); inside one,
		// the manifest check reads every file, so none is skipped.
		return func(name string, depth int, _ bool) bool {
			return depth == 1 && release.CheckVersion(name) != nil
		}
	}
	return func(string, int, bool) bool { return false }
}

// record frames fields so that no two different lists of fields give the
// same bytes.
func record(kind byte, fields ...string) []byte {
	b := []byte{kind}
	for _, f := range fields {
		b = binary.AppendUvarint(b, uint64(len(f)))
		b = append(b, f...)
	}
	return b
}

// hasher collects the key's records in walk order; a file's record holds
// its content's digest, which a worker fills in.
type hasher struct {
	records [][]byte
	files   []*fileRec
	jobs    chan job
	wg      sync.WaitGroup
	idx     *sourceIndex // the source index as loaded; nil: none

	mu  sync.Mutex
	err error
}

type fileRec struct {
	sum  [sha256.Size]byte
	size int64
	// For a file on disk: its label and its stat, taken before it was
	// read, and whether the index gave its digest.
	label  string
	st     fileStat
	onDisk bool
	known  bool
}

type job struct {
	fsys fs.FS
	name string
	abs  string // the file's path on disk, when it is on disk: read faster
	rec  *fileRec
}

func newHasher(workers int) *hasher {
	h := &hasher{jobs: make(chan job, 256)}
	for range workers {
		h.wg.Add(1)
		go h.work()
	}
	return h
}

func (h *hasher) add(r []byte) { h.records = append(h.records, r) }

func (h *hasher) fail(err error) {
	h.mu.Lock()
	if h.err == nil {
		h.err = err
	}
	h.mu.Unlock()
}

// file queues a regular file of fsys for hashing and keeps its place in
// the key.
func (h *hasher) file(fsys fs.FS, name, label string) {
	r := &fileRec{}
	h.place(r, label)
	h.jobs <- job{fsys: fsys, name: name, rec: r}
}

// fileOnDisk keeps the place in the key of the regular file at the slash
// path label under dir, whose stat st was taken before anything of it is
// read: its digest is the index's when the index recorded this very
// stat, else it is queued for hashing.
func (h *hasher) fileOnDisk(dir, label string, st fileStat) {
	r := &fileRec{label: label, st: st, onDisk: true}
	h.place(r, label)
	if e, ok := h.idx.lookup(label); ok && e.st == st {
		r.sum, r.size, r.known = e.sum, e.size, true
		return
	}
	h.jobs <- job{name: label, abs: filepath.Join(dir, filepath.FromSlash(label)), rec: r}
}

// place keeps the place of the file r, labelled label, in the key.
func (h *hasher) place(r *fileRec, label string) {
	h.files = append(h.files, r)
	h.add(record('F', label))
	h.records = append(h.records, nil) // the digest, filled in by finish
}

// nextIndex returns the index for the next Hash: the entries of the files
// whose digest it gave, and of those read whose stat had settled by limit
// (see index.go), in the order of the key. It returns false when that is
// the index loaded.
func (h *hasher) nextIndex(limit int64) ([]indexEntry, bool) {
	kept, added := 0, false
	for _, f := range h.files {
		switch {
		case !f.onDisk:
		case f.known:
			kept++
		case f.st.settledBefore(limit):
			kept++
			added = true
		}
	}
	if !added && kept == h.idx.len() {
		return nil, false
	}
	ents := make([]indexEntry, 0, kept)
	for _, f := range h.files {
		if f.onDisk && (f.known || f.st.settledBefore(limit)) {
			ents = append(ents, indexEntry{label: f.label, st: f.st, size: f.size, sum: f.sum})
		}
	}
	return ents, true
}

// tree adds the files of the tree name under the site's root dir (a file
// or a folder), in lexical order, labelled by their slash paths from the
// root. Like the build, it follows name itself when it is a symbolic link
// but no link inside it: a link there counts by its target's name only,
// as the build does not read through it. The folders are read by up to
// workers goroutines at once; their entries are added in order after.
func (h *hasher) tree(dir, name string, skip func(string, int, bool) bool, workers int) {
	abs := filepath.Join(dir, name)
	st, err := statFollow(abs)
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := lstat(abs); lerr == nil {
			h.add(record('B', name)) // a dangling link
		}
		return // an absent tree is simply empty
	}
	if err != nil {
		h.fail(fmt.Errorf("%s: %w", name, err))
		return
	}
	if !st.isDir() {
		h.entry(dir, name, st)
		return
	}
	root := &folder{rel: name}
	err = walk(workers, []*folder{root}, func(f *folder, buf []byte) error {
		_, ents, err := readFolder(filepath.Join(dir, filepath.FromSlash(f.rel)), f.depth == 0, false, buf)
		if err != nil {
			return fmt.Errorf("%s: %w", f.rel, err)
		}
		keep := ents[:0]
		for _, e := range ents {
			if skip(e.name, f.depth+1, e.dir) {
				continue
			}
			if e.dir {
				e.sub = &folder{rel: f.rel + "/" + e.name, depth: f.depth + 1}
			}
			keep = append(keep, e)
		}
		slices.SortFunc(keep, nameOrder) // fs.WalkDir's order
		f.ents = keep
		return nil
	})
	if err != nil {
		h.fail(err)
		return
	}
	h.folder(dir, root)
}

// folder adds the entries of f and, in place, of its subfolders.
func (h *hasher) folder(dir string, f *folder) {
	for _, e := range f.ents {
		if e.sub != nil {
			h.folder(dir, e.sub)
			continue
		}
		h.entry(dir, f.rel+"/"+e.name, e.st)
	}
}

// entry adds one non-folder entry, at the slash path label under dir,
// whose stat is st: a regular file by its content, a link by its target,
// anything else (a pipe, a device) by its type, never opened (a read
// from a pipe could block for ever).
func (h *hasher) entry(dir, label string, st fileStat) {
	typ := st.typ()
	switch {
	case typ.IsRegular():
		h.fileOnDisk(dir, label, st)
	case typ&fs.ModeSymlink != 0:
		target, err := os.Readlink(filepath.Join(dir, filepath.FromSlash(label)))
		if err != nil {
			h.fail(fmt.Errorf("%s: %w", label, err))
			return
		}
		h.add(record('L', label, target))
	default:
		h.add(record('S', label, typ.String()))
	}
}

// walk adds the files of the folder root of fsys (the embedded theme), in
// lexical order, labelled prefix+path, as tree does those on disk.
func (h *hasher) walk(fsys fs.FS, root, prefix string, skip func(string, int, bool) bool) {
	if _, err := fs.Stat(fsys, root); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			h.fail(fmt.Errorf("%s%s: %w", prefix, root, err))
		}
		return
	}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if p == root {
			return nil
		}
		depth := strings.Count(p, "/") - strings.Count(root, "/")
		if root == "." {
			depth++
		}
		if skip(d.Name(), depth, d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch typ := d.Type(); {
		case d.IsDir():
		case typ.IsRegular():
			h.file(fsys, p, prefix+p)
		case typ&fs.ModeSymlink != 0:
			target, err := fs.ReadLink(fsys, p)
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			h.add(record('L', prefix+p, target))
		default:
			h.add(record('S', prefix+p, typ.String()))
		}
		return nil
	})
	if err != nil {
		h.fail(err)
	}
}

func (h *hasher) work() {
	defer h.wg.Done()
	buf := make([]byte, 64<<10)
	d := sha256.New()
	for j := range h.jobs {
		var n int64
		var err error
		if j.abs != "" {
			n, err = digestFile(d, j.abs, buf)
		} else {
			n, err = digest(d, j.fsys, j.name, buf)
		}
		if err != nil {
			h.fail(fmt.Errorf("%s: %w", j.name, err))
			continue
		}
		d.Sum(j.rec.sum[:0])
		j.rec.size = n
	}
}

// digest hashes one file into d (reset first) with buf, and returns its
// length. It reads with Read, not io.Copy, which would bypass buf through
// *os.File's WriteTo and allocate per file.
func digest(d hash.Hash, fsys fs.FS, name string, buf []byte) (int64, error) {
	d.Reset()
	f, err := fsys.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var n int64
	for {
		k, err := f.Read(buf)
		d.Write(buf[:k])
		n += int64(k)
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// finish waits for the workers and folds every record into the key.
func (h *hasher) finish() (Sources, error) {
	close(h.jobs)
	h.wg.Wait()
	if h.err != nil {
		return Sources{}, h.err
	}
	key := sha256.New()
	var src Sources
	next := 0
	for _, r := range h.records {
		if r == nil { // a file's digest, in the order the files were queued
			f := h.files[next]
			next++
			r = binary.AppendUvarint(append([]byte{'C'}, f.sum[:]...), uint64(f.size))
			src.Files++
			src.Bytes += f.size
			if !f.known {
				src.Read++
			}
		}
		key.Write(binary.AppendUvarint(nil, uint64(len(r))))
		key.Write(r)
	}
	src.Key = hex.EncodeToString(key.Sum(nil))
	return src, nil
}
