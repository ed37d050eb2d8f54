package release

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"
)

// memFS is a read-only file system held in memory: the sources of a
// release, read from source.tar.gz without writing anything to disk.
type memFS struct {
	files map[string][]byte
	dirs  map[string][]fs.DirEntry // by directory, sorted by name; "." is the root
}

func newMemFS() *memFS {
	return &memFS{files: map[string][]byte{}, dirs: map[string][]fs.DirEntry{".": nil}}
}

// add stores a file; name must have passed entryChecker, so it is clean and
// conflicts with no other entry.
func (m *memFS) add(name string, data []byte) {
	m.files[name] = data
	child := memInfo{name: path.Base(name), size: int64(len(data)), mode: 0o444}
	for dir := path.Dir(name); ; dir = path.Dir(dir) {
		_, known := m.dirs[dir]
		m.dirs[dir] = append(m.dirs[dir], fs.FileInfoToDirEntry(child))
		if known || dir == "." {
			return
		}
		child = memInfo{name: path.Base(dir), mode: fs.ModeDir | 0o555}
	}
}

func (m *memFS) seal() {
	for _, ents := range m.dirs {
		sort.Slice(ents, func(i, j int) bool { return ents[i].Name() < ents[j].Name() })
	}
}

func (m *memFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if b, ok := m.files[name]; ok {
		return &memFile{Reader: bytes.NewReader(b), info: memInfo{name: path.Base(name), size: int64(len(b)), mode: 0o444}}, nil
	}
	if ents, ok := m.dirs[name]; ok {
		return &memDir{info: memInfo{name: path.Base(name), mode: fs.ModeDir | 0o555}, ents: ents}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

type memInfo struct {
	name string
	size int64
	mode fs.FileMode
}

func (i memInfo) Name() string       { return i.name }
func (i memInfo) Size() int64        { return i.size }
func (i memInfo) Mode() fs.FileMode  { return i.mode }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.mode.IsDir() }
func (i memInfo) Sys() any           { return nil }

type memFile struct {
	*bytes.Reader
	info memInfo
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	info memInfo
	ents []fs.DirEntry
	off  int
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Close() error               { return nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}

// ReadDir follows fs.ReadDirFile: n <= 0 returns the rest, n > 0 at most n
// entries and io.EOF at the end.
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
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
