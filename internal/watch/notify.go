package watch

import (
	"errors"
	"fmt"
	"os"

	"github.com/fsnotify/fsnotify"
)

// handle takes one fsnotify event. It only marks paths to look at when the
// batch is cut (and keeps the directory watches in step): what changed is
// decided then, from the disk, which is what collapses editors' save dances.
func (w *Watcher) handle(ev fsnotify.Event) {
	if !ev.Has(fsnotify.Create | fsnotify.Write | fsnotify.Remove | fsnotify.Rename) {
		return // chmod only
	}
	rel, ok := w.rel(ev.Name)
	if !ok || rel == "." {
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if w.watched[rel] {
			w.dropDir(rel)
		}
		if w.wantsFile(rel) {
			w.markDirty(rel)
		}
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(w.abs(rel)); err == nil && info.IsDir() {
			// A new directory, or one moved in: events inside it before its
			// watch was added are lost, so its contents are listed.
			if w.wantsDir(rel) {
				w.walk(rel, w.addWatch, w.markNew)
			}
			return
		}
	}
	if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write) {
		if w.wantsFile(rel) {
			w.markDirty(rel)
		}
	}
}

// handleError takes an error from fsnotify. An overflow means events were
// lost, so the consumer is told to rescan and the watcher resynchronises.
func (w *Watcher) handleError(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		w.resync()
		return
	}
	w.addErr(fmt.Errorf("watch: %w", err))
}

// resync walks the whole watched tree again after lost events: directories
// that appeared get watches, those that vanished lose them, and files are
// compared with what the watcher knew.
func (w *Watcher) resync() {
	w.pend.rescan = true
	w.pend.touched = true
	seen := map[string]bool{}
	found := map[string]fileState{}
	w.walk(".", func(rel string) error {
		seen[rel] = true
		return w.addWatch(rel)
	}, func(rel string, st fileState) { found[rel] = st })
	for _, d := range sortedKeys(w.watched) {
		if !seen[d] {
			_ = w.fsw.Remove(w.abs(d))
			delete(w.watched, d)
		}
	}
	w.compare(w.files, found)
}
