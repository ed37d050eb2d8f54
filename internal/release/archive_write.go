package release

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// Archive formats.
const (
	FormatZip   = "zip"
	FormatTarGz = "tar.gz"
)

// FormatOf returns the archive format named by a file's extension: .zip,
// .tar.gz or .tgz.
func FormatOf(name string) (string, error) {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".zip"):
		return FormatZip, nil
	case strings.HasSuffix(lower, ".tar.gz"), strings.HasSuffix(lower, ".tgz"):
		return FormatTarGz, nil
	}
	return "", fmt.Errorf("%s: unknown archive type (want .zip, .tar.gz or .tgz)", name)
}

// minArchiveTime is the earliest time a zip's MS-DOS date field can hold.
var minArchiveTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// archEntry is one file to archive. Exactly one of data and open is set.
// want, when set, is the digest the content must have: content that changed
// since it was hashed must not end up under a manifest that lies about it.
type archEntry struct {
	name string
	data []byte
	open func() (io.ReadCloser, error)
	want *File
}

// WriteArchive writes every regular file of fsys into w as a zip or tar.gz
// (see FormatOf). The bytes depend only on the files' paths and contents and
// on modTime: entries are sorted by path, each preceded by its directories,
// files are 0644 and directories 0755, owners are 0, every time is modTime
// in whole seconds (no earlier than 1980, zip's epoch). Empty directories
// are left out; symlinks and other irregular files are refused.
func WriteArchive(w io.Writer, format string, fsys fs.FS, modTime time.Time) error {
	var entries []archEntry
	err := walkFiles(fsys, func(p string) error {
		entries = append(entries, archEntry{name: p, open: func() (io.ReadCloser, error) { return fsys.Open(p) }})
		return nil
	})
	if err != nil {
		return err
	}
	return writeEntries(w, format, modTime, entries)
}

// archiveWriter is what zip and tar.gz have in common here.
type archiveWriter interface {
	dir(name string) error
	file(name string, size int64) (io.Writer, error)
	close() error
}

func writeEntries(w io.Writer, format string, modTime time.Time, files []archEntry) error {
	modTime = modTime.UTC().Truncate(time.Second)
	if modTime.Before(minArchiveTime) {
		modTime = minArchiveTime
	}
	var aw archiveWriter
	switch format {
	case FormatZip:
		aw = &zipWriter{w: zip.NewWriter(w), mtime: modTime}
	case FormatTarGz:
		gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
		if err != nil {
			return err
		}
		aw = &tarWriter{gz: gz, w: tar.NewWriter(gz), mtime: modTime}
	default:
		return fmt.Errorf("unknown archive format %q (want %q or %q)", format, FormatZip, FormatTarGz)
	}

	// Directories sort as "name/", so each comes right before its contents.
	type item struct {
		key string
		f   *archEntry
	}
	var items []item
	dirs := map[string]bool{}
	for i := range files {
		f := &files[i]
		if err := checkPath(f.name); err != nil {
			return err
		}
		items = append(items, item{f.name, f})
		for d := path.Dir(f.name); d != "."; d = path.Dir(d) {
			if !dirs[d] {
				dirs[d] = true
				items = append(items, item{d + "/", nil})
			}
		}
	}
	for _, f := range files {
		if dirs[f.name] {
			return fmt.Errorf("%s: both a file and a directory", f.name)
		}
	}
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
	for i, it := range items {
		if i > 0 && it.key == items[i-1].key {
			return fmt.Errorf("%s: added to the archive twice", it.key)
		}
		if it.f == nil {
			if err := aw.dir(it.key); err != nil {
				return fmt.Errorf("%s: %w", it.key, err)
			}
			continue
		}
		if err := writeEntry(aw, it.f); err != nil {
			return fmt.Errorf("%s: %w", it.f.name, err)
		}
	}
	return aw.close()
}

// writeEntry copies one file into the archive, checking it against its
// expected size and digest while it streams.
func writeEntry(aw archiveWriter, e *archEntry) error {
	var r io.Reader
	if e.open == nil {
		r = bytes.NewReader(e.data)
	} else {
		rc, err := e.open()
		if err != nil {
			return err
		}
		defer rc.Close()
		r = rc
	}
	var size int64
	switch {
	case e.open == nil:
		size = int64(len(e.data))
	case e.want != nil:
		size = e.want.Size
	default:
		st, err := r.(fs.File).Stat()
		if err != nil {
			return err
		}
		size = st.Size()
	}
	dst, err := aw.file(e.name, size)
	if err != nil {
		return err
	}
	h := sha256.New()
	if _, err := io.CopyN(io.MultiWriter(dst, h), r, size); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("file shrank while being archived")
		}
		return err
	}
	if n, _ := r.Read(make([]byte, 1)); n > 0 {
		return errors.New("file grew while being archived")
	}
	if e.want != nil && hex.EncodeToString(h.Sum(nil)) != e.want.SHA256 {
		return errors.New("file changed while being archived")
	}
	return nil
}

type zipWriter struct {
	w     *zip.Writer
	mtime time.Time
}

func (z *zipWriter) dir(name string) error {
	h := &zip.FileHeader{Name: name, Method: zip.Store, Modified: z.mtime}
	h.SetMode(fs.ModeDir | 0o755)
	_, err := z.w.CreateHeader(h)
	return err
}

func (z *zipWriter) file(name string, size int64) (io.Writer, error) {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: z.mtime}
	h.SetMode(0o644)
	return z.w.CreateHeader(h)
}

func (z *zipWriter) close() error { return z.w.Close() }

type tarWriter struct {
	gz    *gzip.Writer
	w     *tar.Writer
	mtime time.Time
}

func (t *tarWriter) dir(name string) error {
	return t.w.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: name, Mode: 0o755, ModTime: t.mtime})
}

func (t *tarWriter) file(name string, size int64) (io.Writer, error) {
	err := t.w.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Size: size, Mode: 0o644, ModTime: t.mtime})
	return t.w, err
}

func (t *tarWriter) close() error {
	if err := t.w.Close(); err != nil {
		return err
	}
	return t.gz.Close()
}
