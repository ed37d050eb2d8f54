package serve

import (
	"maps"
	"strings"
	"sync"

	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/render"
)

// fileSet is the output of the last good build, as the server looks it
// up: a full build's outputs (base), what incremental builds since then
// changed (over), and groups of outputs those builds put off (deferred,
// by path prefix), made when first asked for. A fileSet is never modified
// once a snapshot holds it, but for a deferred group being made, which
// happens once, under its own lock: each build makes a new fileSet that
// shares the unchanged parts, so an incremental build costs what it
// changed, not the size of the site.
type fileSet struct {
	base     map[string]*render.Output
	over     map[string]*render.Output
	deferred map[string]*deferredGroup // by prefix
}

// deferredGroup is one build.Deferred, made at most once.
type deferredGroup struct {
	once  sync.Once
	make  func() ([]render.Output, error)
	files map[string]*render.Output
}

// get makes the group's files once. A group that fails to be made (the
// search index has only internal limits) has none: its paths answer 404
// until the next build.
func (g *deferredGroup) get() map[string]*render.Output {
	g.once.Do(func() {
		outs, _ := g.make()
		g.files = index(outs)
		g.make = nil
	})
	return g.files
}

// newFileSet holds a full build's outputs.
func newFileSet(outs []render.Output) *fileSet {
	return &fileSet{base: index(outs)}
}

// apply returns the file set after an incremental build. The base is
// shared; the overlay and the deferred groups are copied, and folded into
// a new base when they grow large, so a long editing session does not
// make every later build copy a big overlay.
func (fs *fileSet) apply(res *build.Result) *fileSet {
	next := &fileSet{base: fs.base, over: maps.Clone(fs.over), deferred: maps.Clone(fs.deferred)}
	if next.over == nil {
		next.over = map[string]*render.Output{}
	}
	if next.deferred == nil {
		next.deferred = map[string]*deferredGroup{}
	}
	for i := range res.Outputs {
		o := &res.Outputs[i]
		next.over[o.Path] = o
	}
	for _, d := range res.Deferred {
		next.deferred[d.Prefix] = &deferredGroup{make: d.Make}
	}
	if len(next.over) > 4096 {
		next = next.folded()
	}
	return next
}

// folded is the same file set with the overlay merged into a new base.
// Deferred groups stay deferred.
func (fs *fileSet) folded() *fileSet {
	base := maps.Clone(fs.base)
	maps.Copy(base, fs.over)
	return &fileSet{base: base, over: map[string]*render.Output{}, deferred: fs.deferred}
}

// group returns the deferred group that owns p, if any.
func (fs *fileSet) group(p string) *deferredGroup {
	for prefix, g := range fs.deferred {
		if strings.HasPrefix(p, prefix) {
			return g
		}
	}
	return nil
}

// get returns the output at p, or nil.
func (fs *fileSet) get(p string) *render.Output {
	if g := fs.group(p); g != nil {
		return g.get()[p]
	}
	if o, ok := fs.over[p]; ok {
		return o
	}
	return fs.base[p]
}

// count is the number of outputs, without making deferred groups: it
// counts their files as the base had them.
func (fs *fileSet) count() int {
	if fs == nil {
		return 0
	}
	n := len(fs.base)
	for p := range fs.over {
		if _, ok := fs.base[p]; !ok {
			n++
		}
	}
	return n
}
