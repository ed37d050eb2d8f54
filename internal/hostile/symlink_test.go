package hostile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/diag"
)

// secret is in every file outside the site that a link points to: it must
// never reach an output.
const secret = "SECRET-OUTSIDE-THE-SITE"

// TestSymlinksNotFollowed links files and folders of content/, static/
// and i18n/ to places outside the site (layouts/: see the lead's note on
// render.Layers). The build skips each link
// with a warning naming it, and nothing it points to reaches the output.
func TestSymlinksNotFollowed(t *testing.T) {
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{
		"leak.md":            article("title: "+secret, secret),
		"dir/leak.md":        article("title: "+secret, secret),
		"leak.txt":           secret,
		"leak.png":           secret,
		"baseof.html":        secret + `{{ define "main" }}` + secret + `{{ end }}`,
		"vi.yaml":            "home: " + secret + "\n",
		"bundle/index.md":    article("title: "+secret, secret),
		"bundle/picture.jpg": secret,
	})
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"site.yaml":                     siteYAML,
		"content/vi/_index.md":          "---\ntitle: Trang chủ\n---\n",
		"content/en/_index.md":          "---\ntitle: Home\n---\n",
		"content/vi/news/ok.md":         article("", "[tệp](leak.txt) ![ảnh](../bundle/leak.png)"),
		"content/vi/bundle/index.md":    article("title: Gói", "Bundle."),
		"content/vi/news/_index.md":     "---\ntitle: Tin\n---\n",
		"static/css/extra.css":          "body{}",
		"layouts/partials/.gitkeep":     "",
		"i18n/en.yaml":                  "home: Home\n",
		"content/vi/news/notes.txt":     "plain",
		"content/vi/bundle/photo.txt":   "plain",
		"content/vi/news/a-folder/x.md": article("", "x"),
	})
	links := map[string]string{
		"content/vi/news/leak.md":       "leak.md",
		"content/vi/news/leak.txt":      "leak.txt",
		"content/vi/bundle/leak.png":    "leak.png",
		"content/vi/linked":             "dir",
		"content/en/bundle":             "bundle",
		"static/leak.txt":               "leak.txt",
		"static/js":                     "dir",
		"i18n/vi.yaml":                  "vi.yaml",
		"content/vi/news/etc-passwd.md": "/etc/passwd",
		"content/vi/news/loop.md":       "@loop.md", // a link to itself
		"content/vi/news/dangling.md":   "@does-not-exist.md",
	}
	for name, target := range links {
		switch {
		case strings.HasPrefix(target, "/"):
		case strings.HasPrefix(target, "@"):
			target = target[1:]
		default:
			target = filepath.Join(outside, target)
		}
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	before := listing(t, outside)

	o := buildBounded(t, os.DirFS(root), build.Options{})
	for p, data := range o.outputs {
		if strings.Contains(string(data), secret) || strings.Contains(string(data), "root:x:0:0") {
			t.Errorf("output %s holds what a link outside the site points to", p)
		}
	}
	for name := range links {
		if !o.has(diag.Warning, name, "symbolic link not followed") {
			t.Errorf("no warning for %s", name)
		}
	}
	// The article links to leak.txt, which is a skipped link: a dangling
	// link, reported where it is written.
	if !o.has(diag.Error, "content/vi/news/ok.md", "leak.txt") {
		t.Errorf("the link to a skipped file is not an error:\n%s", o.diags())
	}
	if after := listing(t, outside); diffListings(before, after) != "" {
		t.Errorf("the folder outside the site changed:\n%s", diffListings(before, after))
	}

	// Without the dangling link the site builds, links and all.
	writeTree(t, root, map[string]string{"content/vi/news/ok.md": article("", "Không liên kết.")})
	o = buildBounded(t, os.DirFS(root), build.Options{})
	if o.err != nil {
		t.Fatalf("build failed:\n%s", o.diags())
	}
	for p, data := range o.outputs {
		if strings.Contains(string(data), secret) {
			t.Errorf("output %s holds what a link outside the site points to", p)
		}
	}
	for _, p := range []string{"vi/news/ok/index.html", "vi/news/a-folder/x/index.html", "vi/news/notes.txt"} {
		if _, ok := o.outputs[p]; !ok {
			t.Errorf("no output %s", p)
		}
	}
	checkPaths(t, o.outputs)
}
