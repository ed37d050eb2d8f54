package release

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// ErrUnsafeArchive marks an archive refused for its structure: an entry that
// would land outside the target directory ("../x", "/etc/x", "C:\x"), a
// symlink, hard link or device, a duplicate, or a path that is both a file
// and a directory. Such archives are refused whole, not repaired.
var ErrUnsafeArchive = errors.New("unsafe archive")

// entryFunc receives each regular file of an archive, in archive order, with
// a reader over its content valid until it returns.
type entryFunc func(name string, r io.Reader) error

// entryChecker enforces the structural rules of ErrUnsafeArchive over a
// stream of entry names.
type entryChecker struct {
	files map[string]bool
	dirs  map[string]bool // explicit and implied by deeper entries
	named map[string]bool // explicit directory entries, for duplicates
}

func newEntryChecker() *entryChecker {
	return &entryChecker{files: map[string]bool{}, dirs: map[string]bool{}, named: map[string]bool{}}
}

// add checks one entry's raw name and returns it cleaned: one leading "./"
// (as `tar -C dir .` writes) and a directory's trailing "/" are dropped.
// skip is true for the archive's own root ("./").
func (c *entryChecker) add(raw string, dir bool) (name string, skip bool, err error) {
	name = strings.TrimPrefix(raw, "./")
	if dir {
		name = strings.TrimSuffix(name, "/")
		if name == "" || name == "." {
			return "", true, nil
		}
	}
	if err := checkPath(name); err != nil {
		return "", false, fmt.Errorf("%w: entry %w", ErrUnsafeArchive, err)
	}
	if c.files[name] || (dir && c.named[name]) {
		return "", false, fmt.Errorf("%w: duplicate entry %q", ErrUnsafeArchive, name)
	}
	if !dir && c.dirs[name] {
		return "", false, fmt.Errorf("%w: %q is both a file and a directory", ErrUnsafeArchive, name)
	}
	for i := len(name) - 1; i > 0; i-- {
		if name[i] != '/' {
			continue
		}
		if c.files[name[:i]] {
			return "", false, fmt.Errorf("%w: %q is both a file and a directory", ErrUnsafeArchive, name[:i])
		}
		c.dirs[name[:i]] = true
	}
	if dir {
		c.named[name] = true
		c.dirs[name] = true
	} else {
		c.files[name] = true
	}
	return name, false, nil
}

// walkZip reads a zip from r (size bytes) without extracting anything.
func walkZip(r io.ReaderAt, size int64, fn entryFunc) error {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // insecure names get our own, clearer message below
		return fmt.Errorf("reading zip: %w", err)
	}
	c := newEntryChecker()
	for _, f := range zr.File {
		mode := f.Mode()
		dir := strings.HasSuffix(f.Name, "/") || mode.IsDir()
		switch {
		case mode&fs.ModeSymlink != 0:
			return fmt.Errorf("%w: %q is a symlink", ErrUnsafeArchive, f.Name)
		case !dir && !mode.IsRegular():
			return fmt.Errorf("%w: %q is not a regular file (%v)", ErrUnsafeArchive, f.Name, mode.Type())
		}
		name, skip, err := c.add(f.Name, dir)
		if err != nil {
			return err
		}
		if dir || skip {
			continue
		}
		if err := zipEntry(f, name, fn); err != nil {
			return err
		}
	}
	return nil
}

func zipEntry(f *zip.File, name string, fn entryFunc) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer rc.Close()
	if err := fn(name, rc); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// walkTarGz reads a gzipped tar stream without extracting anything.
func walkTarGz(r io.Reader, fn entryFunc) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return fmt.Errorf("reading tar.gz: %w", err)
	}
	defer gz.Close()
	tr := tar.NewReader(gz)
	c := newEntryChecker()
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return checkTarEnd(gz)
		}
		if err != nil && !(errors.Is(err, tar.ErrInsecurePath) && h != nil) {
			return fmt.Errorf("reading tar.gz: %w", err)
		}
		var dir bool
		switch h.Typeflag {
		case tar.TypeReg:
		case tar.TypeDir:
			dir = true
		case tar.TypeXGlobalHeader:
			continue // metadata such as `git archive`'s commit id, not a file
		case tar.TypeSymlink:
			return fmt.Errorf("%w: %q is a symlink (to %q)", ErrUnsafeArchive, h.Name, h.Linkname)
		case tar.TypeLink:
			return fmt.Errorf("%w: %q is a hard link (to %q)", ErrUnsafeArchive, h.Name, h.Linkname)
		default:
			return fmt.Errorf("%w: %q is not a regular file (tar type %q)", ErrUnsafeArchive, h.Name, h.Typeflag)
		}
		name, skip, err := c.add(h.Name, dir)
		if err != nil {
			return err
		}
		if dir || skip {
			continue
		}
		if err := fn(name, tr); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
}

// checkTarEnd reads what follows the tar end marker to the end of the gzip
// stream, which also checks gzip's CRC. Only zero padding may follow:
// entries appended after the marker are invisible here but not to every
// extractor (GNU tar --ignore-zeros), so such an archive is refused.
func checkTarEnd(r io.Reader) error {
	buf := make([]byte, 32<<10)
	for {
		n, err := r.Read(buf)
		for _, c := range buf[:n] {
			if c != 0 {
				return fmt.Errorf("%w: data after the end of the tar archive", ErrUnsafeArchive)
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading tar.gz: %w", err)
		}
	}
}

// walkArchive dispatches on format.
func walkArchive(r io.ReaderAt, size int64, format string, fn entryFunc) error {
	switch format {
	case FormatZip:
		return walkZip(r, size, fn)
	case FormatTarGz:
		return walkTarGz(io.NewSectionReader(r, 0, size), fn)
	}
	return fmt.Errorf("unknown archive format %q", format)
}
