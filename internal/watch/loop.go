package watch

import (
	"time"

	"github.com/fsnotify/fsnotify"
)

// pending is activity that has not been cut into a batch yet: the paths to
// look at, and what else to tell.
type pending struct {
	dirty   map[string]struct{}
	rescan  bool
	errs    []error
	dropped int
	first   time.Time // when this burst began; zero when nothing is pending
	touched bool      // something was added since the loop last scheduled
}

func newPending() pending { return pending{dirty: map[string]struct{}{}} }

func (w *Watcher) markDirty(rel string) {
	w.pend.dirty[rel] = struct{}{}
	w.pend.touched = true
}

// markNew marks a file found in a directory that appeared.
func (w *Watcher) markNew(rel string, _ fileState) { w.markDirty(rel) }

func (w *Watcher) addErr(err error) {
	if len(w.pend.errs) < maxErrors {
		w.pend.errs = append(w.pend.errs, err)
	} else {
		w.pend.dropped++
	}
	w.pend.touched = true
}

// run is the watcher's one goroutine: it owns all state after New.
func (w *Watcher) run() {
	defer close(w.exited)
	defer close(w.out)
	if w.fsw != nil {
		defer func() { w.exitErr = w.fsw.Close() }()
	}

	var (
		events <-chan fsnotify.Event
		errs   <-chan error
		tick   <-chan time.Time
	)
	if w.fsw != nil {
		events, errs = w.fsw.Events, w.fsw.Errors
	} else {
		t := time.NewTicker(w.poll)
		defer t.Stop()
		tick = t.C
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()

	var ready Batch
	for {
		if w.pend.touched {
			w.pend.touched = false
			w.schedule(timer)
		}
		var out chan<- Batch
		if !w.offer.empty() {
			out = w.out
		}
		select {
		case <-w.done:
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			w.handle(ev)
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			w.handleError(err)
		case <-tick:
			w.pollOnce()
		case <-timer.C:
			if w.drain(events) {
				continue // not quiet after all: schedule again
			}
			w.cut()
			ready = w.offer.batch()
		case out <- ready:
			w.offer = offer{}
			ready = Batch{}
		}
	}
}

// schedule (re)arms the timer that cuts the batch: Debounce after the latest
// activity, but no later than MaxDelay after the first.
func (w *Watcher) schedule(timer *time.Timer) {
	now := time.Now()
	if w.pend.first.IsZero() {
		w.pend.first = now
	}
	d := min(w.debounce, w.pend.first.Add(w.maxDelay).Sub(now))
	timer.Reset(max(d, 0))
}

// cut turns pending activity into changes, judged by what is on disk now
// against what the watcher knew, and folds them into the offered batch.
func (w *Watcher) cut() {
	p := w.pend
	w.pend = newPending()
	for _, rel := range sortedKeys(p.dirty) {
		before, had := w.files[rel]
		now, exists, err := w.stat(rel)
		if err != nil {
			p.errs = append(p.errs, err)
			continue
		}
		// In poll mode a path is looked at again only if it looked changed;
		// an event, though, is trusted even when size and time look equal.
		if had && exists && w.fsw == nil && before == now {
			continue
		}
		op, ok := derive(had, exists)
		if !ok {
			continue
		}
		if exists {
			w.files[rel] = now
		} else {
			delete(w.files, rel)
		}
		w.offer.add(rel, op)
	}
	w.offer.rescan = w.offer.rescan || p.rescan
	w.offer.addErrs(p.errs, p.dropped)
}

// drain handles the events that are already waiting when the timer fires, and
// reports whether the burst goes on. When the loop itself was held up (a
// loaded machine), the timer can expire with events queued behind it: they
// belong to the same burst, unless MaxDelay is already spent.
func (w *Watcher) drain(events <-chan fsnotify.Event) bool {
	more := false
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return more
			}
			w.handle(ev)
			more = more || w.pend.touched
			continue
		default:
		}
		break
	}
	return more && time.Since(w.pend.first) < w.maxDelay
}
