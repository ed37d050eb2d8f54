package site

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/frontmatter"
	"github.com/attache-ssg/attache/internal/markdown"
	"github.com/attache-ssg/attache/internal/source"
)

func testConfig(t *testing.T, extra string) *config.Config {
	t.Helper()
	var d diag.List
	c, ok := config.Parse("site.yaml", []byte("defaultLanguage: vi\ntimeZone: Asia/Ho_Chi_Minh\n"+extra+"languages:\n  vi: {weight: 1}\n  en: {weight: 2}\n  fr: {weight: 3}\n"), &d)
	if !ok {
		t.Fatal(d.Err())
	}
	return c
}

var conv = markdown.New(markdown.Options{Lang: "vi"})

type art struct {
	path  string
	title string
	date  string
	tags  []string
	extra func(*frontmatter.Meta)
	body  string
}

func inputs(t *testing.T, arts ...art) []Input {
	t.Helper()
	var out []Input
	for _, a := range arts {
		rest := strings.TrimPrefix(a.path, "content/")
		lang, rel, _ := strings.Cut(rest, "/")
		pf := source.PageFile{Path: a.path, Lang: lang, Rel: rel}
		switch {
		case strings.HasSuffix(rel, "_index.md"):
			pf.Kind = source.Section
		case rel == "index.md" || strings.HasSuffix(rel, "/index.md"):
			pf.Bundle = true
		}
		m := frontmatter.Meta{Title: a.title, Tags: a.tags, Set: map[string]bool{"title": true}, Lines: map[string]int{}}
		if a.date != "" {
			d, err := time.Parse("2006-01-02", a.date)
			if err != nil {
				t.Fatal(err)
			}
			m.Date = d
			m.Set["date"] = true
		}
		if a.extra != nil {
			a.extra(&m)
		}
		out = append(out, Input{File: pf, Meta: m, Doc: conv.Parse([]byte(a.body)), BodyLine: 4})
	}
	return out
}

func assemble(t *testing.T, cfg *config.Config, arts ...art) (*Site, *diag.List) {
	t.Helper()
	var d diag.List
	s := Assemble(cfg, inputs(t, arts...), nil, Options{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, &d)
	return s, &d
}

func titles(ps []*Page) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return strings.Join(out, ",")
}

func TestListOrderWeightThenNewest(t *testing.T) {
	s, d := assemble(t, testConfig(t, ""),
		art{path: "content/vi/news/a.md", title: "A", date: "2024-01-01"},
		art{path: "content/vi/news/b.md", title: "B", date: "2024-03-01"},
		art{path: "content/vi/news/c.md", title: "C", date: "2023-01-01", extra: func(m *frontmatter.Meta) { m.Weight = 2; m.Set["weight"] = true }},
		art{path: "content/vi/news/d.md", title: "D", date: "2020-01-01", extra: func(m *frontmatter.Meta) { m.Weight = 1; m.Set["weight"] = true }},
		art{path: "content/vi/news/e.md", title: "E", date: "2024-03-01"},
	)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	vi := s.Lang("vi")
	if got := titles(vi.Articles); got != "D,C,B,E,A" {
		t.Errorf("order %s", got)
	}
	news := vi.Sections[0]
	if news.Dir != "news" || titles(news.Pages) != "D,C,B,E,A" {
		t.Errorf("made-up section %q lists %s", news.Dir, titles(news.Pages))
	}
	b := s.ByFile["content/vi/news/b.md"]
	if b.Prev.Title != "C" || b.Next.Title != "E" {
		t.Errorf("prev/next of B: %s/%s", b.Prev.Title, b.Next.Title)
	}
}

func TestTranslationsInheritFromOriginal(t *testing.T) {
	s, d := assemble(t, testConfig(t, ""),
		art{path: "content/vi/news/a.md", title: "Gốc", date: "2024-01-01", extra: func(m *frontmatter.Meta) {
			m.Author, m.Source, m.Image = "Tác giả", "Báo", &frontmatter.Image{Src: "a.jpg"}
			m.Set["author"], m.Set["source"], m.Set["image"] = true, true, true
		}},
		art{path: "content/vi/news/b.md", title: "Gốc B", date: "2024-02-02"},
		art{path: "content/en/news/a.md", title: "Original", extra: func(m *frontmatter.Meta) { m.Author = "Own author"; m.Set["author"] = true }},
		// fr translated from en, which came from vi: dates come from the first original.
		art{path: "content/fr/news/a.md", title: "Original FR", extra: func(m *frontmatter.Meta) {
			m.TranslatedFrom = &frontmatter.TranslatedFrom{Lang: "en", Hash: "000000000000"}
		}},
	)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	en, fr := s.ByFile["content/en/news/a.md"], s.ByFile["content/fr/news/a.md"]
	if en.Date.Format("2006-01-02") != "2024-01-01" || en.Source != "Báo" || en.Image == nil || en.Author != "Own author" {
		t.Errorf("en inherited %+v", en)
	}
	if fr.Original != en || fr.Date.Format("2006-01-02") != "2024-01-01" || fr.Author != "Own author" {
		t.Errorf("fr: original %v date %v author %q", fr.Original.File, fr.Date, fr.Author)
	}
	if len(en.Translations) != 3 || en.Translations[0].Lang != "vi" || en.Translation("fr") != fr {
		t.Errorf("translations %v", en.Translations)
	}
	// b exists only in vi: en lists it, marked by its language.
	enHome := s.Lang("en").Home
	if !strings.Contains(titles(enHome.Pages), "Gốc B") {
		t.Errorf("en home does not list the untranslated article: %s", titles(enHome.Pages))
	}
}

