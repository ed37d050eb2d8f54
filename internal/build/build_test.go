package build

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/render"
	"github.com/attache-ssg/attache/internal/testcorpus"
)

var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const siteYAML = `baseURL: https://example.org/
defaultLanguage: vi
timeZone: Asia/Ho_Chi_Minh
paginate: 2
languages:
  vi: {name: Tiếng Việt, title: Thông tin đối ngoại, weight: 1}
  en: {name: English, title: Foreign Information, weight: 2}
  ar: {name: العربية, title: الإعلام الخارجي, weight: 3}
`

func md(front, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\n" + front + "\n---\n" + body)}
}

func siteFS(files map[string]*fstest.MapFile) fstest.MapFS {
	m := fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}}
	for k, v := range files {
		m[k] = v
	}
	return m
}

func runBuild(t *testing.T, fsys fs.FS) (*Result, map[string]render.Output, error) {
	t.Helper()
	res, err := Run(fsys, attache.Theme(), Options{Now: now, Workers: 2})
	outs := map[string]render.Output{}
	for _, o := range res.Outputs {
		outs[o.Path] = o
	}
	return res, outs, err
}

func mustBuild(t *testing.T, fsys fs.FS) (*Result, map[string]render.Output) {
	t.Helper()
	res, outs, err := runBuild(t, fsys)
	if err != nil {
		t.Fatalf("build failed: %v\n%v", err, res.Diags.Err())
	}
	return res, outs
}

// errorsOf builds and returns the error diagnostics as strings.
func errorsOf(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	res, _, err := runBuild(t, fsys)
	if !errors.Is(err, ErrFailed) {
		t.Fatalf("want ErrFailed, got %v", err)
	}
	var out []string
	for _, d := range res.Diags.Errors() {
		out = append(out, d.String())
	}
	return out
}

func contains(t *testing.T, list []string, want ...string) {
	t.Helper()
	all := strings.Join(list, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("missing %q in:\n%s", w, all)
		}
	}
}

func page(t *testing.T, outs map[string]render.Output, path string) string {
	t.Helper()
	o, ok := outs[path]
	if !ok {
		var have []string
		for p := range outs {
			have = append(have, p)
		}
		t.Fatalf("no output %s; have %v", path, have)
	}
	return string(o.Data)
}

func TestMinimalSiteUsesEmbeddedTheme(t *testing.T) {
	_, outs := mustBuild(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/news/hoi-nghi.md": md("title: Hội nghị \"thông tin\"\ndate: 2024-03-05", "Nội dung **chính**.\n"),
		"content/en/news/hoi-nghi.md": md("title: Conference", "Main *text*.\n"),
	}))
	vi := page(t, outs, "vi/news/hoi-nghi/index.html")
	for _, want := range []string{`<html lang="vi" dir="ltr">`, "<strong>chính</strong>", `hreflang="en"`, `hreflang="x-default" href="https://example.org/vi/news/hoi-nghi/"`, `rel="canonical" href="https://example.org/vi/news/hoi-nghi/"`, "Thứ Ba, 05/03/2024"} {
		if !strings.Contains(vi, want) {
			t.Errorf("vi page lacks %q", want)
		}
	}
	en := page(t, outs, "en/news/hoi-nghi/index.html")
	if !strings.Contains(en, `href="../../../vi/news/hoi-nghi/"`) {
		t.Error("en page does not link to the vi original relatively")
	}
	// The translation inherited its date from the original.
	if !strings.Contains(en, "2024") {
		t.Error("en page has no inherited date")
	}
	for _, p := range []string{"index.html", "404.html", "vi/index.html", "en/index.html", "ar/index.html", "vi/news/index.html", "vi/tags/index.html"} {
		page(t, outs, p)
	}
	if ar := page(t, outs, "ar/index.html"); !strings.Contains(ar, `dir="rtl"`) {
		t.Error("ar home is not rtl")
	}
	var css bool
	for p := range outs {
		if strings.HasPrefix(p, "css/site.") && strings.HasSuffix(p, ".css") && len(p) == len("css/site.12345678.css") {
			css = true
		}
	}
	if !css {
		t.Error("no fingerprinted style sheet")
	}
}

func TestEveryBadFileReportedInOneRun(t *testing.T) {
	errs := errorsOf(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/a.md":  md("title: A\ndate: [2024", "x"),
		"content/vi/b.md":  md("date: 2024-01-01", "no title"),
		"content/en/c.md":  md("title: C\ndate: someday", "x"),
		"content/vi/ok.md": md("title: OK\ndate: 2024-01-01", "fine"),
	}))
	contains(t, errs, "content/vi/a.md:3", "content/vi/b.md:1: title is required", "content/en/c.md:3")
}

func TestTwoPagesOneURL(t *testing.T) {
	errs := errorsOf(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/news/a.md": md("title: A\ndate: 2024-01-01\nslug: b", "x"),
		"content/vi/news/b.md": md("title: B\ndate: 2024-01-01", "x"),
	}))
	contains(t, errs, "content/vi/news/a.md", "content/vi/news/b.md", "/vi/news/b/")
}

