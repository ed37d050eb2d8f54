package buildcache

import (
	"errors"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// folder is one folder of a walked tree: its entries, in the order its
// reader chose, and below them the folders the walk descended into.
type folder struct {
	rel   string // slash-separated, under the walk's root; "" for the root
	depth int    // 0 for the root
	self  fileStat
	ents  []dirent
	prev  *listedFolder // Check: what the last check listed here, if anything
	fresh bool          // Check: listed from disk, not taken from prev
	// base, when set, is the open parent folder: the folder's path is
	// looked up from it, by its name alone. The walk releases it once the
	// folder is read.
	base *dirHandle
}

// name returns the last element of f's path.
func (f *folder) name() string { return f.rel[strings.LastIndexByte(f.rel, '/')+1:] }

// dirHandle is an open folder from which the reads of its subfolders look
// up their paths: a lookup of "a/index.html" from the open "vi/news" costs
// about a fifth less than one of the whole path from "/". It is closed
// when its last holder (its own read, then each subfolder's) releases it.
type dirHandle struct {
	fd   int
	refs atomic.Int32
}

func newDirHandle(fd int) *dirHandle {
	h := &dirHandle{fd: fd}
	h.refs.Store(1)
	return h
}

func (h *dirHandle) hold() *dirHandle { h.refs.Add(1); return h }

func (h *dirHandle) release() {
	if h != nil && h.refs.Add(-1) == 0 {
		closeFD(h.fd)
	}
}

// walker reads a tree of folders on a few goroutines at once: a folder's
// subfolders go to a new goroutine while one is free, else the goroutine
// that found them reads them, depth first, which bounds how many folders
// are open at once. What is read lands in the folder nodes, so the tree
// comes out the same whatever order the goroutines ran in.
type walker struct {
	sem  chan struct{} // a token per extra goroutine
	wg   sync.WaitGroup
	bufs sync.Pool // of *[]byte, for reading folders
	// read lists f into f.ents and sets sub on the entries to descend
	// into. buf is its to use until it returns.
	read   func(f *folder, buf []byte) error
	failed atomic.Bool

	mu  sync.Mutex
	err error
}

// walk reads the trees below roots with up to workers goroutines, and
// returns the first error (the folders being read when it happened are
// finished, no more are started).
func walk(workers int, roots []*folder, read func(f *folder, buf []byte) error) error {
	w := &walker{sem: make(chan struct{}, max(workers-1, 0)), read: read}
	for _, r := range roots {
		w.wg.Add(1)
		w.folder(r)
	}
	w.wg.Wait()
	return w.err
}

func (w *walker) folder(f *folder) {
	defer w.wg.Done()
	defer f.base.release()
	if w.failed.Load() {
		return
	}
	buf, _ := w.bufs.Get().(*[]byte)
	if buf == nil {
		b := make([]byte, 32<<10)
		buf = &b
	}
	err := w.read(f, *buf)
	w.bufs.Put(buf)
	if err != nil {
		w.mu.Lock()
		if w.err == nil {
			w.err = err
		}
		w.mu.Unlock()
		w.failed.Store(true)
		return
	}
	for _, e := range f.ents {
		if e.sub == nil {
			continue
		}
		w.wg.Add(1)
		select {
		case w.sem <- struct{}{}:
			go func() { w.folder(e.sub); <-w.sem }()
		default:
			w.folder(e.sub)
		}
	}
}

// inChunks calls do for 0..n-1, split in one contiguous chunk per
// processor, and returns the first error of each chunk, joined (a chunk
// stops at its first).
func inChunks(n int, do func(i int) error) error {
	workers := max(min(runtime.GOMAXPROCS(0), n), 1)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				if err := do(i); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
