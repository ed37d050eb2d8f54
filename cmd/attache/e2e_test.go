package main

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// repoRoot is the bundled sample publication: the repository itself.
const repoRoot = "../.."

// buildSample builds the sample into a fresh folder and returns it.
func buildSample(t *testing.T, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	args := append([]string{"build", "--source", repoRoot, "--out", out}, extra...)
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Fatalf("build exited %d:\n%s", code, stderr.String())
	}
	return out
}

// tree reads every file under dir into memory, keyed by slash path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

type parsedPage struct {
	lang, dir  string
	links      []string // every href/src of a, link, img, script
	alternates map[string]string
	canonical  string
}

func parsePage(t *testing.T, name string, b []byte) parsedPage {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: not HTML: %v", name, err)
	}
	pp := parsedPage{alternates: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			switch n.Data {
			case "html":
				pp.lang, pp.dir = attr["lang"], attr["dir"]
			case "a", "img", "script", "link":
				for _, k := range []string{"href", "src"} {
					if v, ok := attr[k]; ok {
						pp.links = append(pp.links, v)
					}
				}
				if n.Data == "link" && attr["rel"] == "alternate" && attr["hreflang"] != "" {
					pp.alternates[attr["hreflang"]] = attr["href"]
				}
				if n.Data == "link" && attr["rel"] == "canonical" {
					pp.canonical = attr["href"]
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return pp
}

// resolveLocal maps a link found in page name to the output file it
// should hit, or "" when the link leaves the site.
func resolveLocal(name, link string) string {
	if link == "" || strings.HasPrefix(link, "#") {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return ""
	}
	p := path.Join(path.Dir("/"+name), u.Path)
	if strings.HasSuffix(u.Path, "/") || u.Path == "" || u.Path == "." || u.Path == "./" {
		p = strings.TrimSuffix(p, "/") + "/index.html"
	}
	return strings.TrimPrefix(p, "/")
}

func TestSampleBuildIsCompleteAndLinked(t *testing.T) {
	out := buildSample(t)
	files := tree(t, out)
	const base = "https://attache.example.org/"
	pages := map[string]parsedPage{}
	for name, b := range files {
		if strings.HasSuffix(name, ".html") {
			pages[name] = parsePage(t, name, b)
		}
	}
	if len(pages) < 60 {
		t.Fatalf("only %d HTML pages", len(pages))
	}
	for _, want := range []string{"index.html", "404.html", "vi/index.html", "en/index.html", "fr/index.html", "ar/index.html", "zh/index.html", "vi/news/index.html", "vi/tags/index.html"} {
		if _, ok := pages[want]; !ok {
			t.Errorf("missing %s", want)
		}
	}
	for name, pp := range pages {
		if name == "404.html" {
			continue // links are absolute paths: it is served at any depth
		}
		for _, l := range pp.links {
			if strings.HasPrefix(l, "/") {
				t.Errorf("%s: root-relative link %q (internal links must be relative)", name, l)
				continue
			}
			if target := resolveLocal(name, l); target != "" {
				if dec, err := url.PathUnescape(target); err == nil {
					target = dec
				}
				if _, ok := files[target]; !ok {
					t.Errorf("%s: link %q leads to missing %s", name, l, target)
				}
			}
		}
		top, _, _ := strings.Cut(name, "/")
		if lang := pp.lang; top == "ar" && pp.dir != "rtl" || top == "vi" && (lang != "vi" || pp.dir != "ltr") {
			t.Errorf("%s: lang=%q dir=%q", name, pp.lang, pp.dir)
		}
	}
	// Translations link to each other both ways, with x-default.
	pairs := 0
	for name, pp := range pages {
		if len(pp.alternates) < 2 || strings.Contains(name, "/page/") {
			continue
		}
		if pp.alternates["x-default"] == "" {
			t.Errorf("%s: hreflang alternates without x-default", name)
		}
		self := base + strings.TrimSuffix(name, "index.html")
		if dec, _ := url.PathUnescape(pp.canonical); dec != self {
			t.Errorf("%s: canonical %q, want %q", name, pp.canonical, self)
		}
		for lang, href := range pp.alternates {
			if lang == "x-default" {
				continue
			}
			target, _ := url.PathUnescape(strings.TrimPrefix(href, base))
			other, ok := pages[target+"index.html"]
			if !ok {
				t.Errorf("%s: alternate %s → %s is not a page", name, lang, href)
				continue
			}
			back := false
			for _, h := range other.alternates {
				if dec, _ := url.PathUnescape(h); dec == self {
					back = true
				}
			}
			if !back {
				t.Errorf("%s → %s: no link back", name, target)
			}
			pairs++
		}
	}
	if pairs < 20 {
		t.Errorf("only %d translation links found", pairs)
	}
	// The sample has one draft and one article dated 2030.
	for _, name := range []string{"vi/news/ban-nhap-dien-dan-truyen-thong-so/index.html", "vi/news/hoi-nghi-tong-ket-chien-luoc-2030/index.html"} {
		if _, ok := files[name]; ok {
			t.Errorf("a draft or future page was published: %s", name)
		}
	}
}

func TestSampleBuildIsDeterministic(t *testing.T) {
	a := tree(t, buildSample(t))
	b := tree(t, buildSample(t))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestBrokenFrontMatterLeavesOutputIntact(t *testing.T) {
	site := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(site, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.yaml", "languages: {vi: {name: Tiếng Việt}, en: {name: English}}\n")
	write("content/vi/news/a.md", "---\ntitle: Hội nghị\ndate: 2024-03-05\n---\nNội dung.\n")
	write("content/en/news/a.md", "---\ntitle: Conference\ndate: 2024-03-05\n---\nText.\n")
	out := filepath.Join(t.TempDir(), "public")
	var so, se bytes.Buffer
	if code := run([]string{"build", "--source", site, "--out", out}, &so, &se); code != exitOK {
		t.Fatalf("first build: %d %s", code, se.String())
	}
	before := tree(t, out)
	write("content/vi/news/a.md", "---\ntitle: Hội nghị\ndate: [2024\n---\nNội dung.\n")
	write("content/en/news/b.md", "---\ntitle: B\ndate: 2024-13-45\n---\nText.\n")
	so.Reset()
	se.Reset()
	code := run([]string{"build", "--source", site, "--out", out}, &so, &se)
	if code != exitContent {
		t.Fatalf("broken build exited %d, want %d", code, exitContent)
	}
	msg := se.String()
	for _, want := range []string{"content/vi/news/a.md:3", "content/en/news/b.md:3"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr does not name %s:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "goroutine ") || strings.Contains(msg, "panic") {
		t.Errorf("stack trace printed:\n%s", msg)
	}
	after := tree(t, out)
	if len(after) != len(before) {
		t.Fatalf("output changed: %d files, then %d", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Errorf("%s changed after a failed build", name)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("leftovers beside the output: %v", entries)
	}
}

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}, {"build", "--nope"}, {"build", "extra"}, {"build", "--source", repoRoot, "--out", repoRoot}} {
		var so, se bytes.Buffer
		if code := run(args, &so, &se); code != exitUsage {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, se.String())
		}
	}
	var so, se bytes.Buffer
	if code := run([]string{"version"}, &so, &se); code != exitOK || !strings.HasPrefix(so.String(), "attache ") {
		t.Errorf("version: %d %q", code, so.String())
	}
}
