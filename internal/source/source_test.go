package source

import (
	"testing"
	"testing/fstest"

	"github.com/attache-ssg/attache/internal/diag"
)

func TestScanClassifies(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":                       {Data: []byte("languages: {vi: {}}")},
		"content/vi/_index.md":            {},
		"content/vi/news/_index.md":       {},
		"content/vi/news/a.md":            {},
		"content/vi/news/b/index.md":      {},
		"content/vi/news/b/photo.jpg":     {},
		"content/vi/news/b/img/small.png": {},
		"content/vi/news/loose.pdf":       {},
		"content/vi/news/.a.md.swp":       {},
		"content/vi/news/a.md~":           {},
		"content/en/news/a.md":            {},
		"static/css/site.css":             {},
		"layouts/_default/single.html":    {},
		"i18n/vi.yaml":                    {},
		"content/vi/.git/config":          {},
		"content/vi/news/Đoàn trường.md":  {},
	}
	var d diag.List
	f := Scan(fsys, &d)
	if d.Len() != 0 {
		t.Fatalf("diagnostics: %v", d.Sorted())
	}
	kinds := map[string]PageFile{}
	for _, p := range f.Pages {
		kinds[p.Path] = p
	}
	if len(f.Pages) != 6 {
		t.Fatalf("pages = %d: %+v", len(f.Pages), f.Pages)
	}
	if p := kinds["content/vi/_index.md"]; p.Kind != Section || p.Dir() != "" {
		t.Errorf("home: %+v", p)
	}
	if p := kinds["content/vi/news/b/index.md"]; !p.Bundle || p.Dir() != "news/b" {
		t.Errorf("bundle: %+v", p)
	}
	if p := kinds["content/vi/news/Đoàn trường.md"]; p.Rel != "news/Đoàn trường.md" || p.Lang != "vi" {
		t.Errorf("unicode name: %+v", p)
	}
	owners := map[string]string{}
	for _, r := range f.Resources {
		owners[r.Path] = r.Owner
	}
	if owners["content/vi/news/b/photo.jpg"] != "content/vi/news/b/index.md" || owners["content/vi/news/b/img/small.png"] != "content/vi/news/b/index.md" {
		t.Errorf("bundle resources not owned: %v", owners)
	}
	if o, ok := owners["content/vi/news/loose.pdf"]; !ok || o != "" {
		t.Errorf("loose resource: %v", owners)
	}
	if len(f.Static) != 1 || len(f.Layouts) != 1 || len(f.I18n) != 1 {
		t.Errorf("static/layouts/i18n: %v %v %v", f.Static, f.Layouts, f.I18n)
	}
	if got := f.Languages(); len(got) != 2 || got[0] != "en" || got[1] != "vi" {
		t.Errorf("languages %v", got)
	}
}
