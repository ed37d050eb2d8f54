package buildcache

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// keySite is a site with a file in every tree a build reads.
func keySite() map[string]string {
	return map[string]string{
		"site.yaml":                        "languages: {vi: {}, en: {}}\n",
		"content/vi/news/a.md":             "---\ntitle: A\ndate: 2024-01-02\n---\nNội dung.\n",
		"content/en/news/a.md":             "---\ntitle: A\ndate: 2024-01-02\n---\nText.\n",
		"content/vi/news/b/index.md":       "---\ntitle: B\ndate: 2024-01-03\n---\nB.\n",
		"content/vi/news/b/photo.jpg":      "jpeg bytes",
		"layouts/_default/single.html":     "{{ .Title }}",
		"static/css/site.css":              "body{}",
		"i18n/vi.yaml":                     "read_more: Đọc tiếp\n",
		"releases/2024.1/manifest.json":    "{}",
		"releases/2024.1/site/index.html":  "<p>old</p>",
		"README.md":                        "not read by the build",
		"public/index.html":                "an output",
		".attache/cache/build.json":        "{}",
		"content/vi/news/.a.md.swp":        "vim",
		"content/vi/news/a.md~":            "backup",
		"releases/.attache-new-1/manifest": "work in progress",
	}
}

var keyTheme = fstest.MapFS{
	"layouts/_default/baseof.html": {Data: []byte("<html>{{ block \"main\" . }}{{ end }}</html>")},
	"i18n/en.yaml":                 {Data: []byte("read_more: Read more\n")},
}

func keyInputs(root string) Inputs {
	return Inputs{Root: root, Theme: keyTheme, Tool: "attache test", Options: []string{"out=/srv/public", "drafts=false"}}
}

func mustHash(t *testing.T, in Inputs) Sources {
	t.Helper()
	src, err := Hash(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Key) != 64 {
		t.Fatalf("key %q is not a hex SHA-256", src.Key)
	}
	return src
}

// TestHashSeesEveryInput: changing anything a build reads changes the key.
func TestHashSeesEveryInput(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, root string, in *Inputs)
	}{
		{"content edited", edit("content/vi/news/a.md", "---\ntitle: A\ndate: 2024-01-02\n---\nNội dung mới.\n")},
		{"content added", edit("content/fr/news/a.md", "---\ntitle: A\n---\n")},
		{"content removed", remove("content/en/news/a.md")},
		{"content renamed", rename("content/en/news/a.md", "content/en/news/c.md")},
		{"bundle resource edited", edit("content/vi/news/b/photo.jpg", "other jpeg")},
		{"layout edited", edit("layouts/_default/single.html", "{{ .Title }}!")},
		{"hidden layout added", edit("layouts/_default/.list.html", "read by the template loader")},
		{"static edited", edit("static/css/site.css", "body{color:red}")},
		{"i18n edited", edit("i18n/vi.yaml", "read_more: Xem tiếp\n")},
		{"i18n file the loader warns about", edit("i18n/#fr.yaml", "x: y\n")},
		{"site.yaml edited", edit("site.yaml", "languages: {vi: {}}\n")},
		{"site.yaml removed", remove("site.yaml")},
		{"release file edited", edit("releases/2024.1/site/index.html", "<p>defaced</p>")},
		{"release gains a hidden file", edit("releases/2024.1/site/.extra", "the manifest check reports it")},
		{"option changed", func(_ *testing.T, _ string, in *Inputs) { in.Options[1] = "drafts=true" }},
		{"program changed", func(_ *testing.T, _ string, in *Inputs) { in.Tool = "attache test 2" }},
		{"theme changed", func(_ *testing.T, _ string, in *Inputs) {
			in.Theme = fstest.MapFS{"i18n/en.yaml": {Data: []byte("read_more: More\n")}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeTree(t, root, keySite())
			in := keyInputs(root)
			before := mustHash(t, in)
			in.Options = append([]string(nil), in.Options...)
			tt.change(t, root, &in)
			if after := mustHash(t, in); after.Key == before.Key {
				t.Errorf("key unchanged")
			}
		})
	}
}

