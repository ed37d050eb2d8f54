package release

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var formats = []string{FormatZip, FormatTarGz}

func bundle(t *testing.T, format string, s *Signer) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := WriteBundle(&buf, format, testMeta("2024.1"), testSite(), s); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBundleRoundTrip(t *testing.T) {
	s, pub := testSigner(t)
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			b := bundle(t, format, s)
			if !bytes.Equal(b, bundle(t, format, s)) {
				t.Error("two bundles of the same site differ")
			}
			m, rep, err := VerifyReader(bytes.NewReader(b), int64(len(b)), format, pub, "2024.1")
			if err != nil || !rep.OK() {
				t.Fatalf("bundle does not verify: %v %+v", err, rep)
			}
			if m.Source != nil || len(m.Files) != len(testSite()) {
				t.Errorf("manifest = %+v", m)
			}
			// Through a file named for its format, as `attache verify` does.
			p := filepath.Join(t.TempDir(), "en-fr."+format)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, rep, err := VerifyArchive(p, pub, ""); err != nil || !rep.OK() {
				t.Errorf("VerifyArchive: %v %+v", err, rep)
			}
			// Extracted, it verifies as a directory too.
			fsys, err := ReadArchiveFS(bytes.NewReader(b), int64(len(b)), format)
			if err != nil {
				t.Fatal(err)
			}
			if _, rep, err := VerifyFS(fsys, pub, ""); err != nil || !rep.OK() {
				t.Errorf("VerifyFS of the contents: %v %+v", err, rep)
			}
		})
	}
}

// archived is one entry as read back with its metadata.
type archived struct {
	name  string
	mode  fs.FileMode
	mtime time.Time
	data  string
}

func listArchive(t *testing.T, b []byte, format string) []archived {
	t.Helper()
	var out []archived
	switch format {
	case FormatZip:
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(rc)
			rc.Close()
			out = append(out, archived{f.Name, f.Mode(), f.Modified.UTC(), string(data)})
		}
	case FormatTarGz:
		gz, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if !gz.ModTime.IsZero() || gz.Name != "" {
			t.Errorf("gzip header carries a time or name: %+v", gz.Header)
		}
		tr := tar.NewReader(gz)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
				t.Errorf("%s: owner %d/%d %q/%q", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
			}
			data, _ := io.ReadAll(tr)
			out = append(out, archived{h.Name, h.FileInfo().Mode(), h.ModTime.UTC(), string(data)})
		}
	}
	return out
}

func TestBundleEntries(t *testing.T) {
	s, _ := testSigner(t)
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			entries := listArchive(t, bundle(t, format, s), format)
			var names []string
			for _, e := range entries {
				names = append(names, e.name)
				isDir := strings.HasSuffix(e.name, "/")
				if isDir && e.mode != fs.ModeDir|0o755 || !isDir && e.mode != 0o644 {
					t.Errorf("%s: mode %v", e.name, e.mode)
				}
				if !e.mtime.Equal(testCreated) {
					t.Errorf("%s: mtime %v, want %v", e.name, e.mtime, testCreated)
				}
			}
			if !slices.IsSorted(names) {
				t.Errorf("entries not sorted: %q", names)
			}
			for _, want := range []string{ManifestName, SignatureName, SumsName, "site/", "site/en/", "site/en/index.html", "site/vi/hội-nghị/index.html"} {
				if !slices.Contains(names, want) {
					t.Errorf("no entry %q in %q", want, names)
				}
			}
		})
	}
}

