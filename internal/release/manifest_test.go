package release

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

const goldenManifest = `{
  "version": "2024.1",
  "created": "2024-03-01T12:30:00Z",
  "languages": [
    "en",
    "fr"
  ],
  "files": [
    {
      "path": "a&b/index.html",
      "size": 3,
      "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    },
    {
      "path": "en/index.html",
      "size": 0,
      "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    }
  ]
}
`

func TestBuildManifestGolden(t *testing.T) {
	site := fstest.MapFS{"en/index.html": {}, "a&b/index.html": {Data: []byte("abc")}}
	m, err := BuildManifest(site, "2024.1", testCreated.Add(500*time.Millisecond).In(time.FixedZone("ICT", 7*3600)), []string{"en", "fr"})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(m.Marshal()); got != goldenManifest {
		t.Errorf("Marshal =\n%s\nwant\n%s", got, goldenManifest)
	}
	back, err := ParseManifest([]byte(goldenManifest))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.Marshal(), []byte(goldenManifest)) || !back.Created.Equal(testCreated) {
		t.Errorf("round trip changed the manifest: %+v", back)
	}
	wantSums := "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  site/a&b/index.html\n" +
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  site/en/index.html\n"
	if got := string(m.SHA256SUMS()); got != wantSums {
		t.Errorf("SHA256SUMS =\n%s\nwant\n%s", got, wantSums)
	}
}

