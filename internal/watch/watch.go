// Package watch turns file-system activity under a site root into debounced,
// collapsed batches of file changes, for `attache serve`.
//
// It knows nothing of the build: it deals in paths only. What it promises:
//
//   - A Batch names each changed file at most once, sorted by path, with paths
//     relative to the root in forward-slash form.
//   - Only files are reported, never directories. A directory that appears
//     (created, or moved in) is reported as a Create of every file in it; one
//     that disappears (removed, or moved away) as a Remove of every file the
//     watcher knew in it. A rename is a Remove of the old path and a Create of
//     the new one.
//   - An Op is the net effect since the previous batch, judged by the state of
//     the file system when the batch is cut: Create (the file did not exist
//     and exists now), Write (it existed and still exists), Remove (it existed
//     and is gone). A file that came and went in between is not reported. This
//     is what makes editors' atomic saves (temporary file renamed onto the
//     target, or remove then create) come out as one Write of the saved file.
//   - A burst of activity becomes one batch, delivered once nothing happened
//     for Options.Debounce, or at the latest Options.MaxDelay after the burst
//     began, so that a never-ending stream of events still delivers.
//   - Permission-only changes (chmod), temporary and backup files of common
//     editors, and dot-directories such as .git are never reported.
//   - Batch.Rescan is set when the kernel dropped events; the consumer must
//     then re-read everything. The watcher resynchronises itself (directories
//     created meanwhile are watched again) and still lists what it found.
//   - Problems met while watching (an unreadable directory, the inotify watch
//     limit) travel in Batch.Errors; the watcher keeps running.
//   - Close stops every goroutine the watcher started, then closes Batches.
//
// Symbolic links are not followed into directories; a link to a regular file
// counts as that file.
package watch

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Op is the net change of one file within a batch.
type Op int

const (
	// Create: the file did not exist before this batch and exists now.
	Create Op = iota + 1
	// Write: the file existed before this batch and still exists; its content
	// may have changed (or been replaced by an atomic save).
	Write
	// Remove: the file existed before this batch and is gone.
	Remove
)

func (o Op) String() string {
	switch o {
	case Create:
		return "create"
	case Write:
		return "write"
	case Remove:
		return "remove"
	}
	return fmt.Sprintf("Op(%d)", int(o))
}

// Change is one file's net change.
type Change struct {
	Path string // relative to the root, forward slashes
	Op   Op
}

// Batch is what happened during one burst of activity.
type Batch struct {
	// Changes are sorted by Path; a path appears at most once.
	Changes []Change
	// Rescan reports that events were lost: the consumer must re-read
	// everything, Changes may be incomplete.
	Rescan bool
	// Errors are problems met while watching (for example a directory that
	// cannot be read or watched). Errors name the path relative to the root.
	// A batch may carry only errors.
	Errors []error
}

// Options configure a Watcher. The zero value watches the whole root.
type Options struct {
	// Paths to watch, relative to the root, with forward slashes: e.g.
	// "content", "layouts", "static", "i18n", "site.yaml". Directories are
	// watched recursively; a file such as site.yaml is watched through its
	// parent directory so that atomic saves onto it are seen. A path that does
	// not exist yet is picked up when it appears. Empty means the whole root.
	Paths []string
	// Debounce is how long the file system must stay quiet before a batch is
	// cut. Default 50ms.
	Debounce time.Duration
	// MaxDelay caps how long a batch waits after its first event, so that a
	// never-ending stream of events still delivers. Default 500ms, and never
	// less than Debounce.
	MaxDelay time.Duration
	// Poll > 0 walks the watched paths at this interval instead of using OS
	// events, for file systems without them (network mounts, some container
	// volumes). A file counts as changed when its size, modification time or
	// identity (inode) changed: a rewrite that keeps the size and lands within
	// the file system's timestamp granularity of the previous one, in place,
	// can be missed. Permission changes are ignored, as in event mode.
	Poll time.Duration
	// Ignore is an extra rule, called with a path relative to the root
	// (forward slashes) for files and directories; true leaves it (and, for a
	// directory, everything under it) unwatched. The built-in rule always
	// applies. It is called from the watcher's goroutine, never concurrently.
	Ignore func(rel string) bool
}