// TestHashIgnoresWhatTheBuildDoesNotRead: editor files, the cache itself,
// the output and files outside the site's trees keep the key.
func TestHashIgnoresWhatTheBuildDoesNotRead(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, root string, in *Inputs)
	}{
		{"cache written", edit(".attache/cache/build.json", `{"format":1}`)},
		{"image cache written", edit(".attache/cache/images/ab/cd.webp", "pixels")},
		{"output written", edit("public/vi/index.html", "new output")},
		{"swap file", edit("content/vi/news/.a.md.swp", "vim again")},
		{"backup file", edit("content/vi/news/a.md~", "older backup")},
		{"emacs lock", edit("content/vi/news/#a.md#", "emacs")},
		{"OS litter in static", edit("static/Thumbs.db", "thumbs")},
		{"hidden folder in content", edit("content/vi/.git/HEAD", "ref")},
		{"layout swap file", edit("layouts/_default/.single.html.swp", "vim")},
		{"hidden i18n file", edit("i18n/.vi.yaml.swp", "vim")},
		{"release work folder", edit("releases/.attache-new-1/manifest", "more work")},
		{"file at the root", edit("README.md", "edited")},
		{"empty folder", func(t *testing.T, root string, _ *Inputs) {
			if err := os.MkdirAll(filepath.Join(root, "content", "vi", "empty"), 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"more workers", func(_ *testing.T, _ string, in *Inputs) { in.Workers = 7 }},
		{"one worker", func(_ *testing.T, _ string, in *Inputs) { in.Workers = 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeTree(t, root, keySite())
			in := keyInputs(root)
			before := mustHash(t, in)
			tt.change(t, root, &in)
			if after := mustHash(t, in); after.Key != before.Key {
				t.Errorf("key changed")
			}
		})
	}
}

// TestHashCountsFiles: Sources says what was read, the theme included
// and the skipped files not.
func TestHashCountsFiles(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{"site.yaml": "abc", "content/vi/a.md": "12345", "content/vi/.a.md.swp": "xx"})
	src := mustHash(t, Inputs{Root: root, Theme: fstest.MapFS{"i18n/en.yaml": {Data: []byte("1234567")}}})
	if src.Files != 3 || src.Bytes != 15 {
		t.Errorf("files %d, bytes %d; want 3, 15", src.Files, src.Bytes)
	}
}

// TestHashFramesFields: moving bytes between two options, or between a
// path and its content, is a different key.
func TestHashFramesFields(t *testing.T) {
	root := t.TempDir()
	a := mustHash(t, Inputs{Root: root, Options: []string{"ab", "c"}})
	b := mustHash(t, Inputs{Root: root, Options: []string{"a", "bc"}})
	if a.Key == b.Key {
		t.Error("options framed ambiguously")
	}
	r1, r2 := t.TempDir(), t.TempDir()
	writeTree(t, r1, map[string]string{"static/ab": "c"})
	writeTree(t, r2, map[string]string{"static/a": "bc"})
	if mustHash(t, Inputs{Root: r1}).Key == mustHash(t, Inputs{Root: r2}).Key {
		t.Error("path and content framed ambiguously")
	}
}

// TestHashSymlinks: a link inside a tree counts by its target's name, as
// the build does not read through it; a tree that is itself a link is
// followed, as the build follows it.
func TestHashSymlinks(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	writeTree(t, root, keySite())
	writeTree(t, outside, map[string]string{"secret.txt": "one", "other.txt": "two", "layouts/_default/single.html": "<b>{{ .Title }}</b>"})
	link := filepath.Join(root, "static", "linked.txt")
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), link); err != nil {
		t.Skipf("symlink: %v", err)
	}
	in := keyInputs(root)
	base := mustHash(t, in)

	writeTree(t, outside, map[string]string{"secret.txt": "changed"})
	if mustHash(t, in).Key != base.Key {
		t.Error("the content behind a link inside static/ changed the key, though the build does not read it")
	}
	os.Remove(link)
	if err := os.Symlink(filepath.Join(outside, "other.txt"), link); err != nil {
		t.Fatal(err)
	}
	if mustHash(t, in).Key == base.Key {
		t.Error("a link's new target did not change the key")
	}

	// layouts/ itself a link to a folder elsewhere: its files count.
	if err := os.RemoveAll(filepath.Join(root, "layouts")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "layouts"), filepath.Join(root, "layouts")); err != nil {
		t.Fatal(err)
	}
	before := mustHash(t, in)
	writeTree(t, outside, map[string]string{"layouts/_default/single.html": "<i>{{ .Title }}</i>"})
	if mustHash(t, in).Key == before.Key {
		t.Error("a layout edited behind a linked layouts/ did not change the key")
	}
}

// TestHashUnreadable: a file the build cannot read gives no key (the
// build then reports it), never a key that skips the build.
func TestHashUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads files without permission")
	}
	root := t.TempDir()
	writeTree(t, root, keySite())
	p := filepath.Join(root, "content", "vi", "news", "a.md")
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(p, 0o644) })
	if _, err := Hash(keyInputs(root)); err == nil {
		t.Error("no error for an unreadable file")
	}
}

func edit(name, data string) func(*testing.T, string, *Inputs) {
	return func(t *testing.T, root string, _ *Inputs) {
		writeTree(t, root, map[string]string{name: data})
	}
}

func remove(name string) func(*testing.T, string, *Inputs) {
	return func(t *testing.T, root string, _ *Inputs) {
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
}

func rename(from, to string) func(*testing.T, string, *Inputs) {
	return func(t *testing.T, root string, _ *Inputs) {
		if err := os.Rename(filepath.Join(root, filepath.FromSlash(from)), filepath.Join(root, filepath.FromSlash(to))); err != nil {
			t.Fatal(err)
		}
	}
}