func TestWriteArchiveDeterministic(t *testing.T) {
	for _, format := range formats {
		var a, b bytes.Buffer
		if err := WriteArchive(&a, format, testSite(), testCreated); err != nil {
			t.Fatal(err)
		}
		// Same files, other times and modes in the source: same bytes.
		site := testSite()
		for _, f := range site {
			f.ModTime = time.Now()
			f.Mode = 0o600
		}
		if err := WriteArchive(&b, format, site, testCreated); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: archives of the same files differ", format)
		}
		// Before zip's epoch, times are clamped, still deterministically.
		var c bytes.Buffer
		if err := WriteArchive(&c, format, testSite(), time.Unix(0, 0)); err != nil {
			t.Fatal(err)
		}
		for _, e := range listArchive(t, c.Bytes(), format) {
			if !e.mtime.Equal(minArchiveTime) {
				t.Errorf("%s %s: mtime %v", format, e.name, e.mtime)
			}
		}
	}
	if err := WriteArchive(io.Discard, "rar", testSite(), testCreated); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]string{"a.zip": FormatZip, "A.ZIP": FormatZip, "x/en-fr.tar.gz": FormatTarGz, "b.tgz": FormatTarGz, "c.tar": "", "d": ""} {
		got, err := FormatOf(name)
		if got != want || (err == nil) != (want != "") {
			t.Errorf("FormatOf(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
}

// rawEntry describes an archive entry to forge, valid or not.
type rawEntry struct {
	name string
	data string
	kind byte // 0 file, 'd' dir, 's' symlink, 'h' hard link, 'c' char device
}

func forge(t *testing.T, format string, entries []rawEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	switch format {
	case FormatZip:
		zw := zip.NewWriter(&buf)
		for _, e := range entries {
			h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
			switch e.kind {
			case 'd':
				h.SetMode(fs.ModeDir | 0o755)
			case 's', 'h':
				h.SetMode(fs.ModeSymlink | 0o777)
			case 'c':
				h.SetMode(fs.ModeDevice | fs.ModeCharDevice | 0o644)
			default:
				h.SetMode(0o644)
			}
			w, err := zw.CreateHeader(h)
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(w, e.data)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	case FormatTarGz:
		gz := gzip.NewWriter(&buf)
		tw := tar.NewWriter(gz)
		for _, e := range entries {
			h := &tar.Header{Name: e.name, Mode: 0o644, Typeflag: tar.TypeReg, Size: int64(len(e.data))}
			switch e.kind {
			case 'd':
				h.Typeflag, h.Size = tar.TypeDir, 0
			case 's':
				h.Typeflag, h.Linkname, h.Size = tar.TypeSymlink, e.data, 0
			case 'h':
				h.Typeflag, h.Linkname, h.Size = tar.TypeLink, e.data, 0
			case 'c':
				h.Typeflag, h.Size = tar.TypeChar, 0
			}
			if err := tw.WriteHeader(h); err != nil {
				t.Fatal(err)
			}
			if h.Size > 0 {
				io.WriteString(tw, e.data)
			}
		}
		if err := tw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := gz.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func TestArchiveUnsafeEntries(t *testing.T) {
	_, pub := testSigner(t)
	for name, tc := range map[string]struct {
		entries []rawEntry
		want    string
	}{
		"zip-slip":         {[]rawEntry{{name: "site/ok.html"}, {name: "../x", data: "pwned"}}, `".."`},
		"deep zip-slip":    {[]rawEntry{{name: "site/../../../tmp/x"}}, `".."`},
		"absolute":         {[]rawEntry{{name: "/etc/x"}}, "absolute"},
		"backslash":        {[]rawEntry{{name: `..\x`}}, "backslash"},
		"drive letter":     {[]rawEntry{{name: "C:/x"}}, "drive"},
		"symlink":          {[]rawEntry{{name: "site/passwd", data: "/etc/passwd", kind: 's'}}, "symlink"},
		"dir symlink":      {[]rawEntry{{name: "site/up", data: "..", kind: 's'}, {name: "site/up/x"}}, "symlink"},
		"device":           {[]rawEntry{{name: "site/dev", kind: 'c'}}, "regular"},
		"duplicate":        {[]rawEntry{{name: "site/a.html", data: "1"}, {name: "site/a.html", data: "2"}}, "duplicate"},
		"duplicate via ./": {[]rawEntry{{name: "site/a.html"}, {name: "./site/a.html"}}, "duplicate"},
		"file then dir":    {[]rawEntry{{name: "site/a"}, {name: "site/a/b"}}, "both a file and a directory"},
		"dir then file":    {[]rawEntry{{name: "site/a/b"}, {name: "site/a"}}, "both a file and a directory"},
		"empty name":       {[]rawEntry{{name: ""}}, "empty"},
		"control char":     {[]rawEntry{{name: "a\nb"}}, "control"},
	} {
		for _, format := range formats {
			t.Run(name+"/"+format, func(t *testing.T) {
				b := forge(t, format, tc.entries)
				_, _, err := VerifyReader(bytes.NewReader(b), int64(len(b)), format, pub, "")
				if !errors.Is(err, ErrUnsafeArchive) || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("VerifyReader: err = %v, want ErrUnsafeArchive mentioning %q", err, tc.want)
				}
				if _, err := ReadArchiveFS(bytes.NewReader(b), int64(len(b)), format); !errors.Is(err, ErrUnsafeArchive) {
					t.Errorf("ReadArchiveFS: err = %v, want ErrUnsafeArchive", err)
				}
			})
		}
	}
	// Tar alone has hard links.
	b := forge(t, FormatTarGz, []rawEntry{{name: "site/a"}, {name: "site/b", data: "/etc/shadow", kind: 'h'}})
	if _, _, err := VerifyReader(bytes.NewReader(b), int64(len(b)), FormatTarGz, pub, ""); !errors.Is(err, ErrUnsafeArchive) || !strings.Contains(err.Error(), "hard link") {
		t.Errorf("hard link: err = %v", err)
	}
}

// rewrite reads a valid bundle and writes its entries back through edit,
// which may change, drop (return false) or add entries.
func rewrite(t *testing.T, b []byte, format string, edit func(e *rawEntry) bool, add ...rawEntry) []byte {
	t.Helper()
	var entries []rawEntry
	err := walkArchive(bytes.NewReader(b), int64(len(b)), format, func(name string, r io.Reader) error {
		data, err := io.ReadAll(r)
		e := rawEntry{name: name, data: string(data)}
		if edit(&e) {
			entries = append(entries, e)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return forge(t, format, append(entries, add...))
}

func TestArchiveTampered(t *testing.T) {
	s, pub := testSigner(t)
	_, otherPub := testSigner(t)
	keep := func(*rawEntry) bool { return true }
	for _, format := range formats {
		orig := bundle(t, format, s)
		for name, tc := range map[string]struct {
			b                       []byte
			pub                     []byte
			is                      error
			changed, missing, extra []string
		}{
			"repacked": {b: rewrite(t, orig, format, keep)},
			"repacked with ./": {b: rewrite(t, orig, format, func(e *rawEntry) bool {
				e.name = "./" + e.name
				return true
			}, rawEntry{name: "./", kind: 'd'})},
			"changed": {b: rewrite(t, orig, format, func(e *rawEntry) bool {
				if e.name == "site/en/index.html" {
					e.data = "defaced"
				}
				return true
			}), changed: []string{"site/en/index.html"}},
			"missing and extra": {b: rewrite(t, orig, format, func(e *rawEntry) bool {
				return e.name != "site/fr/index.html"
			}, rawEntry{name: "site/fr/evil.html"}), missing: []string{"site/fr/index.html"}, extra: []string{"site/fr/evil.html"}},
			"edited manifest": {b: rewrite(t, orig, format, func(e *rawEntry) bool {
				if e.name == ManifestName {
					e.data = strings.Replace(e.data, `"fr"`, `"de"`, 1)
				}
				return true
			}), is: ErrBadSignature},
			"no signature": {b: rewrite(t, orig, format, func(e *rawEntry) bool {
				return e.name != SignatureName
			}), is: ErrNotCopy},
			"other key": {b: orig, pub: otherPub, is: ErrWrongKey},
			"truncated": {b: orig[:len(orig)*2/3], is: nil},
		} {
			t.Run(format+"/"+name, func(t *testing.T) {
				key := pub
				if tc.pub != nil {
					key = tc.pub
				}
				_, rep, err := VerifyReader(bytes.NewReader(tc.b), int64(len(tc.b)), format, key, "")
				if name == "truncated" {
					if err == nil {
						t.Fatalf("truncated archive verified: %+v", rep)
					}
					return
				}
				if tc.is != nil {
					if !errors.Is(err, tc.is) {
						t.Errorf("err = %v, want %v", err, tc.is)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(rep.Changed, tc.changed) || !slices.Equal(rep.Missing, tc.missing) || !slices.Equal(rep.Extra, tc.extra) {
					t.Errorf("report %+v, want changed %q missing %q extra %q", rep, tc.changed, tc.missing, tc.extra)
				}
			})
		}
	}
}

func TestReadArchiveFS(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteArchive(&buf, FormatTarGz, testSite(), testCreated); err != nil {
		t.Fatal(err)
	}
	fsys, err := ReadArchiveFS(bytes.NewReader(buf.Bytes()), int64(buf.Len()), FormatTarGz)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name, f := range testSite() {
		names = append(names, name)
		if b, err := fs.ReadFile(fsys, name); err != nil || !bytes.Equal(b, f.Data) {
			t.Errorf("%s = %q, %v", name, b, err)
		}
	}
	if err := fstest.TestFS(fsys, names...); err != nil {
		t.Error(err)
	}
}

func TestWriteBundleFileChanged(t *testing.T) {
	s, _ := testSigner(t)
	site := testSite()
	changing := &changingFS{MapFS: site}
	if _, err := WriteBundle(io.Discard, FormatZip, testMeta("1"), changing, s); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Errorf("err = %v, want a file changed while archiving", err)
	}
}

// changingFS serves index.html with other bytes (same size) after the
// first read, as a site rebuilt during `attache bundle` would.
type changingFS struct {
	fstest.MapFS
	opened bool
}

func (c *changingFS) Open(name string) (fs.File, error) {
	if name == "index.html" {
		if c.opened {
			c.MapFS["index.html"] = &fstest.MapFile{Data: bytes.ToUpper(c.MapFS["index.html"].Data)}
		}
		c.opened = true
	}
	return c.MapFS.Open(name)
}

func FuzzWalkArchive(f *testing.F) {
	s, _ := testSigner(f)
	for _, format := range formats {
		var buf bytes.Buffer
		if _, err := WriteBundle(&buf, format, testMeta("1"), fstest.MapFS{"a/b.html": {Data: []byte("x")}}, s); err != nil {
			f.Fatal(err)
		}
		f.Add(format == FormatZip, buf.Bytes())
	}
	f.Fuzz(func(t *testing.T, isZip bool, b []byte) {
		format := FormatTarGz
		if isZip {
			format = FormatZip
		}
		seen := map[string]bool{}
		_ = walkArchive(bytes.NewReader(b), int64(len(b)), format, func(name string, r io.Reader) error {
			if err := checkPath(name); err != nil {
				t.Fatalf("unsafe name passed through: %v", err)
			}
			if seen[name] {
				t.Fatalf("duplicate %q passed through", name)
			}
			seen[name] = true
			_, err := io.Copy(io.Discard, io.LimitReader(r, 1<<20))
			return err
		})
	})
}

func TestWriteBundleFileAndVerify(t *testing.T) {
	s, pub := testSigner(t)
	dir := t.TempDir()
	for _, name := range []string{"en-fr.zip", "en-fr.tar.gz", "en-fr.tgz"} {
		out := filepath.Join(dir, name)
		if _, err := WriteBundleFile(out, testMeta("2024.1"), testSite(), s); err != nil {
			t.Fatal(err)
		}
		m, rep, err := Verify(out, pub, "2024.1")
		if err != nil || !rep.OK() || m.Version != "2024.1" {
			t.Errorf("%s: %v %+v", name, err, rep)
		}
	}
	if _, err := WriteBundleFile(filepath.Join(dir, "x.rar"), testMeta("2024.1"), testSite(), s); err == nil {
		t.Error("unknown extension accepted")
	}
	if _, err := WriteBundleFile(filepath.Join(dir, "bad.zip"), testMeta("../1"), testSite(), s); err == nil {
		t.Error("bad version accepted")
	}
	ents, _ := os.ReadDir(dir)
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"en-fr.tar.gz", "en-fr.tgz", "en-fr.zip"}) {
		t.Errorf("files left: %q", names)
	}
	// A release directory goes through the same entry point.
	_, rel, relPub := freezeTest(t, "2024.1")
	if _, rep, err := Verify(rel, relPub, ""); err != nil || !rep.OK() {
		t.Errorf("Verify(dir): %v %+v", err, rep)
	}
	if _, _, err := Verify(filepath.Join(dir, "none.zip"), pub, ""); err == nil {
		t.Error("a missing path verified")
	}
}

// Entries hidden after the tar end marker (in the same or a second gzip
// member) are refused: some extractors would still unpack them.
func TestTarDataAfterEnd(t *testing.T) {
	s, pub := testSigner(t)
	b := bundle(t, FormatTarGz, s)
	var tail bytes.Buffer
	gz := gzip.NewWriter(&tail)
	tw := tar.NewWriter(gz)
	tw.WriteHeader(&tar.Header{Name: "site/evil.html", Typeflag: tar.TypeReg, Size: 4, Mode: 0o644})
	io.WriteString(tw, "evil")
	tw.Close()
	gz.Close()
	joined := append(slices.Clone(b), tail.Bytes()...)
	_, _, err := VerifyReader(bytes.NewReader(joined), int64(len(joined)), FormatTarGz, pub, "")
	if !errors.Is(err, ErrUnsafeArchive) || !strings.Contains(err.Error(), "after the end") {
		t.Errorf("err = %v, want data after the end refused", err)
	}
	// Zero padding, as GNU tar writes to fill a record, is fine.
	var padded bytes.Buffer
	gz = gzip.NewWriter(&padded)
	gz.Write(make([]byte, 10240))
	gz.Close()
	joined = append(slices.Clone(b), padded.Bytes()...)
	if _, rep, err := VerifyReader(bytes.NewReader(joined), int64(len(joined)), FormatTarGz, pub, ""); err != nil || !rep.OK() {
		t.Errorf("zero padding refused: %v %+v", err, rep)
	}
	// A damaged gzip trailer is noticed too.
	bad := slices.Clone(b)
	bad[len(bad)-6] ^= 0xff
	if _, _, err := VerifyReader(bytes.NewReader(bad), int64(len(bad)), FormatTarGz, pub, ""); err == nil {
		t.Error("a bad gzip checksum passed")
	}
}
