package e2e

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// weightBudget is what an article page may weigh, gzipped, with the style
// sheets and scripts it loads, before images: 30 kB.
const weightBudget = 30_000

// gzipSize is the size of b compressed as a web server would (gzip's
// default level).
func gzipSize(t testing.TB, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(b)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// pageInfo is what the weight test needs to know of a page.
type pageInfo struct {
	kind   string   // the body's kind-* class
	assets []string // style sheets and scripts it loads, site paths
}

// readPage lists the style sheets and scripts the page at site
// path p (like "vi/news/a/index.html") loads.
func readPage(t testing.TB, data []byte, p string) pageInfo {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	var info pageInfo
	resolve := func(ref string) string {
		if ref == "" || strings.Contains(ref, "://") || strings.HasPrefix(ref, "data:") {
			return ""
		}
		if strings.HasPrefix(ref, "/") {
			return strings.TrimPrefix(path.Clean(ref), "/")
		}
		return path.Join(path.Dir(p), ref)
	}
	attr := func(n *html.Node, k string) string {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val
			}
		}
		return ""
	}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "body":
			for _, c := range strings.Fields(attr(n, "class")) {
				if k, ok := strings.CutPrefix(c, "kind-"); ok {
					info.kind = k
				}
			}
		case "link":
			if attr(n, "rel") == "stylesheet" {
				info.assets = append(info.assets, resolve(attr(n, "href")))
			}
		case "script":
			if src := resolve(attr(n, "src")); src != "" {
				info.assets = append(info.assets, src)
			}
		}
	}
	return info
}

// TestArticleWeight checks every article page of the sample: its HTML and
// the CSS and JavaScript it loads weigh less than weightBudget gzipped.
func TestArticleWeight(t *testing.T) {
	dir := buildSample(t)
	articles := 0
	heaviest, heaviestPage := 0, ""
	err := filepath.WalkDir(dir, func(fp string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(dir, fp)
		p := filepath.ToSlash(rel)
		data, err := os.ReadFile(fp)
		if err != nil {
			return err
		}
		info := readPage(t, data, p)
		if info.kind != "article" {
			return nil
		}
		articles++
		sizes := []int{gzipSize(t, data)}
		total := sizes[0]
		for _, a := range info.assets {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(a)))
			if err != nil {
				t.Errorf("%s loads %s, which is not in the site: %v", p, a, err)
				continue
			}
			if strings.HasSuffix(a, ".css") && bytes.Contains(b, []byte("@font-face")) {
				t.Errorf("%s loads web fonts (%s): the theme uses system font stacks", p, a)
			}
			n := gzipSize(t, b)
			sizes = append(sizes, n)
			total += n
		}
		if total > heaviest {
			heaviest, heaviestPage = total, p
		}
		if p == "vi/news/hoi-nghi-thong-tin-doi-ngoai-2021/index.html" {
			t.Logf("%s: %d bytes gzipped: HTML %d, %v %v", p, total, sizes[0], info.assets, sizes[1:])
		}
		if total >= weightBudget {
			t.Errorf("%s weighs %d bytes gzipped with its CSS and JS (HTML %d, assets %v %v), budget %d", p, total, sizes[0], info.assets, sizes[1:], weightBudget)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if articles < 10 {
		t.Fatalf("found %d article pages in the sample: is the body class kind-article gone?", articles)
	}
	t.Logf("%d articles; the heaviest, %s, weighs %d bytes gzipped", articles, heaviestPage, heaviest)
}
