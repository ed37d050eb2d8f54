package site

import (
	"testing"
	"testing/fstest"

	"github.com/attache-ssg/attache/internal/frontmatter"
)

func TestOutdated(t *testing.T) {
	const title = "Hội nghị"
	body := "\nNội dung.\n"
	fresh := frontmatter.Hash(title, []byte(body))
	content := fstest.MapFS{
		"content/vi/news/a.md": {Data: []byte("---\ntitle: " + title + "\n---\n" + body)},
		"content/vi/news/b.md": {Data: []byte("---\ntitle: " + title + "\n---\n" + body + "\nMột đoạn mới.\n")},
		"content/vi/news/c.md": {Data: []byte("---\ntitle: unclosed\n")},
	}
	orig := func(file string) *Page {
		return &Page{File: file, Lang: "vi", Meta: frontmatter.Meta{Title: title}}
	}
	tr := func(o *Page, tf *frontmatter.TranslatedFrom) *Page {
		return &Page{File: "content/en/news/x.md", Lang: "en", Original: o, Meta: frontmatter.Meta{TranslatedFrom: tf}}
	}
	vi := func(h string) *frontmatter.TranslatedFrom { return &frontmatter.TranslatedFrom{Lang: "vi", Hash: h} }
	tests := []struct {
		name string
		p    *Page
		want bool
	}{
		{"up to date", tr(orig("content/vi/news/a.md"), vi(fresh)), false},
		{"source body changed", tr(orig("content/vi/news/b.md"), vi(fresh)), true},
		{"source title changed", tr(&Page{File: "content/vi/news/a.md", Lang: "vi", Meta: frontmatter.Meta{Title: "Khác"}}, vi(fresh)), true},
		{"no translatedFrom", tr(orig("content/vi/news/b.md"), nil), false},
		{"source not in the model (draft)", tr(nil, vi(fresh)), false},
		{"source in another language than recorded", tr(orig("content/vi/news/b.md"), &frontmatter.TranslatedFrom{Lang: "fr", Hash: fresh}), false},
		{"source file unreadable", tr(orig("content/vi/news/gone.md"), vi(fresh)), false},
		{"source front matter broken", tr(orig("content/vi/news/c.md"), vi(fresh)), false},
	}
	for _, tt := range tests {
		if got := tt.p.Outdated(content); got != tt.want {
			t.Errorf("%s: Outdated = %v, want %v", tt.name, got, tt.want)
		}
	}
	if tr(orig("content/vi/news/b.md"), vi(fresh)).Outdated(nil) {
		t.Error("Outdated(nil) = true, want false")
	}
}
