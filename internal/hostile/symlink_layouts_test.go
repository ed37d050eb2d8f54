package hostile

// A site layout is read only when no component of its path is a symbolic
// link (render.Layers.read): a link to a file outside the site never
// reaches a page.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/diag"
)

// TestLayoutSymlinksNotFollowed: a layout file, or a folder of layouts,
// that is a symbolic link to a place outside the site is skipped with a
// warning, and what it points to never reaches a page (today it is read:
// the warning says "not followed" while every page holds the file).
func TestLayoutSymlinksNotFollowed(t *testing.T) {
	for name, target := range map[string]string{
		"layouts/partials/header.html": "baseof.html",
		"layouts/_default":             ".",
	} {
		t.Run(name, func(t *testing.T) {
			outside := t.TempDir()
			writeTree(t, outside, map[string]string{
				"baseof.html":          secret + `{{ define "main" }}` + secret + `{{ end }}`,
				"_default/baseof.html": secret,
			})
			root := t.TempDir()
			writeTree(t, root, map[string]string{
				"site.yaml":              siteYAML,
				"content/vi/_index.md":   "---\ntitle: Trang chủ\n---\n",
				"content/en/_index.md":   "---\ntitle: Home\n---\n",
				"content/vi/news/ok.md":  article("", "ok"),
				"layouts/partials/.keep": "",
			})
			if err := os.Symlink(filepath.Join(outside, target), filepath.Join(root, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
			o := buildBounded(t, os.DirFS(root), build.Options{})
			if !o.has(diag.Warning, name, "symbolic link not followed") {
				t.Errorf("no warning for %s:\n%s", name, o.diags())
			}
			for p, data := range o.outputs {
				if strings.Contains(string(data), secret) {
					t.Errorf("output %s holds the linked layout", p)
				}
			}
		})
	}
}
