package release

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
)

// errFound stops an archive walk once the manifest is read.
var errFound = errors.New("found")

// ReadCopyManifest reads and parses the manifest of a copy, a release or
// unpacked bundle directory or a bundle archive, without checking its
// signature or its files: what `attache diff` needs to compare two copies.
// Use Verify to trust a copy.
func ReadCopyManifest(path string) (*Manifest, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return ReadManifest(path)
	}
	format, err := FormatOf(path)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var data []byte
	err = walkArchive(f, st.Size(), format, func(name string, r io.Reader) error {
		if name != ManifestName {
			return nil
		}
		b, err := readCapped(r, maxManifestSize)
		if err != nil {
			return err
		}
		data = b
		return errFound
	})
	if err != nil && !errors.Is(err, errFound) {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if data == nil {
		return nil, fmt.Errorf("%s: %s missing: %w", path, ManifestName, ErrNotCopy)
	}
	m, err := ParseManifest(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// CheckUnsigned compares the release or unpacked bundle in dir with its
// manifest, as VerifyFS does but without a public key: it proves the files
// are the ones the manifest lists (nothing changed since the release was
// frozen, by accident or by a tool), not who made them. `attache build`
// runs it on every release it publishes; `attache verify` with the
// publisher's key is the check that proves authenticity.
func CheckUnsigned(dir string) (*Manifest, Report, error) {
	fsys := os.DirFS(dir)
	ix := &copyIndex{files: map[string]File{}}
	err := walkFiles(fsys, func(p string) error {
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := ix.add(p, f); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		return nil
	})
	if err != nil {
		return nil, Report{}, fmt.Errorf("%s: %w", dir, err)
	}
	if ix.manifest == nil {
		return nil, Report{}, fmt.Errorf("%s: %s missing: %w", dir, ManifestName, ErrNotCopy)
	}
	m, err := ParseManifest(ix.manifest)
	if err != nil {
		return nil, Report{}, fmt.Errorf("%s: %w", dir, err)
	}
	rep := ix.compare(m)
	if ix.sig == nil {
		rep.Missing = append(rep.Missing, SignatureName)
		sort.Strings(rep.Missing)
	}
	return m, rep, nil
}
