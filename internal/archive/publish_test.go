package archive

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/i18n"
	"github.com/attache-ssg/attache/internal/render"
)

// page is a minimal page as the theme writes them.
func page(lang, canonical, body string) []byte {
	return []byte(`<!DOCTYPE html>
<html lang="` + lang + `" dir="ltr">
<head>
<meta charset="utf-8">
<title>T</title>
<link rel="canonical" href="` + canonical + `">
<link rel="stylesheet" href="css/site.css">
</head>
<body class="kind-article">
` + body + `
</body>
</html>
`)
}

func testBundle(t *testing.T) *i18n.Bundle {
	t.Helper()
	d := &diag.List{}
	b, err := i18n.Load(attache.Theme(), nil, "vi", []string{"vi", "en", "fr"}, d)
	if err != nil || d.HasErrors() {
		t.Fatalf("i18n: %v %v", err, d.Err())
	}
	return b
}

var created1 = time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)

func testRelease() Release {
	return Release{
		Version: "2024.1", Created: created1, Languages: []string{"vi", "en"},
		Site: fstest.MapFS{
			"index.html":                 {Data: page("vi", "https://old.example/", `<a href="vi/">vi</a>`)},
			"vi/index.html":              {Data: page("vi", "https://old.example/vi/", `<a href="tin/a/">a</a>`)},
			"vi/tin/a/index.html":        {Data: page("vi", "https://old.example/vi/tin/a/", `<a href="../../">home</a>`)},
			"en/index.html":              {Data: page("en", "https://old.example/en/", "")},
			"en/news/gone/index.html":    {Data: page("en", "https://old.example/en/news/gone/", `<img src="photo.jpg" alt="">`)},
			"en/news/gone/photo.jpg":     {Data: []byte("\xff\xd8jpeg")},
			"de/alt/index.html":          {Data: page("de", "https://old.example/de/alt/", "")},
			"tlh/index.html":             {Data: page("tlh", "https://old.example/tlh/", "")},
			"css/site.css":               {Data: []byte("body{}")},
			"vi/tin/index.xml":           {Data: []byte("<rss><link>https://old.example/vi/tin/</link></rss>")},
			"404.html":                   {Data: page("vi", "https://old.example/404.html", "")},
			"vi/tin/hội-nghị/index.html": {Data: page("vi", "https://old.example/vi/tin/h%E1%BB%99i-ngh%E1%BB%8B/", "")},
		},
	}
}

func testCurrent(t *testing.T) Current {
	return Current{
		BaseURL: "https://e.example/news/", DefaultLanguage: "vi", Languages: []string{"vi", "en", "fr"},
		Paths: map[string]bool{
			"index.html": true, "vi/index.html": true, "vi/tin/a/index.html": true, "en/index.html": true,
			"404.html": true, "css/site.1234.css": true, "vi/tin/hội-nghị/index.html": true,
		},
		Bundle: testBundle(t),
	}
}

func outputMap(t *testing.T, outs []render.Output) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	for _, o := range outs {
		if _, dup := m[o.Path]; dup {
			t.Fatalf("%s output twice", o.Path)
		}
		if o.Src != nil {
			b, err := fs.ReadFile(o.Src, o.SrcPath)
			if err != nil {
				t.Fatal(err)
			}
			m[o.Path] = b
		} else {
			m[o.Path] = o.Data
		}
	}
	return m
}

// noticeOf returns the injected notice element's text, link and
// attributes, and the canonical URL of an archived page.
type archived struct {
	text, link, canonical, siteRoot, version string
}

