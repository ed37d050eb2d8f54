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
	"strings"
	"sync"

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
}

// Sources is what Hash found.
type Sources struct {
	Key   string // hex SHA-256 of everything the build reads
	Files int    // how many files were read (the theme's included)
	Bytes int64  // how many bytes
}

// Hash reads every file the build of in.Root would read and returns their
// key. Files are read by a pool of workers while the folders are walked;
// the key does not depend on their order. An error (an unreadable file or
// folder) means the key is unknown: build for real.
func Hash(in Inputs) (Sources, error) {
	workers := in.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	h := newHasher(workers)
	h.add(record('V', keyVersion, in.Tool))
	for _, o := range in.Options {
		h.add(record('O', o))
	}
	site := os.DirFS(in.Root)
	for _, tree := range Trees {
		h.walk(site, in.Root, tree, "", skipIn(tree))
	}
	if in.Theme != nil {
		h.walk(in.Theme, "", ".", "(theme)/", func(string, int, bool) bool { return false })
	}
	return h.finish()
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

	mu  sync.Mutex
	err error
}

type fileRec struct {
	sum  [sha256.Size]byte
	size int64
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

// file queues a regular file for hashing and keeps its place in the key.
// abs is its path on disk, or "" for a file of an fs.FS elsewhere.
func (h *hasher) file(fsys fs.FS, name, abs, label string) {
	r := &fileRec{}
	h.files = append(h.files, r)
	h.add(record('F', label))
	h.records = append(h.records, nil) // the digest, filled in by finish
	h.jobs <- job{fsys, name, abs, r}
}

// walk adds the files of root in fsys (a file or a folder), in lexical
// order, labelled prefix+path. Like the build, it follows root itself
// when it is a symbolic link but no link inside it: a link there counts
// by its target's name only, as the build does not read through it.
//
// dir is the folder fsys reads on disk, "" when fsys is not a folder.
func (h *hasher) walk(fsys fs.FS, dir, root, prefix string, skip func(string, int, bool) bool) {
	info, err := fs.Stat(fsys, root)
	if errors.Is(err, fs.ErrNotExist) {
		if _, lerr := fs.Lstat(fsys, root); lerr == nil {
			h.add(record('B', prefix+root)) // a dangling link
		}
		return // an absent tree is simply empty
	}
	if err != nil {
		h.fail(fmt.Errorf("%s: %w", root, err))
		return
	}
	if !info.IsDir() {
		h.entry(fsys, dir, root, prefix, info.Mode().Type())
		return
	}
	err = fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
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
		if d.IsDir() {
			return nil
		}
		h.entry(fsys, dir, p, prefix, d.Type())
		return nil
	})
	if err != nil {
		h.fail(err)
	}
}

// entry adds one non-folder entry: a regular file by its content, a link
// by its target, anything else (a pipe, a device) by its type, never
// opened (a read from a pipe could block for ever).
func (h *hasher) entry(fsys fs.FS, dir, p, prefix string, typ fs.FileMode) {
	switch {
	case typ.IsRegular():
		abs := ""
		if dir != "" {
			abs = filepath.Join(dir, filepath.FromSlash(p))
		}
		h.file(fsys, p, abs, prefix+p)
	case typ&fs.ModeSymlink != 0:
		target, err := fs.ReadLink(fsys, p)
		if err != nil {
			h.fail(fmt.Errorf("%s: %w", p, err))
			return
		}
		h.add(record('L', prefix+p, target))
	default:
		h.add(record('S', prefix+p, typ.String()))
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
		}
		key.Write(binary.AppendUvarint(nil, uint64(len(r))))
		key.Write(r)
	}
	src.Key = hex.EncodeToString(key.Sum(nil))
	return src, nil
}
