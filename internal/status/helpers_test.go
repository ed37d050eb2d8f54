package status

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/frontmatter"
)

const testConfig = `defaultLanguage: vi
timeZone: Asia/Ho_Chi_Minh
languages:
  vi: {name: Tiếng Việt, weight: 1}
  en: {name: English, weight: 2}
  fr: {name: Français, weight: 3}
`

// page is one Markdown file of a test site.
type page struct {
	title, body string
	extra       []string // more front matter lines
}

func (p page) String() string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %q\ndate: 2024-03-05\n", p.title)
	for _, l := range p.extra {
		b.WriteString(l + "\n")
	}
	b.WriteString("---\n\n" + p.body + "\n")
	return b.String()
}

// hashOf is what a translation of p records.
func (p page) hash() string { return frontmatter.Hash(p.title, []byte("\n"+p.body+"\n")) }

// from is the translatedFrom line of a translation of p made from lang.
func (p page) from(lang string) string {
	return fmt.Sprintf("translatedFrom: {lang: %s, hash: %s}", lang, p.hash())
}

// siteFS makes a site from file → content (string or page).
func siteFS(files map[string]any) fstest.MapFS {
	m := fstest.MapFS{"site.yaml": {Data: []byte(testConfig)}}
	for name, c := range files {
		m[name] = &fstest.MapFile{Data: []byte(fmt.Sprint(c))}
	}
	return m
}

// compute loads and judges a test site, failing on any error diagnostic.
func compute(t *testing.T, fsys fstest.MapFS, opts Options) (*Report, *diag.List) {
	t.Helper()
	var d diag.List
	c, err := Load(fsys, &d)
	if err != nil {
		t.Fatalf("Load: %v\n%v", err, d.Sorted())
	}
	r, err := Compute(c, opts, &d)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	if d.HasErrors() {
		t.Fatalf("errors: %v", d.Errors())
	}
	return r, &d
}

// entry finds the entry of the article whose versions include file (as
// source or translation) in lang.
func entry(t *testing.T, r *Report, file, lang string) (Article, Entry, bool) {
	t.Helper()
	for _, a := range r.Articles {
		match := a.Source == file
		for _, e := range a.Translations {
			match = match || e.File == file
		}
		if match {
			e, ok := a.Translations[lang]
			return a, e, ok
		}
	}
	t.Fatalf("no article with %s in the report", file)
	return Article{}, Entry{}, false
}
