package release

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFreezeLayout(t *testing.T) {
	releases, dir, pub := freezeTest(t, "2024.1")
	for _, name := range []string{ManifestName, SignatureName, SumsName, SourceName, "site/index.html", "site/vi/hội-nghị/index.html", "site/empty.txt"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("missing %s: %v", name, err)
		}
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o755 {
		t.Errorf("release dir mode: %v %v", st.Mode(), err)
	}
	ents, err := os.ReadDir(releases)
	if err != nil || len(ents) != 1 {
		t.Errorf("releases holds %v, want just the release (%v)", ents, err)
	}
	m, rep, err := VerifyFS(os.DirFS(dir), pub, "")
	if err != nil || !rep.OK() {
		t.Fatalf("fresh release does not verify: %v %+v", err, rep)
	}
	if m.Version != "2024.1" || m.Source == nil || len(m.Files) != len(testSite()) || !slices.Equal(m.Languages, []string{"vi", "en", "fr"}) {
		t.Errorf("manifest = %+v", m)
	}
	vs, err := ListReleases(releases)
	if err != nil || !slices.Equal(vs, []string{"2024.1"}) {
		t.Errorf("ListReleases = %q, %v", vs, err)
	}
}

// `sha256sum -c SHA256SUMS` in the release directory checks it, as the
// contract promises.
func TestFreezeSHA256SUMSWithCoreutils(t *testing.T) {
	if _, err := exec.LookPath("sha256sum"); err != nil {
		t.Skip("sha256sum not installed")
	}
	_, dir, _ := freezeTest(t, "2024.1")
	cmd := exec.Command("sha256sum", "--strict", "-c", SumsName)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sha256sum -c: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "site/index.html"), []byte("defaced"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command("sha256sum", "-c", SumsName)
	cmd.Dir = dir
	if err := cmd.Run(); err == nil {
		t.Error("sha256sum -c passed a defaced file")
	}
}

func TestFreezeRefusesExisting(t *testing.T) {
	releases, _, _ := freezeTest(t, "2024.1")
	before := snapshot(t, releases)
	s, _ := testSigner(t)
	other := fstest.MapFS{"index.html": {Data: []byte("other")}}
	_, err := Freeze(releases, testMeta("2024.1"), other, nil, s)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("err = %v, want ErrExists", err)
	}
	after := snapshot(t, releases)
	if !mapsEqual(before, after) {
		t.Errorf("refused release changed the tree:\nbefore %q\nafter  %q", sortedKeys(before), sortedKeys(after))
	}
	// Even an empty directory of that name is a release not to be replaced.
	if err := os.Mkdir(filepath.Join(releases, "2024.2"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Freeze(releases, testMeta("2024.2"), testSite(), nil, s); !errors.Is(err, ErrExists) {
		t.Errorf("err = %v, want ErrExists", err)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// failingFS serves a site whose last file fails halfway through reading.
type failingFS struct{ fstest.MapFS }

func (f failingFS) Open(name string) (fs.File, error) {
	file, err := f.MapFS.Open(name)
	if err != nil || name != "z/broken.html" {
		return file, err
	}
	return brokenFile{file}, nil
}

type brokenFile struct{ fs.File }

func (brokenFile) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestFreezeLeavesNothingOnFailure(t *testing.T) {
	s, _ := testSigner(t)
	site := testSite()
	site["z/broken.html"] = &fstest.MapFile{Data: []byte("x")}
	for name, tc := range map[string]struct {
		site, source fs.FS
		signer       *Signer
		version      string
	}{
		"read error":    {failingFS{site}, nil, s, "1"},
		"bad source":    {testSite(), failingFS{site}, s, "1"},
		"empty site":    {fstest.MapFS{}, nil, s, "1"},
		"no signer":     {testSite(), nil, nil, "1"},
		"bad version":   {testSite(), nil, s, "../1"},
		"bad languages": {testSite(), nil, s, "1"},
	} {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			releases := filepath.Join(parent, "releases")
			meta := testMeta(tc.version)
			if name == "bad languages" {
				meta.Languages = []string{"en", "en"}
			}
			if _, err := Freeze(releases, meta, tc.site, tc.source, tc.signer); err == nil {
				t.Fatal("Freeze succeeded")
			}
			if ents, _ := os.ReadDir(parent); len(ents) != 0 {
				t.Errorf("left behind %v", ents)
			}
			// With releases/ already there, it stays, empty.
			if err := os.Mkdir(releases, 0o755); err != nil {
				t.Fatal(err)
			}
			if _, err := Freeze(releases, meta, tc.site, tc.source, tc.signer); err == nil {
				t.Fatal("Freeze succeeded")
			}
			if ents, _ := os.ReadDir(releases); len(ents) != 0 {
				t.Errorf("left behind %v", ents)
			}
		})
	}
}

func TestFreezeRefusesSymlinkInSite(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "index.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(site, "passwd")); err != nil {
		t.Skip(err)
	}
	s, _ := testSigner(t)
	releases := filepath.Join(t.TempDir(), "releases")
	_, err := Freeze(releases, testMeta("1"), os.DirFS(site), nil, s)
	if err == nil || !strings.Contains(err.Error(), "symlink") {
		t.Errorf("err = %v, want a symlink refusal", err)
	}
}

