// Package memfs is a read-only fs.FS assembled in memory, file by file:
// the sources of a release read from its archive, or a build's outputs
// seen as the tree they would be on disk. Files hold bytes or open their
// content on demand; folders are implied by the files' paths. Nothing is
// ever written to disk.
package memfs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"
)

// FS is built with Add and AddOpener, then only read. It is safe for
// concurrent reads once built.
type FS struct {
	files map[string]file
	dirs  map[string]map[string]fs.DirEntry // folder → name → entry; "." is the root
}

type file struct {
	data []byte
	open func() (io.ReadCloser, error) // nil for data files
	size int64
}

// New returns an empty file system.
func New() *FS {
	return &FS{files: map[string]file{}, dirs: map[string]map[string]fs.DirEntry{".": {}}}
}

// Add stores a file holding data.
func (m *FS) Add(name string, data []byte) error {
	return m.add(name, file{data: data, size: int64(len(data))})
}

// AddOpener stores a file of the given size whose content open returns,
// each time the file is opened.
func (m *FS) AddOpener(name string, size int64, open func() (io.ReadCloser, error)) error {
	return m.add(name, file{open: open, size: size})
}

func (m *FS) add(name string, f file) error {
	if !fs.ValidPath(name) || name == "." {
		return fmt.Errorf("%s: not a clean relative path", name)
	}
	if _, dup := m.files[name]; dup {
		return fmt.Errorf("%s: added twice", name)
	}
	if _, isDir := m.dirs[name]; isDir {
		return fmt.Errorf("%s: both a file and a folder", name)
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if _, isFile := m.files[dir]; isFile {
			return fmt.Errorf("%s: both a file and a folder", dir)
		}
	}
	m.files[name] = f
	child := fs.FileInfoToDirEntry(info{name: path.Base(name), size: f.size, mode: 0o444})
	for dir := path.Dir(name); ; dir = path.Dir(dir) {
		ents, known := m.dirs[dir]
		if !known {
			ents = map[string]fs.DirEntry{}
			m.dirs[dir] = ents
		}
		ents[child.Name()] = child
		if known || dir == "." {
			return nil
		}
		child = fs.FileInfoToDirEntry(info{name: path.Base(dir), mode: fs.ModeDir | 0o555})
	}
}

// Open implements fs.FS.
func (m *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f, ok := m.files[name]; ok {
		fi := info{name: path.Base(name), size: f.size, mode: 0o444}
		if f.open == nil {
			return &openFile{Reader: bytes.NewReader(f.data), info: fi}, nil
		}
		rc, err := f.open()
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &openFile{Reader: rc, closer: rc, info: fi}, nil
	}
	if ents, ok := m.dirs[name]; ok {
		list := make([]fs.DirEntry, 0, len(ents))
		for _, e := range ents {
			list = append(list, e)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Name() < list[j].Name() })
		return &dir{info: info{name: path.Base(name), mode: fs.ModeDir | 0o555}, ents: list}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// info describes files and folders: times are zero, so whatever archives
// or hashes the tree sees the same bytes every time.
type info struct {
	name string
	size int64
	mode fs.FileMode
}

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.size }
func (i info) Mode() fs.FileMode  { return i.mode }
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.mode.IsDir() }
func (i info) Sys() any           { return nil }

type openFile struct {
	io.Reader
	closer io.Closer
	info   info
}

func (f *openFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openFile) Close() error {
	if f.closer != nil {
		return f.closer.Close()
	}
	return nil
}

type dir struct {
	info info
	ents []fs.DirEntry
	off  int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Close() error               { return nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}

// ReadDir follows fs.ReadDirFile: n <= 0 returns the rest, n > 0 at most n
// entries and io.EOF at the end.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.ents[d.off:]
	if n <= 0 {
		d.off = len(d.ents)
		return append([]fs.DirEntry(nil), rest...), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return append([]fs.DirEntry(nil), rest[:n]...), nil
}
