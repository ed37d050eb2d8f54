package release

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"time"
)

// File is one file of a release: its path relative to the site root (or, for
// Manifest.Source, to the copy's root), its size in bytes and the lowercase
// hex SHA-256 of its content.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Manifest lists every file of a release's site, sorted by path. It is what
// the signature covers.
type Manifest struct {
	Version   string
	Created   time.Time // whole seconds, UTC; deterministic (the caller derives it from the sources)
	Languages []string  // in the caller's order
	Source    *File     // the sources archive (releases only), nil in bundles
	Files     []File
}

// wireManifest is manifest.json's exact shape; field order is output order.
type wireManifest struct {
	Version   string   `json:"version"`
	Created   string   `json:"created"`
	Languages []string `json:"languages"`
	Source    *File    `json:"source,omitempty"`
	Files     []File   `json:"files"`
}

// BuildManifest hashes every regular file of fsys into a manifest. It refuses
// symlinks, devices and other irregular files, and paths that checkPath
// rejects, so what it lists can be copied and archived faithfully.
func BuildManifest(fsys fs.FS, version string, created time.Time, languages []string) (*Manifest, error) {
	m := &Manifest{Version: version, Created: created.UTC().Truncate(time.Second), Languages: slices.Clone(languages)}
	if err := m.checkHeader(); err != nil {
		return nil, err
	}
	err := walkFiles(fsys, func(p string) error {
		f, err := hashFile(fsys, p)
		if err != nil {
			return err
		}
		m.Files = append(m.Files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortFiles(m.Files)
	return m, nil
}

func sortFiles(files []File) {
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
}

// walkFiles calls fn with the path of every regular file in fsys, in
// lexical order, and fails on anything that is neither a file nor a
// directory.
func walkFiles(fsys fs.FS, fn func(p string) error) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == "." {
			if !d.IsDir() {
				return fmt.Errorf("root is not a directory")
			}
			return nil
		}
		if err := checkPath(p); err != nil {
			return err
		}
		switch t := d.Type(); {
		case t&fs.ModeSymlink != 0:
			return fmt.Errorf("%s: symlinks are not allowed in a release", p)
		case t.IsDir():
			return nil
		case !t.IsRegular():
			return fmt.Errorf("%s: not a regular file (%v)", p, t)
		}
		return fn(p)
	})
}

