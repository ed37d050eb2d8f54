package watch

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// scope says which paths under the root are watched. Paths are relative to
// the root with forward slashes; "." is the root.
type scope struct {
	all   bool     // the whole root
	paths []string // sorted, cleaned, without duplicates
}

func newScope(paths []string) (scope, error) {
	if len(paths) == 0 {
		return scope{all: true}, nil
	}
	var s scope
	for _, p := range paths {
		orig := p
		p = filepath.ToSlash(p)
		if p == "" || strings.HasPrefix(p, "/") || filepath.IsAbs(orig) {
			return scope{}, fmt.Errorf("watch: path %q must be relative to the site root", orig)
		}
		p = path.Clean(p)
		if p == ".." || strings.HasPrefix(p, "../") {
			return scope{}, fmt.Errorf("watch: path %q leaves the site root", orig)
		}
		if p == "." {
			return scope{all: true}, nil
		}
		s.paths = append(s.paths, p)
	}
	slices.Sort(s.paths)
	s.paths = slices.Compact(s.paths)
	return s, nil
}

// contains reports whether rel is a watched path or lies under one.
func (s scope) contains(rel string) bool {
	if s.all {
		return true
	}
	for _, p := range s.paths {
		if within(rel, p) {
			return true
		}
	}
	return false
}

// leadsTo reports whether rel is a directory above a watched path, which must
// be watched (without its other contents) so the watched path is seen when it
// appears, or when it is replaced by a rename.
func (s scope) leadsTo(rel string) bool {
	if s.all {
		return false
	}
	for _, p := range s.paths {
		if rel == "." || strings.HasPrefix(p, rel+"/") {
			return true
		}
	}
	return false
}

// within reports whether rel is dir or lies under it.
func within(rel, dir string) bool {
	return dir == "." || rel == dir || strings.HasPrefix(rel, dir+"/")
}

// join joins a relative directory and a name with a forward slash.
func join(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

// abs turns a path relative to the root into an OS path.
func (w *Watcher) abs(rel string) string {
	if rel == "." {
		return w.root
	}
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// rel turns an OS path from an event into a path relative to the root; ok is
// false for a path outside the root.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	if r == ".." || strings.HasPrefix(r, "../") {
		return "", false
	}
	return r, true
}