// Two versions of the same sources: identical site files and sources.
func TestFreezeSameSourcesTwice(t *testing.T) {
	releases, _, _ := freezeTest(t, "2024.1")
	s, _ := testSigner(t)
	src := fstest.MapFS{"site.yaml": {Data: []byte("languages: {vi: {}}\n")}, "content/vi/a.md": {Data: []byte("---\ntitle: A\n---\n")}}
	m2, err := Freeze(releases, testMeta("2024.2"), testSite(), src, s)
	if err != nil {
		t.Fatal(err)
	}
	m1, err := ReadManifest(filepath.Join(releases, "2024.1"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m1.Files, m2.Files) || *m1.Source != *m2.Source {
		t.Errorf("same sources, different releases:\n%+v\n%+v", m1, m2)
	}
	vs, err := ListReleases(releases)
	if err != nil || !slices.Equal(vs, []string{"2024.1", "2024.2"}) {
		t.Errorf("ListReleases = %q, %v", vs, err)
	}
}

func TestOpenSource(t *testing.T) {
	_, dir, _ := freezeTest(t, "2024.1")
	src, err := OpenSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := fstest.MapFS{"site.yaml": {Data: []byte("languages: {vi: {}}\n")}, "content/vi/a.md": {Data: []byte("---\ntitle: A\n---\n")}}
	if err := fstest.TestFS(src, "site.yaml", "content/vi/a.md"); err != nil {
		t.Error(err)
	}
	for name, f := range want {
		b, err := fs.ReadFile(src, name)
		if err != nil || string(b) != string(f.Data) {
			t.Errorf("%s = %q, %v", name, b, err)
		}
	}
	// A damaged archive is refused before it is read.
	if err := os.WriteFile(filepath.Join(dir, SourceName), []byte("not gzip"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenSource(dir); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Errorf("err = %v, want a mismatch", err)
	}
}

func TestListReleasesSkips(t *testing.T) {
	releases := t.TempDir()
	for _, d := range []string{"2024.10/", "2024.9/", ".2024.11.partial-123/", "notes/", "2024.12/"} {
		if err := os.MkdirAll(filepath.Join(releases, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"2024.10", "2024.9", ".2024.11.partial-123"} {
		if err := os.WriteFile(filepath.Join(releases, d, ManifestName), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := ListReleases(releases)
	if err != nil || !slices.Equal(vs, []string{"2024.9", "2024.10"}) {
		t.Errorf("ListReleases = %q, %v", vs, err)
	}
	if vs, err := ListReleases(filepath.Join(releases, "none")); err != nil || vs != nil {
		t.Errorf("missing dir: %q, %v", vs, err)
	}
}
