package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// fileState is what poll mode compares, and what tells a Create from a Write.
// Permission bits are left out on purpose: chmod is not a change.
type fileState struct {
	size  int64
	mtime int64  // UnixNano
	id    uint64 // inode where the OS has one, so a same-size atomic save is seen
}

func stateOf(info fs.FileInfo) fileState {
	return fileState{size: info.Size(), mtime: info.ModTime().UnixNano(), id: fileID(info)}
}

// gone reports errors that mean "nothing there": the path or one of its
// parents vanished, or a parent is now a file.
func gone(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// stat reports the state of the file at rel, following a symbolic link. ok is
// false when there is no regular file there (nothing, a directory, a dangling
// link, a device); err is set only for other failures, such as permissions.
func (w *Watcher) stat(rel string) (st fileState, ok bool, err error) {
	info, err := os.Stat(w.abs(rel))
	if err != nil {
		if gone(err) {
			return fileState{}, false, nil
		}
		return fileState{}, false, fmt.Errorf("%s: %w", rel, err)
	}
	if !info.Mode().IsRegular() {
		return fileState{}, false, nil
	}
	return stateOf(info), true, nil
}

// walk visits the watched part of the tree at the directory rel: it calls
// onDir (if not nil) for each directory before listing it, and onFile for each
// watched file. Problems (a directory that cannot be watched or read) are
// reported in the next batch and the walk goes on with the rest; things that
// vanish during the walk are skipped.
func (w *Watcher) walk(rel string, onDir func(rel string) error, onFile func(rel string, st fileState)) {
	if onDir != nil {
		if err := onDir(rel); err != nil {
			w.addErr(err)
			return
		}
	}
	entries, err := os.ReadDir(w.abs(rel))
	if err != nil {
		if !gone(err) {
			w.addErr(fmt.Errorf("%s: %w", rel, err))
		}
		return
	}
	for _, e := range entries {
		child := join(rel, e.Name())
		if e.IsDir() {
			if w.wantsDir(child) {
				w.walk(child, onDir, onFile)
			}
			continue
		}
		if !w.wantsFile(child) {
			continue
		}
		st, ok, err := w.stat(child)
		if err != nil {
			w.addErr(err)
			continue
		}
		if ok {
			onFile(child, st)
		}
	}
}

// ErrWatchLimit is wrapped by the error New returns, and by errors in
// batches, when the OS refuses more watches (inotify's per-user limit): the
// caller may fall back to polling.
var ErrWatchLimit = errors.New("the OS limit on watched directories is reached")

// addWatch puts an OS watch on the directory rel. A directory that vanished
// meanwhile is not an error: its removal is reported by its parent.
func (w *Watcher) addWatch(rel string) error {
	err := w.fsw.Add(w.abs(rel))
	switch {
	case err == nil:
		w.watched[rel] = true
		return nil
	case gone(err):
		return nil
	case errors.Is(err, syscall.ENOSPC): // inotify: max_user_watches
		return fmt.Errorf("watch %s: %w (%w: raise fs.inotify.max_user_watches, or use polling)", rel, err, ErrWatchLimit)
	case errors.Is(err, syscall.EMFILE): // kqueue: one descriptor per watch
		return fmt.Errorf("watch %s: %w (%w: raise the open files limit, or use polling)", rel, err, ErrWatchLimit)
	}
	return fmt.Errorf("watch %s: %w", rel, err)
}

// dropDir forgets the directory rel, which was removed or moved away: its
// watches and those below it go (a watch that survives a move would go on
// reporting events under the old path), and every file known under it is
// looked at again when the batch is cut, which turns them into Removes.
func (w *Watcher) dropDir(rel string) {
	for d := range w.watched {
		if within(d, rel) {
			// The kernel may have dropped it already; nothing to do then.
			_ = w.fsw.Remove(w.abs(d))
			delete(w.watched, d)
		}
	}
	for f := range w.files {
		if within(f, rel) {
			w.markDirty(f)
		}
	}
}
