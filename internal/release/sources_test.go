package release

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestSources(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"site.yaml":             "languages: {vi: {}}\n",
		"content/vi/a.md":       "---\ntitle: A\n---\n",
		"content/vi/b/index.md": "---\ntitle: B\n---\n",
		"static/css/x.css":      "body{}",
		"releases/2024.1/x":     "not a source",
		"public/index.html":     "output",
	}
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	newest := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		mt := old
		if name == "content/vi/b/index.md" {
			mt = newest
		}
		if name == "public/index.html" {
			mt = newest.Add(time.Hour) // not a source: its time does not count
		}
		if err := os.Chtimes(p, mt, mt); err != nil {
			t.Fatal(err)
		}
	}
	picked := []string{"site.yaml", "content/vi/a.md", "content/vi/b/index.md", "static/css/x.css"}
	s, err := NewSources(os.DirFS(root), picked)
	if err != nil {
		t.Fatal(err)
	}
	theme := fstest.MapFS{"layouts/x.html": {Data: []byte("T"), ModTime: newest.Add(48 * time.Hour)}}
	if err := s.AddTree(ThemeDir, theme); err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(s, append(picked, ThemeDir+"/layouts/x.html")...); err != nil {
		t.Fatal(err)
	}
	if !s.Newest().Equal(newest) {
		t.Errorf("Newest = %v, want %v (the theme's and non-sources' times do not count)", s.Newest(), newest)
	}
	if s.Len() != 5 {
		t.Errorf("Len = %d", s.Len())
	}
	for _, p := range []string{"releases", "releases/2024.1/x", "public/index.html"} {
		if _, err := fs.Stat(s, p); err == nil {
			t.Errorf("%s is in the sources", p)
		}
	}
	if th := StoredTheme(s); th == nil {
		t.Error("StoredTheme found nothing")
	} else if b, err := fs.ReadFile(th, "layouts/x.html"); err != nil || string(b) != "T" {
		t.Errorf("stored theme file = %q, %v", b, err)
	}
	if StoredTheme(fstest.MapFS{"site.yaml": {}}) != nil {
		t.Error("StoredTheme found a theme in sources without one")
	}
}

func TestSourcesRefuse(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "a.md"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.md", filepath.Join(root, "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, paths := range map[string][]string{
		"symlink":  {"link.md"},
		"missing":  {"nope.md"},
		"dir":      {"dir"},
		"twice":    {"a.md", "a.md"},
		"unclean":  {"../a.md"},
		"absolute": {"/a.md"},
	} {
		if _, err := NewSources(os.DirFS(root), paths); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	s, err := NewSources(os.DirFS(root), []string{"a.md"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddTree("a.md", fstest.MapFS{"x": {}}); err == nil || !strings.Contains(err.Error(), "file and a folder") {
		t.Errorf("a tree under a file: %v", err)
	}
}
