package archive

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"

	"github.com/attache-ssg/attache/internal/render"
)

// OutputFS presents a build's outputs as a read-only file system, the site
// tree as publish.Write would write it, without writing it: what a bundle
// archives. Outputs that copy a file are opened from their source when
// read. Two outputs at one path, or a path that is both a file and a
// folder, are an error, as they are for publish.Write.
func OutputFS(outs []render.Output) (fs.FS, error) {
	o := &outFS{files: map[string]render.Output{}, dirs: map[string]map[string]fs.DirEntry{".": {}}}
	for _, out := range outs {
		if !fs.ValidPath(out.Path) || out.Path == "." {
			return nil, fmt.Errorf("%s: not a clean relative path", out.Path)
		}
		if _, dup := o.files[out.Path]; dup {
			return nil, fmt.Errorf("%s: written twice (%s)", out.Path, out.Origin)
		}
		o.files[out.Path] = out
	}
	for p, out := range o.files {
		size := int64(len(out.Data))
		if out.Src != nil {
			st, err := fs.Stat(out.Src, out.SrcPath)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", out.Origin, err)
			}
			size = st.Size()
		}
		child := fs.FileInfoToDirEntry(outInfo{name: path.Base(p), size: size, mode: 0o444})
		for dir := path.Dir(p); ; dir = path.Dir(dir) {
			if _, isFile := o.files[dir]; isFile {
				return nil, fmt.Errorf("%s: both a file and a folder", dir)
			}
			ents, known := o.dirs[dir]
			if !known {
				ents = map[string]fs.DirEntry{}
				o.dirs[dir] = ents
			}
			ents[child.Name()] = child
			if known || dir == "." {
				break
			}
			child = fs.FileInfoToDirEntry(outInfo{name: path.Base(dir), mode: fs.ModeDir | 0o555})
		}
	}
	return o, nil
}

type outFS struct {
	files map[string]render.Output
	dirs  map[string]map[string]fs.DirEntry
}

func (o *outFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if out, ok := o.files[name]; ok {
		if out.Src != nil {
			f, err := out.Src.Open(out.SrcPath)
			if err != nil {
				return nil, err
			}
			return &copiedFile{File: f, name: path.Base(name)}, nil
		}
		return &outFile{Reader: bytes.NewReader(out.Data), info: outInfo{name: path.Base(name), size: int64(len(out.Data)), mode: 0o444}}, nil
	}
	if ents, ok := o.dirs[name]; ok {
		list := make([]fs.DirEntry, 0, len(ents))
		for _, e := range ents {
			list = append(list, e)
		}
		sort.Slice(list, func(i, j int) bool { return list[i].Name() < list[j].Name() })
		return &outDir{info: outInfo{name: path.Base(name), mode: fs.ModeDir | 0o555}, ents: list}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

type outInfo struct {
	name string
	size int64
	mode fs.FileMode
}

func (i outInfo) Name() string       { return i.name }
func (i outInfo) Size() int64        { return i.size }
func (i outInfo) Mode() fs.FileMode  { return i.mode }
func (i outInfo) ModTime() time.Time { return time.Time{} }
func (i outInfo) IsDir() bool        { return i.mode.IsDir() }
func (i outInfo) Sys() any           { return nil }

type outFile struct {
	*bytes.Reader
	info outInfo
}

func (f *outFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *outFile) Close() error               { return nil }

type outDir struct {
	info outInfo
	ents []fs.DirEntry
	off  int
}

func (d *outDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *outDir) Close() error               { return nil }
func (d *outDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}

// ReadDir follows fs.ReadDirFile.
func (d *outDir) ReadDir(n int) ([]fs.DirEntry, error) {
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

// copiedFile is a copied output's source file under the output's name.
type copiedFile struct {
	fs.File
	name string
}

func (f *copiedFile) Stat() (fs.FileInfo, error) {
	st, err := f.File.Stat()
	if err != nil {
		return nil, err
	}
	return outInfo{name: f.name, size: st.Size(), mode: 0o444}, nil
}
