// Package publish is the only code that writes a site to disk. It writes
// every output into a fresh directory beside the target and swaps it in at
// the end, so a failed or killed build leaves the previous output exactly
// as it was, and nothing is ever written outside those two directories.
package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/attache-ssg/attache/internal/render"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// Stats says what a publish did.
type Stats struct {
	Files int
	Bytes int64
	// Unchanged counts the files identical to the previous output's: they
	// are hard links to the previous files, so their modification times
	// hold (rsync and mirrors see them as unchanged).
	Unchanged int
}

const (
	newInfix = ".attache-new-"
	oldInfix = ".attache-old-"
)

// Write publishes outputs into dir. On any error dir is untouched and the
// temporary directory is removed.
func Write(dir string, outputs []render.Output, workers int) (Stats, error) {
	w, err := Begin(dir, workers)
	if err != nil {
		return Stats{}, err
	}
	for _, o := range outputs {
		w.Add(o)
	}
	return w.Commit()
}

// Writer publishes outputs as they arrive: files are written into a fresh
// directory beside the target by a few goroutines while the caller goes on
// rendering, and Commit swaps the directory in. Add may be called from
// many goroutines.
type Writer struct {
	dir, tmp string
	old      string // the previous output, whose identical files are linked; "" when none
	queue    chan render.Output
	wg       sync.WaitGroup

	mu    sync.Mutex
	seen  map[string]string // path → origin, to refuse two outputs at one path
	dirs  map[string]bool
	st    Stats
	errs  []error
	ended bool
}

// Begin starts publishing into dir.
func Begin(dir string, workers int) (*Writer, error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("%s: %w", parent, err)
	}
	CleanLeftovers(dir)
	tmp, err := os.MkdirTemp(parent, "."+base+newInfix)
	if err != nil {
		return nil, fmt.Errorf("creating a directory beside %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("%s: %w", tmp, err)
	}
	if workers < 1 {
		workers = 1
	}
	w := &Writer{dir: dir, tmp: tmp, queue: make(chan render.Output, 256), seen: map[string]string{}, dirs: map[string]bool{".": true}}
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		w.old = dir
	}
	for i := 0; i < workers; i++ {
		w.wg.Add(1)
		go w.work()
	}
	return w, nil
}

// Add queues one output. Problems (an unsafe path, two outputs at one
// path, a failed write) are kept for Commit to report. The output is
// released (render.Output.Release) once written or refused.
func (w *Writer) Add(o render.Output) {
	clean, err := urlpath.Clean(o.Path)
	w.mu.Lock()
	switch {
	case err != nil || clean != o.Path:
		w.errs = append(w.errs, fmt.Errorf("refusing to write %q: %w", o.Path, urlpath.ErrUnsafe))
	case w.seen[o.Path] != "":
		w.errs = append(w.errs, fmt.Errorf("output %s is written by both %s and %s", o.Path, w.seen[o.Path], orPath(o)))
	default:
		w.seen[o.Path] = orPath(o)
		w.mu.Unlock()
		w.queue <- o
		return
	}
	w.mu.Unlock()
	o.Release()
}

func orPath(o render.Output) string {
	if o.Origin != "" {
		return o.Origin
	}
	return o.Path
}

func (w *Writer) work() {
	defer w.wg.Done()
	for o := range w.queue {
		err := w.mkdir(filepath.Dir(filepath.FromSlash(o.Path)))
		var n int64
		linked := false
		if err == nil {
			if linked = w.linkUnchanged(o); !linked {
				n, err = writeOne(w.tmp, o)
			}
		}
		o.Release()
		w.mu.Lock()
		w.st.Files++
		w.st.Bytes += n
		if linked {
			w.st.Unchanged++
		}
		if err != nil {
			w.errs = append(w.errs, err)
		}
		w.mu.Unlock()
	}
}

// mkdir creates a directory of the output once, whichever worker needs it
// first, and its parents before it. The directories made are remembered,
// so each costs one mkdir call: os.MkdirAll would stat every level first,
// and a big site has tens of thousands of folders.
func (w *Writer) mkdir(d string) error {
	w.mu.Lock()
	done := w.dirs[d]
	w.mu.Unlock()
	if done {
		return nil
	}
	if err := w.mkdir(filepath.Dir(d)); err != nil {
		return err
	}
	full := filepath.Join(w.tmp, d)
	if err := os.Mkdir(full, 0o755); err != nil {
		// Another worker may have made it a moment ago.
		if st, serr := os.Lstat(full); serr != nil || !st.IsDir() {
			return err
		}
	}
	w.mu.Lock()
	w.dirs[d] = true
	w.mu.Unlock()
	return nil
}

func (w *Writer) finish() {
	w.mu.Lock()
	ended := w.ended
	w.ended = true
	w.mu.Unlock()
	if !ended {
		close(w.queue)
	}
	w.wg.Wait()
}

// Abort drops everything written so far; the target is untouched.
func (w *Writer) Abort() {
	w.finish()
	os.RemoveAll(w.tmp)
}

// Paths returns the path of every output written (after a successful
// Commit: the files the output folder holds), in no particular order.
func (w *Writer) Paths() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	paths := make([]string, 0, len(w.seen))
	for p := range w.seen {
		paths = append(paths, p)
	}
	return paths
}

// Commit waits for the writes and swaps the new directory in, unless a
// problem occurred: then nothing changes and the problems are returned.
func (w *Writer) Commit() (Stats, error) {
	w.finish()
	if len(w.errs) > 0 {
		os.RemoveAll(w.tmp)
		return Stats{}, errors.Join(w.errs...)
	}
	if err := swap(w.tmp, w.dir); err != nil {
		os.RemoveAll(w.tmp)
		return Stats{}, err
	}
	return w.st, nil
}

// CleanLeftovers removes the temporary directories of builds that were
// killed before they could clean up.
func CleanLeftovers(dir string) {
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && (strings.HasPrefix(n, "."+base+newInfix) || strings.HasPrefix(n, "."+base+oldInfix)) {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

func writeOne(root string, o render.Output) (int64, error) {
	dst := filepath.Join(root, filepath.FromSlash(o.Path))
	if o.Src == nil {
		if err := createFile(dst, o.Data); err != nil {
			return 0, fmt.Errorf("writing %s: %w", o.Path, err)
		}
		return int64(len(o.Data)), nil
	}
	in, err := o.Src.Open(o.SrcPath)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", o.SrcPath, err)
	}
	defer in.Close()
	if st, err := in.Stat(); err == nil && !st.Mode().IsRegular() {
		return 0, fmt.Errorf("%s: not a regular file", o.SrcPath)
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return 0, fmt.Errorf("writing %s: %w", o.Path, err)
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("copying %s to %s: %w", o.SrcPath, o.Path, err)
	}
	return n, nil
}

// swap puts tmp in dir's place. Where the OS can exchange two paths in one
// step the old output is never missing; elsewhere it is renamed away first.
func swap(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	if err := exchange(tmp, dir); err == nil {
		return os.RemoveAll(tmp) // tmp now holds the previous output
	}
	old := filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+oldInfix+filepath.Base(tmp)[len(filepath.Base(dir))+len(newInfix)+1:])
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("moving the previous output %s aside: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir)
		return fmt.Errorf("moving the new output into %s: %w", dir, err)
	}
	return os.RemoveAll(old)
}