func inspect(t *testing.T, b []byte) archived {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var a archived
	var walk func(n *html.Node, inNotice bool)
	walk = func(n *html.Node, inNotice bool) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, x := range n.Attr {
				attr[x.Key] = x.Val
			}
			switch {
			case n.Data == "div" && attr["class"] == "archived-notice":
				inNotice = true
				a.siteRoot, a.version = attr["data-site-root"], attr["data-version"]
				if attr["role"] != "note" {
					t.Errorf("notice role = %q", attr["role"])
				}
				if n.Parent.Data != "body" || n.PrevSibling == nil || n.PrevSibling.PrevSibling != nil {
					t.Errorf("notice is not the body's first element")
				}
			case n.Data == "a" && inNotice:
				a.link = attr["href"]
			case n.Data == "link" && attr["rel"] == "canonical":
				if a.canonical != "" {
					t.Errorf("two canonicals")
				}
				a.canonical = attr["href"]
			}
		}
		if n.Type == html.TextNode && inNotice {
			a.text += n.Data
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inNotice)
		}
	}
	walk(doc, false)
	return a
}

func TestPublish(t *testing.T) {
	rel := testRelease()
	cur := testCurrent(t)
	outs, err := Publish(cur, []Release{rel})
	if err != nil {
		t.Fatal(err)
	}
	got := outputMap(t, outs)
	// Every file of the release, under v/2024.1/, and versions.json.
	var want []string
	fs.WalkDir(rel.Site, ".", func(p string, d fs.DirEntry, err error) error {
		if !d.IsDir() {
			want = append(want, "v/2024.1/"+p)
		}
		return nil
	})
	want = append(want, "versions.json")
	if keys := sortedKeys(got); !slices.Equal(keys, sorted(want)) {
		t.Fatalf("outputs %q\nwant %q", keys, sorted(want))
	}
	// Files other than pages are the release's bytes.
	for _, p := range []string{"en/news/gone/photo.jpg", "css/site.css", "vi/tin/index.xml"} {
		if !bytes.Equal(got["v/2024.1/"+p], rel.Site.(fstest.MapFS)[p].Data) {
			t.Errorf("%s changed", p)
		}
	}

	tests := []struct {
		page, text, target, canonical string
	}{
		// The same page exists now: the notice and the canonical lead to it.
		{"vi/tin/a/index.html", "Bạn đang xem phiên bản lưu trữ (2024.1) của trang này. Xem phiên bản hiện hành", "vi/tin/a/", "https://e.example/news/vi/tin/a/"},
		// Gone: its language's home.
		{"en/news/gone/index.html", "You are reading an archived version (2024.1) of this page. View the current version", "en/", "https://e.example/news/en/"},
		// A language the site no longer has: the root; the text is still the page's language.
		{"de/alt/index.html", "Sie lesen eine archivierte Version (2024.1) dieser Seite. Aktuelle Version anzeigen", "", "https://e.example/news/"},
		// A language no UI strings exist for: the default language's text.
		{"tlh/index.html", "Bạn đang xem phiên bản lưu trữ (2024.1) của trang này. Xem phiên bản hiện hành", "", "https://e.example/news/"},
		{"index.html", "Bạn đang xem phiên bản lưu trữ (2024.1) của trang này. Xem phiên bản hiện hành", "", "https://e.example/news/"},
		{"404.html", "Bạn đang xem phiên bản lưu trữ (2024.1) của trang này. Xem phiên bản hiện hành", "404.html", "https://e.example/news/404.html"},
		// Non-ASCII paths are escaped in URLs.
		{"vi/tin/hội-nghị/index.html", "Bạn đang xem phiên bản lưu trữ (2024.1) của trang này. Xem phiên bản hiện hành", "vi/tin/hội-nghị/", "https://e.example/news/vi/tin/h%E1%BB%99i-ngh%E1%BB%8B/"},
	}
	for _, tt := range tests {
		b := got["v/2024.1/"+tt.page]
		a := inspect(t, b)
		if a.text != tt.text {
			t.Errorf("%s: notice %q, want %q", tt.page, a.text, tt.text)
		}
		if a.canonical != tt.canonical {
			t.Errorf("%s: canonical %q, want %q", tt.page, a.canonical, tt.canonical)
		}
		if a.version != "2024.1" {
			t.Errorf("%s: data-version %q", tt.page, a.version)
		}
		// The notice's relative link, resolved from the archived page's
		// address, is the current page, whatever the base path.
		for _, base := range []string{"https://e.example/news/", "http://mirror.test/"} {
			pageURL, _ := url.Parse(base + "v/2024.1/" + pageURLPath(tt.page))
			link, err := url.Parse(a.link)
			if err != nil {
				t.Fatal(err)
			}
			wantURL := base + escapePath(tt.target)
			if r := pageURL.ResolveReference(link).String(); r != wantURL {
				t.Errorf("%s: notice link %q resolves to %s, want %s", tt.page, a.link, r, wantURL)
			}
			root, _ := url.Parse(a.siteRoot)
			if r := pageURL.ResolveReference(root).String(); r != base {
				t.Errorf("%s: data-site-root %q resolves to %s, want %s", tt.page, a.siteRoot, r, base)
			}
		}
		// Apart from the notice and the canonical, the bytes are the release's.
		orig := rel.Site.(fstest.MapFS)[tt.page].Data
		i := bytes.Index(b, []byte("\n<div class=\"archived-notice\""))
		j := bytes.Index(b[i:], []byte("</div>"))
		back := append(append([]byte{}, b[:i]...), b[i+j+len("</div>"):]...)
		newTag := `<link rel="canonical" href="` + html.EscapeString(tt.canonical) + `">`
		back = bytes.Replace(back, []byte(newTag), []byte(canonicalOf(t, orig)), 1)
		if !bytes.Equal(back, orig) {
			t.Errorf("%s: other bytes changed:\n%s\nwant\n%s", tt.page, back, orig)
		}
	}

	var v Versions
	if err := json.Unmarshal(got["versions.json"], &v); err != nil {
		t.Fatal(err)
	}
	if v.Latest != "2024.1" || len(v.Versions) != 1 || v.Versions[0].Path != "v/2024.1/" || v.Versions[0].Date != "2024-03-01T08:00:00Z" ||
		!v.Versions[0].Latest || v.Current.Path != "./" || v.Current.Version != "" || !slices.Equal(v.Current.Languages, []string{"vi", "en", "fr"}) {
		t.Errorf("versions.json = %s", got["versions.json"])
	}

	// Deterministic.
	outs2, err := Publish(cur, []Release{rel})
	if err != nil {
		t.Fatal(err)
	}
	got2 := outputMap(t, outs2)
	for p, b := range got {
		if !bytes.Equal(got2[p], b) {
			t.Errorf("%s differs between two runs", p)
		}
	}
}

