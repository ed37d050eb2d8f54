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
	"sort"
)

var (
	// ErrNotCopy: manifest.json or its signature is missing, so nothing can
	// be checked (a truncated copy, or not a release at all).
	ErrNotCopy = errors.New("not a complete release copy")
	// ErrDowngrade: the copy's signed version is older than the minimum.
	ErrDowngrade = errors.New("refusing a downgrade")
)

// Size caps for the two files read into memory; the rest is streamed.
const (
	maxManifestSize  = 256 << 20
	maxSignatureSize = 64 << 10
)

// Report lists what differs between a copy and its signed manifest, each
// list sorted, paths relative to the copy's root (site/en/index.html).
type Report struct {
	Changed []string `json:"changed"` // present, but size or content differs
	Missing []string `json:"missing"` // listed but absent
	Extra   []string `json:"extra"`   // present but not listed
}

// OK reports whether the copy matches its manifest exactly.
func (r Report) OK() bool { return len(r.Changed)+len(r.Missing)+len(r.Extra) == 0 }

// copyIndex is what a copy holds: the manifest and signature bytes and the
// size and digest of every other file, by copy-root path.
type copyIndex struct {
	manifest, sig []byte
	files         map[string]File
}

func (ix *copyIndex) add(name string, r io.Reader) error {
	switch name {
	case ManifestName:
		b, err := readCapped(r, maxManifestSize)
		ix.manifest = b
		return err
	case SignatureName:
		b, err := readCapped(r, maxSignatureSize)
		ix.sig = b
		return err
	}
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return err
	}
	ix.files[name] = File{Path: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}
	return nil
}

func readCapped(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return b, nil
}

// VerifyFS checks the copy at the root of fsys (a release directory or an
// extracted bundle, laid out as in the package doc) against its signed
// manifest, with pub a minisign public key file. minVersion, when not empty,
// refuses a copy whose signed version is older (ErrDowngrade).
//
// An error means the copy cannot be trusted at all: manifest or signature
// missing (ErrNotCopy), bad signature (ErrBadSignature), another key
// (ErrWrongKey), a signed version that disagrees with the manifest, a
// downgrade, or a symlink or special file in the copy. Otherwise the Report
// says which files differ; the copy is intact when it is OK.
func VerifyFS(fsys fs.FS, pub []byte, minVersion string) (*Manifest, Report, error) {
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
		return nil, Report{}, err
	}
	return ix.check(pub, minVersion)
}

// Verify checks the copy at path, a directory (VerifyFS) or an archive
// (VerifyArchive), as `attache verify DIR|ARCHIVE` does.
func Verify(path string, pub []byte, minVersion string) (*Manifest, Report, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, Report{}, err
	}
	if !st.IsDir() {
		return VerifyArchive(path, pub, minVersion)
	}
	m, rep, err := VerifyFS(os.DirFS(path), pub, minVersion)
	if err != nil {
		return nil, Report{}, fmt.Errorf("%s: %w", path, err)
	}
	return m, rep, nil
}

// VerifyArchive checks a bundle archive (.zip, .tar.gz or .tgz, by its
// name) like VerifyFS, reading it as a stream without extracting anything.
// Archives with unsafe entries are refused (ErrUnsafeArchive).
func VerifyArchive(path string, pub []byte, minVersion string) (*Manifest, Report, error) {
	format, err := FormatOf(path)
	if err != nil {
		return nil, Report{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, Report{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, Report{}, err
	}
	m, rep, err := VerifyReader(f, st.Size(), format, pub, minVersion)
	if err != nil {
		return nil, Report{}, fmt.Errorf("%s: %w", path, err)
	}
	return m, rep, nil
}

// VerifyReader is VerifyArchive over size bytes of r in the given format.
func VerifyReader(r io.ReaderAt, size int64, format string, pub []byte, minVersion string) (*Manifest, Report, error) {
	ix := &copyIndex{files: map[string]File{}}
	if err := walkArchive(r, size, format, ix.add); err != nil {
		return nil, Report{}, err
	}
	return ix.check(pub, minVersion)
}

// check verifies the signature first, and only then parses what it covers.
func (ix *copyIndex) check(pub []byte, minVersion string) (*Manifest, Report, error) {
	if minVersion != "" {
		if err := CheckVersion(minVersion); err != nil {
			return nil, Report{}, fmt.Errorf("minimum version: %w", err)
		}
	}
	if ix.manifest == nil {
		return nil, Report{}, fmt.Errorf("%s missing: %w", ManifestName, ErrNotCopy)
	}
	if ix.sig == nil {
		return nil, Report{}, fmt.Errorf("%s missing: %w", SignatureName, ErrNotCopy)
	}
	signed, err := VerifySignature(ix.manifest, ix.sig, pub)
	if err != nil {
		return nil, Report{}, err
	}
	m, err := ParseManifest(ix.manifest)
	if err != nil {
		return nil, Report{}, fmt.Errorf("%s (validly signed): %w", ManifestName, err)
	}
	if m.Version != signed {
		return nil, Report{}, fmt.Errorf("%s: signed for version %q but the manifest says %q", SignatureName, signed, m.Version)
	}
	if minVersion != "" && CompareVersions(signed, minVersion) < 0 {
		return nil, Report{}, fmt.Errorf("version %s is older than %s: %w", signed, minVersion, ErrDowngrade)
	}
	return m, ix.compare(m), nil
}

// compare lists the differences between the copy and what m expects.
func (ix *copyIndex) compare(m *Manifest) Report {
	want := make(map[string]File, len(m.Files)+2)
	for _, f := range m.Files {
		p := SiteDir + "/" + f.Path
		want[p] = File{Path: p, Size: f.Size, SHA256: f.SHA256}
	}
	sums := m.SHA256SUMS()
	h := sha256.Sum256(sums)
	want[SumsName] = File{Path: SumsName, Size: int64(len(sums)), SHA256: hex.EncodeToString(h[:])}
	if m.Source != nil {
		want[SourceName] = *m.Source
	}
	var r Report
	for p, w := range want {
		got, ok := ix.files[p]
		switch {
		case !ok:
			r.Missing = append(r.Missing, p)
		case got.Size != w.Size || got.SHA256 != w.SHA256:
			r.Changed = append(r.Changed, p)
		}
	}
	for p := range ix.files {
		if _, ok := want[p]; !ok {
			r.Extra = append(r.Extra, p)
		}
	}
	sort.Strings(r.Changed)
	sort.Strings(r.Missing)
	sort.Strings(r.Extra)
	return r
}

// ReadManifest reads and parses DIR/manifest.json without checking its
// signature, as `attache diff` needs; use VerifyFS to trust a copy.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil, err
	}
	m, err := ParseManifest(b)
	if err != nil {
		return nil, fmt.Errorf("%s/%s: %w", dir, ManifestName, err)
	}
	return m, nil
}
