package watch

// pollOnce walks the watched tree and marks every file that changed, appeared
// or vanished since the previous poll. Comparing with the previous poll, not
// with the last batch, is what lets a quiet file system end the burst: a
// change already marked is not marked again, so the debounce can expire.
func (w *Watcher) pollOnce() {
	// The same unreadable directory would be reported at every poll: only
	// errors the previous poll did not meet are passed on.
	touched, n, dropped := w.pend.touched, len(w.pend.errs), w.pend.dropped
	found := map[string]fileState{}
	w.walk(".", nil, func(rel string, st fileState) { found[rel] = st })
	met := w.pend.errs[n:]
	w.pend.touched, w.pend.errs, w.pend.dropped = touched, w.pend.errs[:n:n], dropped
	seen := map[string]bool{}
	for _, err := range met {
		seen[err.Error()] = true
		if !w.pollErrs[err.Error()] {
			w.addErr(err)
		}
	}
	w.pollErrs = seen
	w.compare(w.polled, found)
	w.polled = found
}

// compare marks the differences between two listings of the files.
func (w *Watcher) compare(old, found map[string]fileState) {
	for rel, st := range found {
		if prev, ok := old[rel]; !ok || prev != st {
			w.markDirty(rel)
		}
	}
	for rel := range old {
		if _, ok := found[rel]; !ok {
			w.markDirty(rel)
		}
	}
}
