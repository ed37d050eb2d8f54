package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/watch"
)

// Builder makes one build of the site for baseURL, the address being
// served. changed lists the files (relative to the site root, forward
// slashes) created, written or removed since the previous call, whether
// that call succeeded or not; nil means "unknown, assume anything changed":
// the first build, or after the watcher lost events. The server never calls
// a Builder concurrently, so an incremental builder may keep state between
// calls. The outputs it returns must not be modified afterwards: they are
// served as they are.
//
// It returns like build.Run: a Result with the diagnostics, and an error
// when the build failed.
type Builder func(baseURL string, changed []string) (*build.Result, error)

// SessionBuilder builds with a build.Session, which renders again only
// what a change needs (see build.Session); its results may be Incremental.
func SessionBuilder(site, theme fs.FS, opts build.Options) Builder {
	var sess *build.Session
	var sessURL string
	return func(baseURL string, changed []string) (*build.Result, error) {
		if sess == nil || baseURL != sessURL {
			o := opts
			o.BaseURL = baseURL
			sess, sessURL, changed = build.NewSession(site, theme, o), baseURL, nil
		}
		return sess.Build(changed)
	}
}

// FullBuilder rebuilds everything every time with build.Run.
func FullBuilder(site, theme fs.FS, opts build.Options) Builder {
	return func(baseURL string, _ []string) (*build.Result, error) {
		o := opts
		o.BaseURL = baseURL
		return build.Run(site, theme, o)
	}
}

// loop rebuilds after every batch of changes until the server closes.
func (s *Server) loop() {
	defer close(s.loopDone)
	for {
		select {
		case <-s.done:
			return
		case b, ok := <-s.watcher.Batches():
			if !ok {
				return
			}
			for _, err := range b.Errors {
				fmt.Fprintf(s.cfg.Log, "serve: watching: %v\n", err)
			}
			if len(b.Changes) == 0 && !b.Rescan {
				continue
			}
			s.rebuild(changesOf(b), false)
		}
	}
}

// rebuild makes one build, swaps in its snapshot and tells the tabs.
func (s *Server) rebuild(changed []string, initial bool) {
	start := time.Now()
	res, err := s.callBuilder(changed)
	dur := time.Since(start)

	prev := s.snap.Load()
	next := &snapshot{gen: prev.gen, seq: prev.seq + 1, files: prev.files, hasFiles: prev.hasFiles}
	if err == nil {
		next.gen++
		if res.Incremental && prev.files != nil {
			next.files = prev.files.apply(res)
		} else {
			next.files = newFileSet(res.Outputs)
		}
		next.hasFiles = true
	} else {
		next.errors = errorsOf(res, err)
	}
	next.seal(s.id)
	s.snap.Store(next)

	if s.cfg.OnBuild != nil {
		s.cfg.OnBuild(Report{Result: res, Err: err, Duration: dur, Files: next.files.count(), Initial: initial, Changed: changed})
	}
	switch {
	case err != nil:
		s.hub.publish(evError, next)
	default:
		if len(prev.errors) > 0 {
			s.hub.publish(evClear, next)
		}
		s.hub.publish(evReload, next)
	}
}

// callBuilder runs the builder, turning a panic into a failed build: a bug
// met by one save must not take the server down with the last good build.
func (s *Server) callBuilder(changed []string) (res *build.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("internal error while building: %v", p)
		}
	}()
	res, err = s.cfg.Build(s.baseURL, changed)
	if err == nil && res == nil {
		err = errors.New("the builder returned no result")
	}
	return res, err
}

// errorsOf lists a failed build's errors for the tabs; a failure without
// diagnostics (the builder broke) still says something.
func errorsOf(res *build.Result, err error) []diagJSON {
	var out []diagJSON
	if res != nil && res.Diags != nil {
		for _, d := range res.Diags.Errors() {
			out = append(out, toJSON(d))
		}
	}
	if len(out) == 0 {
		out = append(out, toJSON(diag.Diagnostic{Severity: diag.Error, Msg: err.Error()}))
	}
	return out
}

// changesOf turns a batch into the list a Builder takes.
func changesOf(b watch.Batch) []string {
	if b.Rescan {
		return nil
	}
	out := make([]string, len(b.Changes))
	for i, c := range b.Changes {
		out[i] = c.Path
	}
	return out
}
