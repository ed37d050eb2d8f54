package release

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"time"
)

// ThemeDir is where a release's source.tar.gz keeps the theme the release
// was rendered with (the default theme embedded in attache), so that a
// bundle made from the release later, by a newer attache, renders the same
// pages. The build never reads it: it scans only site.yaml, content/,
// static/, layouts/ and i18n/.
const ThemeDir = ".attache/theme"

// Sources is a read-only file system holding exactly the files a build reads
// (site.yaml, content/, static/, layouts/, i18n/, as listed by the caller)
// and, optionally, a theme under ThemeDir. Building from it, and archiving
// it as source.tar.gz, guarantees the release holds what it was built from
// and nothing else: not releases/, not public/, not .git/.
//
// Files are opened from the underlying file systems when read, so a large
// site is not held in memory.
type Sources struct {
	files  map[string]srcFile
	dirs   map[string]map[string]fs.DirEntry // directory → entries by name
	newest time.Time
}

type srcFile struct {
	fsys fs.FS
	path string
	info fs.FileInfo
}

// NewSources returns the files of site named by paths (slash-separated,
// relative to the site's root). A path that is missing, a directory, a
// symlink or not clean is an error: the list is meant to come from a scan
// of the same tree.
func NewSources(site fs.FS, paths []string) (*Sources, error) {
	s := &Sources{files: map[string]srcFile{}, dirs: map[string]map[string]fs.DirEntry{".": {}}}
	for _, p := range paths {
		if err := s.add(site, p, p); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// AddTree adds every regular file of fsys under the directory prefix (as
// ThemeDir). Its files' times do not count in Newest: the theme's are the
// binary's, not the publication's.
func (s *Sources) AddTree(prefix string, fsys fs.FS) error {
	keep := s.newest
	err := walkFiles(fsys, func(p string) error {
		return s.add(fsys, p, path.Join(prefix, p))
	})
	s.newest = keep
	return err
}

func (s *Sources) add(fsys fs.FS, from, name string) error {
	if err := checkPath(name); err != nil {
		return err
	}
	if _, dup := s.files[name]; dup {
		return fmt.Errorf("%s: listed twice", name)
	}
	if _, isDir := s.dirs[name]; isDir {
		return fmt.Errorf("%s: both a file and a directory", name)
	}
	info, err := fs.Stat(fsys, from)
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file (%v)", from, info.Mode().Type())
	}
	if lfs, ok := fsys.(fs.ReadLinkFS); ok {
		if li, err := lfs.Lstat(from); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s: symlinks are not allowed in a release", from)
		}
	}
	s.files[name] = srcFile{fsys: fsys, path: from, info: info}
	if info.ModTime().After(s.newest) {
		s.newest = info.ModTime()
	}
	child := fs.FileInfoToDirEntry(info) // path.Base(from) == path.Base(name)
	for dir := path.Dir(name); ; dir = path.Dir(dir) {
		if _, isFile := s.files[dir]; isFile {
			return fmt.Errorf("%s: both a file and a directory", dir)
		}
		ents, known := s.dirs[dir]
		if !known {
			ents = map[string]fs.DirEntry{}
			s.dirs[dir] = ents
		}
		ents[child.Name()] = child
		if known || dir == "." {
			return nil
		}
		child = fs.FileInfoToDirEntry(memInfo{name: path.Base(dir), mode: fs.ModeDir | 0o555})
	}
}

// Newest is the latest modification time among the site's files (not the
// theme's): a deterministic stand-in for "when the sources were written".
func (s *Sources) Newest() time.Time { return s.newest }

// Len is the number of files.
func (s *Sources) Len() int { return len(s.files) }

// Open implements fs.FS.
func (s *Sources) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f, ok := s.files[name]; ok {
		return f.fsys.Open(f.path)
	}
	if ents, ok := s.dirs[name]; ok {
		list := make([]fs.DirEntry, 0, len(ents))
		for _, e := range ents {
			list = append(list, e)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Name() < list[j].Name() })
		return &memDir{info: memInfo{name: path.Base(name), mode: fs.ModeDir | 0o555}, ents: list}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// StoredTheme returns the theme kept in a release's sources (ThemeDir), or
// nil when the release holds none (then the caller uses its own theme).
func StoredTheme(sources fs.FS) fs.FS {
	st, err := fs.Stat(sources, ThemeDir)
	if err != nil || !st.IsDir() {
		return nil
	}
	sub, err := fs.Sub(sources, ThemeDir)
	if err != nil {
		return nil
	}
	return sub
}
