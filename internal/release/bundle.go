package release

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteBundle writes a localized copy as an archive (FormatZip or
// FormatTarGz): site's files under site/, plus their own manifest (meta's
// version and languages), its signature and SHA256SUMS, in the layout
// VerifyArchive checks. The caller builds site for the copy's languages and
// address; the archive is deterministic (see WriteArchive) with meta.Created
// as every entry's time. A file that changes while it is archived fails the
// write rather than contradict the manifest.
func WriteBundle(w io.Writer, format string, meta Meta, site fs.FS, signer *Signer) (*Manifest, error) {
	if signer == nil {
		return nil, errors.New("bundle: no signing key")
	}
	m, err := BuildManifest(site, meta.Version, meta.Created, meta.Languages)
	if err != nil {
		return nil, err
	}
	if len(m.Files) == 0 {
		return nil, errors.New("bundle: no files")
	}
	mj := m.Marshal()
	sig, err := signer.Sign(mj)
	if err != nil {
		return nil, err
	}
	entries := []archEntry{
		{name: ManifestName, data: mj},
		{name: SignatureName, data: sig},
		{name: SumsName, data: m.SHA256SUMS()},
	}
	for i := range m.Files {
		f := &m.Files[i]
		entries = append(entries, archEntry{
			name: SiteDir + "/" + f.Path,
			open: func() (io.ReadCloser, error) { return site.Open(f.Path) },
			want: f,
		})
	}
	if err := writeEntries(w, format, m.Created, entries); err != nil {
		return nil, err
	}
	return m, nil
}

// WriteBundleFile is WriteBundle into the file out, its format taken from
// its name (FormatOf). The archive is written beside out under a temporary
// name and renamed into place, so out is never left half-written; an
// existing out is replaced.
func WriteBundleFile(out string, meta Meta, site fs.FS, signer *Signer) (_ *Manifest, err error) {
	format, err := FormatOf(out)
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".partial-*")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	m, err := WriteBundle(f, format, meta, site, signer)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", out, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return nil, err
	}
	if err := f.Sync(); err != nil {
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	if err := os.Rename(f.Name(), out); err != nil {
		return nil, err
	}
	return m, nil
}