func TestBuildManifestDeterministic(t *testing.T) {
	a, err := BuildManifest(testSite(), "2024.1", testCreated, []string{"vi", "en"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := BuildManifest(testSite(), "2024.1", testCreated, []string{"vi", "en"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Marshal(), b.Marshal()) {
		t.Error("same inputs gave different manifests")
	}
	// The same sources released as another version: identical file list.
	c, err := BuildManifest(testSite(), "2024.2", testCreated, []string{"vi", "en"})
	if err != nil {
		t.Fatal(err)
	}
	if d := Diff(a, c); !d.Empty() {
		t.Errorf("same site as two versions differs: %+v", d)
	}
	if len(a.Files) != len(testSite()) {
		t.Errorf("%d files, want %d", len(a.Files), len(testSite()))
	}
	for i := 1; i < len(a.Files); i++ {
		if a.Files[i-1].Path >= a.Files[i].Path {
			t.Errorf("files not sorted: %q before %q", a.Files[i-1].Path, a.Files[i].Path)
		}
	}
}

func TestBuildManifestRefuses(t *testing.T) {
	for name, tc := range map[string]struct {
		version   string
		created   time.Time
		languages []string
		want      string
	}{
		"bad version":    {"../x", testCreated, nil, "version"},
		"zero time":      {"1", time.Time{}, nil, "created"},
		"dup language":   {"1", testCreated, []string{"en", "en"}, "twice"},
		"bad language":   {"1", testCreated, []string{"e n"}, "language"},
		"empty language": {"1", testCreated, []string{""}, "language"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := BuildManifest(testSite(), tc.version, tc.created, tc.languages)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func TestBuildManifestRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.html"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.html")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, err := BuildManifest(os.DirFS(dir), "1", testCreated, nil)
	if err == nil || !strings.Contains(err.Error(), "symlink") {
		t.Errorf("err = %v, want a symlink refusal", err)
	}
}

func TestParseManifestStrict(t *testing.T) {
	good := goldenManifest
	hashA := "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	for name, tc := range map[string]struct {
		old, new, want string
	}{
		"unknown field":      {`"version"`, `"extra": 1,` + "\n  " + `"version"`, "unknown field"},
		"unsorted":           {`"a&b/index.html"`, `"fr/index.html"`, "not sorted"},
		"duplicate path":     {`"a&b/index.html"`, `"en/index.html"`, "duplicate"},
		"dotdot":             {`"a&b/index.html"`, `"../index.html"`, `".."`},
		"inner dotdot":       {`"a&b/index.html"`, `"a/../../x"`, `".."`},
		"absolute":           {`"a&b/index.html"`, `"/etc/passwd"`, "absolute"},
		"backslash":          {`"a&b/index.html"`, `"a\\b.html"`, "backslash"},
		"drive letter":       {`"a&b/index.html"`, `"C:/x"`, "drive"},
		"dot element":        {`"a&b/index.html"`, `"./a"`, "clean"},
		"empty element":      {`"a&b/index.html"`, `"a//b"`, "clean"},
		"newline":            {`"a&b/index.html"`, `"a\nb"`, "control"},
		"bad hex":            {hashA, strings.Repeat("zz", 32), "hex"},
		"short hex":          {hashA, "ba78", "hex"},
		"upper hex":          {hashA, strings.ToUpper(hashA), "hex"},
		"negative size":      {`"size": 3`, `"size": -3`, "negative"},
		"trailing data":      {"}\n  ]\n}\n", "}\n  ]\n}\n{}", "after"},
		"spacing":            {`"version": "2024.1"`, `"version":"2024.1"`, "canonical"},
		"duplicate key":      {`"version": "2024.1",`, `"version": "2023.1",` + "\n  " + `"version": "2024.1",`, "canonical"},
		"escaped":            {`"2024.1"`, `"2024\u002e1"`, "canonical"},
		"local time":         {`"2024-03-01T12:30:00Z"`, `"2024-03-01T19:30:00+07:00"`, "created"},
		"fractional time":    {`"2024-03-01T12:30:00Z"`, `"2024-03-01T12:30:00.5Z"`, "created"},
		"null languages":     {"[\n    \"en\",\n    \"fr\"\n  ]", "null", "languages"},
		"bad version":        {`"2024.1"`, `"../1"`, "version"},
		"wrong type":         {`"size": 3`, `"size": "3"`, "size"},
		"file and directory": {`"a&b/index.html"`, `"en"`, "both a file and"},
	} {
		t.Run(name, func(t *testing.T) {
			bad := strings.Replace(good, tc.old, tc.new, 1)
			if bad == good {
				t.Fatalf("replacement %q not found", tc.old)
			}
			_, err := ParseManifest([]byte(bad))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
	for _, s := range []string{"", "null", "[]", "{}", "{\"version\": \"1\"}"} {
		if _, err := ParseManifest([]byte(s)); err == nil {
			t.Errorf("ParseManifest(%q) succeeded", s)
		}
	}
}

func TestParseManifestSource(t *testing.T) {
	m, err := BuildManifest(testSite(), "1.0", testCreated, []string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	m.Source = &File{Path: SourceName, Size: 10, SHA256: strings.Repeat("ab", 32)}
	back, err := ParseManifest(m.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if *back.Source != *m.Source {
		t.Errorf("source = %+v, want %+v", back.Source, m.Source)
	}
	if !strings.Contains(string(m.SHA256SUMS()), strings.Repeat("ab", 32)+"  "+SourceName+"\n") {
		t.Errorf("SHA256SUMS lacks the sources:\n%s", m.SHA256SUMS())
	}
	m.Source.Path = "../source.tar.gz"
	if _, err := ParseManifest(m.Marshal()); err == nil {
		t.Error("a source entry with another path parsed")
	}
}

func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(goldenManifest))
	f.Add([]byte(strings.Replace(goldenManifest, `"files"`, `"source": {"path": "source.tar.gz", "size": 1, "sha256": "`+strings.Repeat("0", 64)+`"},`+"\n  "+`"files"`, 1)))
	f.Add([]byte(`{"version":"1","created":"2024-01-01T00:00:00Z","languages":[],"files":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ParseManifest(b)
		if err != nil {
			return
		}
		// Whatever parses is canonical and safe to use as paths.
		if !bytes.Equal(m.Marshal(), b) {
			t.Fatalf("parsed a non-canonical manifest:\n%s", b)
		}
		for _, f := range m.Files {
			if err := checkPath(f.Path); err != nil {
				t.Fatalf("parsed an unsafe path: %v", err)
			}
		}
		if CheckVersion(m.Version) != nil {
			t.Fatalf("parsed a bad version %q", m.Version)
		}
	})
}
