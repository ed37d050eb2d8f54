package release

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/attache-ssg/attache/internal/memfs"
)

// maxSourceSize caps the sources read into memory by OpenSource.
const maxSourceSize = 1 << 30

// ListReleases returns the versions released under releasesDir (directories
// named as versions that hold a manifest.json), oldest first. A missing
// releasesDir holds none. Hidden work directories of an unfinished Freeze
// are not versions and are skipped.
func ListReleases(releasesDir string) ([]string, error) {
	ents, err := os.ReadDir(releasesDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var vs []string
	for _, e := range ents {
		if !e.IsDir() || CheckVersion(e.Name()) != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(releasesDir, e.Name(), ManifestName)); err == nil {
			vs = append(vs, e.Name())
		}
	}
	SortVersions(vs)
	return vs, nil
}

// OpenSource returns the sources a release was built from, read from its
// source.tar.gz into memory (nothing is extracted), after checking the
// archive against the release's manifest. That check does not verify the
// signature: call VerifyFS on the release first to trust it.
func OpenSource(releaseDir string) (fs.FS, error) {
	m, err := ReadManifest(releaseDir)
	if err != nil {
		return nil, err
	}
	if m.Source == nil {
		return nil, fmt.Errorf("%s: release %s has no %s", releaseDir, m.Version, SourceName)
	}
	p := filepath.Join(releaseDir, SourceName)
	if m.Source.Size > maxSourceSize {
		return nil, fmt.Errorf("%s: larger than %d bytes", p, maxSourceSize)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(data); int64(len(data)) != m.Source.Size || hex.EncodeToString(sum[:]) != m.Source.SHA256 {
		return nil, fmt.Errorf("%s: does not match the manifest (changed or damaged)", p)
	}
	fsys, err := ReadArchiveFS(bytes.NewReader(data), int64(len(data)), FormatTarGz)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	return fsys, nil
}

// ReadArchiveFS reads a whole archive into a read-only in-memory fs.FS,
// refusing unsafe archives (ErrUnsafeArchive) and ones whose files add up to
// more than 1 GiB. Directories come from the files' paths.
func ReadArchiveFS(r io.ReaderAt, size int64, format string) (fs.FS, error) {
	mfs := memfs.New()
	var total int64
	err := walkArchive(r, size, format, func(name string, r io.Reader) error {
		b, err := readCapped(r, maxSourceSize-total)
		if err != nil {
			return fmt.Errorf("archive content %w", err)
		}
		total += int64(len(b))
		return mfs.Add(name, b)
	})
	if err != nil {
		return nil, err
	}
	return mfs, nil
}