func TestUntranslatedHidden(t *testing.T) {
	s, _ := assemble(t, testConfig(t, "untranslated: hide\n"),
		art{path: "content/vi/news/a.md", title: "Chỉ vi", date: "2024-01-01"},
		art{path: "content/en/news/_index.md", title: "News"},
	)
	if got := titles(s.Lang("en").Home.Pages); got != "" {
		t.Errorf("hidden mode lists %s", got)
	}
}

func TestTaxonomiesMergeBySlugAndRelatedUseTags(t *testing.T) {
	s, d := assemble(t, testConfig(t, ""),
		art{path: "content/vi/a.md", title: "A", date: "2024-01-01", tags: []string{"Thông tin đối ngoại", "hội nghị"}},
		art{path: "content/vi/b.md", title: "B", date: "2024-01-02", tags: []string{"thông tin đối ngoại"}},
		art{path: "content/vi/c.md", title: "C", date: "2024-01-03", tags: []string{"hội nghị", "thông tin đối ngoại"}},
		art{path: "content/vi/d.md", title: "D", date: "2024-01-04", tags: []string{"khác"}},
	)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	vi := s.Lang("vi")
	var slugs []string
	for _, tm := range vi.Tags {
		slugs = append(slugs, tm.Slug)
	}
	if strings.Join(slugs, ",") != "hoi-nghi,khac,thong-tin-doi-ngoai" {
		t.Errorf("slugs %v", slugs)
	}
	if tm := vi.Tags[2]; len(tm.Pages) != 3 || tm.URL != "/vi/tags/thong-tin-doi-ngoai/" || tm.Name != "thông tin đối ngoại" {
		t.Errorf("merged term %+v (%s)", tm, titles(tm.Pages))
	}
	a := s.ByFile["content/vi/a.md"]
	if got := titles(a.Related); got != "C,B" {
		t.Errorf("related of A: %s (C shares two tags, B one; D none)", got)
	}
}

func TestModelErrors(t *testing.T) {
	_, d := assemble(t, testConfig(t, ""),
		art{path: "content/vi/a.md", title: "", date: "2024-01-01"},
		art{path: "content/vi/b.md", title: "B"},
		art{path: "content/vi/c.md", title: "C", date: "2024-01-01", extra: func(m *frontmatter.Meta) { m.Aliases = []string{"../../x"} }},
		art{path: "content/vi/index.md", title: "Top bundle", date: "2024-01-01"},
	)
	all := d.Err().Error()
	for _, want := range []string{
		"content/vi/a.md:1: title is required",
		"content/vi/b.md:1: date is required",
		"content/vi/c.md: alias \"../../x\"",
		"content/vi/index.md: index.md at the top",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
}

func TestSummarize(t *testing.T) {
	long := strings.Repeat("từ ngữ ", 100)
	got := summarize(long, 40)
	if !strings.HasSuffix(got, "…") || len([]rune(got)) > 41 || strings.HasSuffix(strings.TrimSuffix(got, "…"), " ") {
		t.Errorf("summarize = %q", got)
	}
	if got := summarize("  ngắn\n gọn ", 40); got != "ngắn gọn" {
		t.Errorf("short text changed: %q", got)
	}
}

func TestTopK(t *testing.T) {
	top := NewTopK(3, func(a, b int) bool { return a > b })
	for _, x := range []int{5, 1, 9, 3, 7, 9, 2} {
		top.Offer(x)
	}
	if got := fmt.Sprint(top.Items()); got != "[9 9 7]" {
		t.Errorf("got %s", got)
	}
	if got := NewTopK(0, func(a, b int) bool { return a > b }); len(got.Items()) != 0 {
		t.Error("k=0 kept something")
	}
}
