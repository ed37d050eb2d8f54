package site

import (
	"testing"

	"github.com/attache-ssg/attache/internal/frontmatter"
)

func TestOutdated(t *testing.T) {
	const title = "Hội nghị"
	body := "\nNội dung.\n"
	fresh := frontmatter.Hash(title, []byte(body))
	changed := frontmatter.Hash(title, []byte(body+"\nMột đoạn mới.\n"))
	src := func(hash string) *Page { return &Page{File: "content/vi/news/a.md", Lang: "vi", Hash: hash} }
	tr := func(o *Page, tf *frontmatter.TranslatedFrom) *Page {
		return &Page{File: "content/en/news/a.md", Lang: "en", Original: o, Meta: frontmatter.Meta{TranslatedFrom: tf}}
	}
	vi := func(h string) *frontmatter.TranslatedFrom { return &frontmatter.TranslatedFrom{Lang: "vi", Hash: h} }
	tests := []struct {
		name string
		p    *Page
		want bool
	}{
		{"up to date", tr(src(fresh), vi(fresh)), false},
		{"source changed", tr(src(changed), vi(fresh)), true},
		{"no translatedFrom", tr(src(changed), nil), false},
		{"source not in the model (draft)", tr(nil, vi(fresh)), false},
		{"source in another language than recorded", tr(src(changed), &frontmatter.TranslatedFrom{Lang: "fr", Hash: fresh}), false},
		{"source without a hash (made-up page)", tr(src(""), vi(fresh)), false},
	}
	for _, tt := range tests {
		if got := tt.p.Outdated(); got != tt.want {
			t.Errorf("%s: Outdated = %v, want %v", tt.name, got, tt.want)
		}
	}
}