func TestHostileSlugsStayInside(t *testing.T) {
	errs := errorsOf(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/news/a.md": md("title: A\ndate: 2024-01-01\nslug: ../../../etc", "x"),
		"content/vi/news/b.md": md("title: B\ndate: 2024-01-01\naliases: [\"/../../outside/\"]", "x"),
	}))
	contains(t, errs, "content/vi/news/a.md:4", `"../../../etc"`, "content/vi/news/b.md:4", "alias")
}

func TestDraftsAndFuture(t *testing.T) {
	files := map[string]*fstest.MapFile{
		"content/vi/news/draft.md":  md("title: Nháp\ndate: 2024-01-01\ndraft: true", "x"),
		"content/vi/news/future.md": md("title: Tương lai\ndate: 2030-01-01", "x"),
		"content/vi/news/now.md":    md("title: Nay\ndate: 2025-01-01", "x"),
	}
	_, outs := mustBuild(t, siteFS(files))
	if _, ok := outs["vi/news/draft/index.html"]; ok {
		t.Error("draft published")
	}
	if _, ok := outs["vi/news/future/index.html"]; ok {
		t.Error("future article published")
	}
	page(t, outs, "vi/news/now/index.html")
	res, err := Run(siteFS(files), attache.Theme(), Options{Now: now, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, o := range res.Outputs {
		found = found || o.Path == "vi/news/draft/index.html"
	}
	if !found {
		t.Error("--drafts did not publish the draft")
	}
}

func TestTranslationKeyAndDuplicates(t *testing.T) {
	_, outs := mustBuild(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/news/ke-hoach.md": md("title: Kế hoạch\ndate: 2024-01-01\ntranslationKey: plan", "x"),
		"content/en/news/the-plan.md": md("title: The plan\ntranslationKey: plan", "x"),
	}))
	if en := page(t, outs, "en/news/the-plan/index.html"); !strings.Contains(en, `hreflang="vi" href="https://example.org/vi/news/ke-hoach/"`) {
		t.Error("translationKey did not link the translations")
	}
	errs := errorsOf(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/news/a.md": md("title: A\ndate: 2024-01-01\ntranslationKey: k", "x"),
		"content/vi/news/b.md": md("title: B\ndate: 2024-01-01\ntranslationKey: k", "x"),
	}))
	contains(t, errs, "two vi versions of one page", "content/vi/news/a.md and content/vi/news/b.md")
}

func TestUntranslatedArticlesAreMarked(t *testing.T) {
	_, outs := mustBuild(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/news/chi-vi.md": md("title: Chỉ tiếng Việt\ndate: 2024-01-01", "x"),
		"content/en/news/_index.md": md("title: News", ""),
	}))
	en := page(t, outs, "en/news/index.html")
	if !strings.Contains(en, "Chỉ tiếng Việt") || !strings.Contains(en, `lang="vi"`) || !strings.Contains(en, "item-foreign") {
		t.Errorf("en list does not show the vi-only article marked:\n%s", en)
	}
}

func TestSiteOverridesTemplateAndStrings(t *testing.T) {
	_, outs := mustBuild(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/a.md":              md("title: A\ndate: 2024-01-01", "x"),
		"layouts/_default/single.html": {Data: []byte(`{{ define "main" }}<p class="custom">{{ .Title }} {{ T "readMore" }}</p>{{ end }}`)},
		"i18n/vi.yaml":                 {Data: []byte("readMore: \"Xem tiếp nhé\"\n")},
	}))
	a := page(t, outs, "vi/a/index.html")
	if !strings.Contains(a, `<p class="custom">A Xem tiếp nhé</p>`) {
		t.Errorf("override not used:\n%s", a)
	}
	if !strings.Contains(a, `<html lang="vi"`) {
		t.Error("the theme's base layout was lost")
	}
}

func TestTemplateErrorNamesLayout(t *testing.T) {
	errs := errorsOf(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/a.md":              md("title: A\ndate: 2024-01-01", "x"),
		"layouts/_default/single.html": {Data: []byte("{{ define \"main\" }}\n\n{{ .Title }\n{{ end }}")},
	}))
	contains(t, errs, "layouts/_default/single.html:3")
}

func TestDanglingLinkNamesLine(t *testing.T) {
	errs := errorsOf(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/news/a.md": md("title: A\ndate: 2024-01-01", "Một.\n\nXem [b](b.md) và [c](../docs/c.md).\n"),
		"content/vi/news/b.md": md("title: B\ndate: 2024-01-01", "Xem [trang chủ](/vi/) và [mất](/vi/khong-co/).\n"),
	}))
	contains(t, errs, "content/vi/news/a.md:7:", "../docs/c.md", "content/vi/news/b.md:5:", "/vi/khong-co/")
	if len(errs) != 2 {
		t.Errorf("want exactly 2 errors, got %v", errs)
	}
}