func TestPublishRefuses(t *testing.T) {
	cur := testCurrent(t)
	cur.Paths["v/2024.1/x.html"] = true
	if _, err := Publish(cur, []Release{testRelease()}); err == nil || !strings.Contains(err.Error(), "v/2024.1/x.html") {
		t.Errorf("a site file under v/: err = %v", err)
	}
	cur = testCurrent(t)
	cur.Paths["v/2023.9/x.html"] = true // no release of that version is published
	if _, err := Publish(cur, []Release{testRelease()}); err != nil {
		t.Errorf("a site file under another version's folder: %v", err)
	}
	cur = testCurrent(t)
	cur.Paths["versions.json"] = true
	if _, err := Publish(cur, nil); err == nil || !strings.Contains(err.Error(), "versions.json") {
		t.Errorf("a site file versions.json: err = %v", err)
	}
	cur = testCurrent(t)
	if _, err := Publish(cur, []Release{testRelease(), testRelease()}); err == nil {
		t.Error("a release listed twice was accepted")
	}
	cur.Bundle = nil
	if _, err := Publish(cur, nil); err == nil {
		t.Error("no bundle accepted")
	}
	bad := testRelease()
	bad.Site = fstest.MapFS{"a.html": {Data: []byte("x"), Mode: fs.ModeSymlink}}
	if _, err := Publish(testCurrent(t), []Release{bad}); err == nil {
		t.Error("a symlink in a release was published")
	}
}

func pageURLPath(p string) string {
	return escapePath(pageURL(p))
}

func canonicalOf(t *testing.T, b []byte) string {
	t.Helper()
	d := scanHTML(b)
	if len(d.canonicals) == 0 {
		t.Fatal("no canonical")
	}
	return string(b[d.canonicals[0].start:d.canonicals[0].end])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
