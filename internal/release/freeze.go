package release

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ErrExists: the version was released already; releases are immutable.
var ErrExists = errors.New("release already exists")

// Meta is what a release or bundle says about itself besides its files.
type Meta struct {
	Version   string
	Created   time.Time // deterministic: e.g. SOURCE_DATE_EPOCH or the newest source's mtime
	Languages []string
}

// Freeze writes the release releasesDir/VERSION/ (layout in the package
// doc): site's files under site/, source (when not nil) as source.tar.gz,
// the manifest, its signature and SHA256SUMS.
//
// It builds everything in a hidden directory beside the target, checks the
// result with the signer's public key, and renames it into place, so the
// release appears whole or not at all; on failure nothing is left behind.
// An existing version is refused with an error wrapping ErrExists before
// anything is touched.
func Freeze(releasesDir string, meta Meta, site, source fs.FS, signer *Signer) (_ *Manifest, err error) {
	if err := CheckVersion(meta.Version); err != nil {
		return nil, err
	}
	if signer == nil {
		return nil, errors.New("release: no signing key")
	}
	target := filepath.Join(releasesDir, meta.Version)
	if err := checkAbsent(target); err != nil {
		return nil, err
	}
	if _, err := os.Stat(releasesDir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(releasesDir, 0o755); err != nil {
			return nil, err
		}
		defer func() {
			if err != nil {
				os.Remove(releasesDir) // only if still empty
			}
		}()
	}
	tmp, err := os.MkdirTemp(releasesDir, "."+meta.Version+".partial-")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()

	m, err := copySite(site, filepath.Join(tmp, SiteDir), meta)
	if err != nil {
		return nil, fmt.Errorf("release %s: site: %w", meta.Version, err)
	}
	if source != nil {
		src, err := writeSource(filepath.Join(tmp, SourceName), source, m.Created)
		if err != nil {
			return nil, fmt.Errorf("release %s: %s: %w", meta.Version, SourceName, err)
		}
		m.Source = src
	}
	mj := m.Marshal()
	sig, err := signer.Sign(mj)
	if err != nil {
		return nil, err
	}
	meta3 := []struct {
		name string
		data []byte
	}{{ManifestName, mj}, {SignatureName, sig}, {SumsName, m.SHA256SUMS()}}
	for _, f := range meta3 {
		if err := writeNew(filepath.Join(tmp, f.name), f.data); err != nil {
			return nil, err
		}
	}
	// Read back what was written, as a verifier will.
	_, rep, err := VerifyFS(os.DirFS(tmp), signer.PublicKey(), "")
	if err != nil {
		return nil, fmt.Errorf("release %s: self-check: %w", meta.Version, err)
	}
	if !rep.OK() {
		return nil, fmt.Errorf("release %s: self-check: written files differ: %+v", meta.Version, rep)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	if err := checkAbsent(target); err != nil { // released meanwhile by someone else
		return nil, err
	}
	if err := os.Rename(tmp, target); err != nil {
		return nil, fmt.Errorf("release %s: %w", meta.Version, err)
	}
	syncDir(releasesDir)
	return m, nil
}

func checkAbsent(target string) error {
	_, err := os.Lstat(target)
	if err == nil {
		return fmt.Errorf("%s: %w", target, ErrExists)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// copySite copies site's files under dst and returns their manifest,
// hashing the bytes as they are written so the manifest describes the copy.
func copySite(site fs.FS, dst string, meta Meta) (*Manifest, error) {
	m := &Manifest{Version: meta.Version, Created: meta.Created.UTC().Truncate(time.Second), Languages: append([]string(nil), meta.Languages...)}
	if err := m.checkHeader(); err != nil {
		return nil, err
	}
	err := walkFiles(site, func(p string) error {
		f, err := copyFile(site, p, filepath.Join(dst, filepath.FromSlash(p)))
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		m.Files = append(m.Files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(m.Files) == 0 {
		return nil, errors.New("no files (was the site built?)")
	}
	sortFiles(m.Files)
	return m, nil
}

func copyFile(fsys fs.FS, p, dst string) (File, error) {
	src, err := fsys.Open(p)
	if err != nil {
		return File{}, err
	}
	defer src.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return File{}, err
	}
	var f File
	err = writeNewFrom(dst, func(w io.Writer) error {
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(w, h), src)
		f = File{Path: p, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}
		return err
	})
	return f, err
}

// writeSource archives the sources deterministically and returns its entry.
func writeSource(dst string, source fs.FS, created time.Time) (*File, error) {
	var f File
	err := writeNewFrom(dst, func(w io.Writer) error {
		h := sha256.New()
		cw := &countWriter{w: io.MultiWriter(w, h)}
		if err := WriteArchive(cw, FormatTarGz, source, created); err != nil {
			return err
		}
		f = File{Path: SourceName, Size: cw.n, SHA256: hex.EncodeToString(h.Sum(nil))}
		return nil
	})
	return &f, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func writeNew(path string, data []byte) error {
	return writeNewFrom(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeNewFrom creates path (which must not exist) 0644, fills it and
// syncs it, so the rename that publishes a release publishes its bytes.
func writeNewFrom(path string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename durable where the platform allows; failure only
// weakens crash safety, so it is not reported.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
