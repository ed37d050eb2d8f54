package release

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"time"

	"github.com/attache-ssg/attache/internal/memfs"
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
	fs     *memfs.FS
	n      int
	newest time.Time
}

// NewSources returns the files of site named by paths (slash-separated,
// relative to the site's root). A path that is missing, a directory, a
// symlink or not clean is an error: the list is meant to come from a scan
// of the same tree.
func NewSources(site fs.FS, paths []string) (*Sources, error) {
	s := &Sources{fs: memfs.New()}
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
	if err := s.fs.AddOpener(name, info.Size(), func() (io.ReadCloser, error) { return fsys.Open(from) }); err != nil {
		return err
	}
	s.n++
	if info.ModTime().After(s.newest) {
		s.newest = info.ModTime()
	}
	return nil
}

// Newest is the latest modification time among the site's files (not the
// theme's): a deterministic stand-in for "when the sources were written".
func (s *Sources) Newest() time.Time { return s.newest }

// Len is the number of files.
func (s *Sources) Len() int { return s.n }

// Open implements fs.FS.
func (s *Sources) Open(name string) (fs.File, error) { return s.fs.Open(name) }

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