// hashFile returns p's size and SHA-256.
func hashFile(fsys fs.FS, p string) (File, error) {
	r, err := fsys.Open(p)
	if err != nil {
		return File{}, err
	}
	defer r.Close()
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return File{}, fmt.Errorf("%s: %w", p, err)
	}
	return File{Path: p, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// Marshal returns manifest.json's canonical bytes: two-space indented JSON,
// no HTML escaping, a trailing newline. The same manifest always gives the
// same bytes.
func (m *Manifest) Marshal() []byte {
	w := wireManifest{
		Version:   m.Version,
		Created:   m.Created.UTC().Format(time.RFC3339),
		Languages: m.Languages,
		Source:    m.Source,
		Files:     m.Files,
	}
	if w.Languages == nil {
		w.Languages = []string{}
	}
	if w.Files == nil {
		w.Files = []File{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(w); err != nil {
		// Strings, integers and slices of them always encode.
		panic(fmt.Sprintf("release: encoding manifest: %v", err))
	}
	return b.Bytes()
}

// ParseManifest reads manifest.json strictly: unknown or missing fields,
// trailing data, a bad version, time, language, path or digest, unsorted or
// duplicate paths, and any text that is not exactly what Marshal writes are
// errors. Strictness is the point: a signed manifest must mean one thing.
func ParseManifest(b []byte) (*Manifest, error) {
	var w wireManifest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("manifest: data after the JSON object")
	}
	if w.Languages == nil {
		return nil, fmt.Errorf("manifest: \"languages\" missing")
	}
	if w.Files == nil {
		return nil, fmt.Errorf("manifest: \"files\" missing")
	}
	created, err := time.Parse(time.RFC3339, w.Created)
	if err != nil || created.Location() != time.UTC || created.Format(time.RFC3339) != w.Created {
		return nil, fmt.Errorf("manifest: created %q is not an RFC 3339 UTC time in whole seconds", w.Created)
	}
	m := &Manifest{Version: w.Version, Created: created, Languages: w.Languages, Source: w.Source, Files: w.Files}
	if err := m.checkHeader(); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if m.Source != nil {
		if m.Source.Path != SourceName {
			return nil, fmt.Errorf("manifest: source path %q, want %q", m.Source.Path, SourceName)
		}
		if err := checkDigest(*m.Source); err != nil {
			return nil, fmt.Errorf("manifest: source: %w", err)
		}
	}
	seen := make(map[string]bool, len(m.Files))
	for i, f := range m.Files {
		if err := checkPath(f.Path); err != nil {
			return nil, fmt.Errorf("manifest: files[%d]: %w", i, err)
		}
		if err := checkDigest(f); err != nil {
			return nil, fmt.Errorf("manifest: files[%d]: %w", i, err)
		}
		if i > 0 && f.Path <= m.Files[i-1].Path {
			if f.Path == m.Files[i-1].Path {
				return nil, fmt.Errorf("manifest: files[%d]: duplicate path %q", i, f.Path)
			}
			return nil, fmt.Errorf("manifest: files[%d]: %q is not sorted after %q", i, f.Path, m.Files[i-1].Path)
		}
		seen[f.Path] = true
	}
	for _, f := range m.Files {
		if err := parentConflict(seen, f.Path); err != nil {
			return nil, fmt.Errorf("manifest: %w", err)
		}
	}
	if !bytes.Equal(m.Marshal(), b) {
		return nil, fmt.Errorf("manifest: not in canonical form (edited by hand? duplicate keys, reordered fields or changed spacing)")
	}
	return m, nil
}

// checkHeader validates the fields other than files.
func (m *Manifest) checkHeader() error {
	if err := CheckVersion(m.Version); err != nil {
		return err
	}
	if y := m.Created.Year(); y < 1970 || y > 9999 {
		return fmt.Errorf("created time %v out of range (1970-9999); pass the sources' time", m.Created)
	}
	seen := make(map[string]bool, len(m.Languages))
	for _, l := range m.Languages {
		if err := checkLanguage(l); err != nil {
			return err
		}
		if seen[l] {
			return fmt.Errorf("language %q listed twice", l)
		}
		seen[l] = true
	}
	return nil
}

// checkLanguage accepts the characters of a BCP 47 tag.
func checkLanguage(l string) error {
	if l == "" || len(l) > 35 {
		return fmt.Errorf("bad language code %q", l)
	}
	for i := 0; i < len(l); i++ {
		if !isAlnum(l[i]) && l[i] != '-' {
			return fmt.Errorf("bad language code %q", l)
		}
	}
	return nil
}

func checkDigest(f File) error {
	if f.Size < 0 {
		return fmt.Errorf("%s: negative size", f.Path)
	}
	if len(f.SHA256) != 64 || strings.ToLower(f.SHA256) != f.SHA256 {
		return fmt.Errorf("%s: sha256 must be 64 lowercase hex digits", f.Path)
	}
	if _, err := hex.DecodeString(f.SHA256); err != nil {
		return fmt.Errorf("%s: sha256 must be 64 lowercase hex digits", f.Path)
	}
	return nil
}

// SHA256SUMS returns the SHA256SUMS file for the copy's root, in the format
// of `sha256sum -c`: site files as site/PATH, then the sources archive if
// any, sorted by name.
func (m *Manifest) SHA256SUMS() []byte {
	type line struct{ name, sum string }
	lines := make([]line, 0, len(m.Files)+1)
	for _, f := range m.Files {
		lines = append(lines, line{SiteDir + "/" + f.Path, f.SHA256})
	}
	if m.Source != nil {
		lines = append(lines, line{SourceName, m.Source.SHA256})
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i].name < lines[j].name })
	var b bytes.Buffer
	for _, l := range lines {
		fmt.Fprintf(&b, "%s  %s\n", l.sum, l.name)
	}
	return b.Bytes()
}