const (
	defaultDebounce = 50 * time.Millisecond
	defaultMaxDelay = 500 * time.Millisecond
)

// Watcher watches a site root. Create one with New; read Batches; Close it.
type Watcher struct {
	root     string // absolute, cleaned, OS separators
	scope    scope
	ignore   func(rel string) bool
	debounce time.Duration
	maxDelay time.Duration
	poll     time.Duration
	fsw      *fsnotify.Watcher // nil in poll mode

	out     chan Batch
	done    chan struct{} // closed by Close to stop the loop
	exited  chan struct{} // closed by the loop once it has cleaned up
	once    sync.Once
	exitErr error // set by the loop before exited is closed

	// Owned by the loop goroutine once New has returned.
	files    map[string]fileState // files the watcher knows, as of the last batch cut
	polled   map[string]fileState // poll mode: the files found by the previous poll
	pollErrs map[string]bool      // poll mode: the errors the previous poll met
	watched  map[string]bool      // directories with an OS watch
	pend     pending              // activity not yet cut into a batch
	offer    offer                // cut batch waiting for the consumer
}

// New starts watching root. In event mode it fails if the OS watcher cannot
// be set up, or runs short of watches for the existing directories (the error
// wraps ErrWatchLimit); the caller may then retry with Options.Poll.
func New(root string, opts Options) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("watch %s: not a directory", root)
	}
	sc, err := newScope(opts.Paths)
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		root:     abs,
		scope:    sc,
		ignore:   opts.Ignore,
		debounce: opts.Debounce,
		maxDelay: opts.MaxDelay,
		poll:     opts.Poll,
		out:      make(chan Batch),
		done:     make(chan struct{}),
		exited:   make(chan struct{}),
		files:    map[string]fileState{},
		watched:  map[string]bool{},
		pend:     newPending(),
	}
	if w.debounce <= 0 {
		w.debounce = defaultDebounce
	}
	if w.maxDelay <= 0 {
		w.maxDelay = defaultMaxDelay
	}
	w.maxDelay = max(w.maxDelay, w.debounce)

	if w.poll > 0 {
		w.walk(".", nil, w.remember)
		w.pollErrs = map[string]bool{}
		for _, err := range w.pend.errs {
			w.pollErrs[err.Error()] = true
		}
		w.polled = maps.Clone(w.files)
	} else {
		fsw, err := fsnotify.NewWatcher()
		if err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
		w.fsw = fsw
		// Each directory is watched before it is listed, so a file created
		// in between is seen at least once.
		w.walk(".", w.addWatch, w.remember)
		// Running short of watches means changes would go unseen: fail, so
		// that the caller can poll instead. Other problems (an unreadable
		// directory) come in the first batch.
		for _, err := range w.pend.errs {
			if errors.Is(err, ErrWatchLimit) {
				return nil, errors.Join(err, fsw.Close())
			}
		}
	}
	go w.run()
	return w, nil
}

// Batches delivers the batches. It is closed after Close. A batch that is not
// received in time keeps growing: later activity is folded into it.
func (w *Watcher) Batches() <-chan Batch { return w.out }

// Close stops watching and waits until every goroutine of the watcher has
// ended; Batches is closed by then. Pending, undelivered changes are dropped.
// Close may be called more than once; later calls return the first result.
func (w *Watcher) Close() error {
	w.once.Do(func() { close(w.done) })
	<-w.exited
	return w.exitErr
}

// remember records a file found by the initial walk: it is the state later
// batches are measured against.
func (w *Watcher) remember(rel string, st fileState) { w.files[rel] = st }

// sortedKeys returns the keys of m in order, for deterministic output.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