func TestLinksToContentFilesAreRewritten(t *testing.T) {
	_, outs := mustBuild(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/news/a.md":         md("title: A\ndate: 2024-01-01", "Xem [b](../docs/b.md#muc) và [ảnh](/vi/news/goi/anh.png).\n"),
		"content/vi/docs/b.md":         md("title: B\ndate: 2024-01-01", "x"),
		"content/vi/news/goi/index.md": md("title: Gói\ndate: 2024-01-01\nimage: {src: anh.png, alt: Ảnh, caption: Chú thích}", "![Ảnh](anh.png)\n"),
		"content/vi/news/goi/anh.png":  {Data: []byte("png")},
	}))
	a := page(t, outs, "vi/news/a/index.html")
	if !strings.Contains(a, `href="../../docs/b/#muc"`) || !strings.Contains(a, `href="../goi/anh.png"`) {
		t.Errorf("links not rewritten:\n%s", a)
	}
	g := page(t, outs, "vi/news/goi/index.html")
	if !strings.Contains(g, `src="anh.png"`) || !strings.Contains(g, "Chú thích") {
		t.Errorf("bundle image not published beside the page:\n%s", g)
	}
	if o := outs["vi/news/goi/anh.png"]; o.Src == nil {
		t.Error("bundle resource not copied")
	}
}

func TestPaginationEdges(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 4, 5} {
		files := map[string]*fstest.MapFile{"content/vi/news/_index.md": md("title: Tin", "")}
		for i := 0; i < n; i++ {
			files["content/vi/news/a"+string(rune('a'+i))+".md"] = md("title: A\ndate: 2024-01-0"+string(rune('1'+i)), "x")
		}
		_, outs := mustBuild(t, siteFS(files))
		pages := 0
		for p := range outs {
			if strings.HasPrefix(p, "vi/news/page/") {
				pages++
			}
		}
		want := 0 // paginate is 2: page 1 lives at the section's URL
		if n > 2 {
			want = (n+1)/2 - 1
		}
		if pages != want {
			t.Errorf("%d articles: %d extra list pages, want %d", n, pages, want)
		}
		if _, ok := outs["vi/news/page/1/index.html"]; ok {
			t.Errorf("%d articles: page 1 has a /page/1/ twin", n)
		}
	}
}

func TestUnknownLanguageFolderAndSymlinkWarn(t *testing.T) {
	res, _ := mustBuild(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/a.md":    md("title: A\ndate: 2024-01-01", "x"),
		"content/de/a.md":    md("title: A\ndate: 2024-01-01", "x"),
		"content/vi/link.md": {Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink},
	}))
	var warns []string
	for _, d := range res.Diags.Sorted() {
		warns = append(warns, d.String())
	}
	contains(t, warns, "content/de: warning: language \"de\" is not in site.yaml", "content/vi/link.md: warning: symbolic link not followed")
}

func TestMissingSiteYAML(t *testing.T) {
	errs := errorsOf(t, fstest.MapFS{"notes.txt": {Data: []byte("x")}})
	contains(t, errs, "site.yaml: not found")
}

func TestOnlyContentBuilds(t *testing.T) {
	res, outs := mustBuild(t, fstest.MapFS{
		"content/vi/a.md": md("title: A\ndate: 2024-01-01", "x"),
		"content/en/a.md": md("title: A\ndate: 2024-01-01", "x"),
	})
	page(t, outs, "vi/a/index.html")
	if en := page(t, outs, "en/a/index.html"); !strings.Contains(en, `hreflang="x-default" href="http://localhost/en/a/"`) {
		t.Error("English is not the default language of an inferred site")
	}
	if w := res.Diags.Sorted(); len(w) == 0 || !strings.Contains(w[0].String(), "site.yaml: warning: not found: building with the languages") {
		t.Errorf("no warning about the missing site.yaml: %v", w)
	}
}

func TestDeterministicOutputs(t *testing.T) {
	files := map[string]*fstest.MapFile{}
	for i := 0; i < 30; i++ {
		c := string(rune('a' + i%26))
		files["content/vi/news/"+c+string(rune('0'+i/26))+".md"] = md("title: Bài "+c+"\ndate: 2024-01-0"+string(rune('1'+i%9))+"\ntags: [thông tin đối ngoại, hội nghị]", "Đoạn văn.\n")
	}
	_, a := mustBuild(t, siteFS(files))
	_, b := mustBuild(t, siteFS(files))
	if len(a) != len(b) {
		t.Fatalf("%d vs %d outputs", len(a), len(b))
	}
	for p, o := range a {
		if string(o.Data) != string(b[p].Data) {
			t.Errorf("%s differs", p)
		}
	}
	page(t, a, "vi/tags/thong-tin-doi-ngoai/index.html")
	page(t, a, "vi/tags/thong-tin-doi-ngoai/page/2/index.html")
}

func TestGeneratedCorpusBuildsClean(t *testing.T) {
	dir := t.TempDir()
	if err := testcorpus.Write(dir, 40, testcorpus.Langs()); err != nil {
		t.Fatal(err)
	}
	res, _ := mustBuild(t, os.DirFS(dir))
	if errs := res.Diags.Errors(); len(errs) > 0 {
		t.Fatalf("generated corpus has errors: %v", errs)
	}
	if got := len(res.Site.Lang("ar").Articles); got != 40 {
		t.Errorf("ar articles: %d", got)
	}
}
