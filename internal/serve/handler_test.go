package serve

import (
	"bytes"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
)

func TestSitePath(t *testing.T) {
	tests := []struct {
		in      string
		key     string
		dir, ok bool
	}{
		{"/", "index.html", true, true},
		{"/en/", "en/index.html", true, true},
		{"/en/news", "en/news", false, true},
		{"/en/news/", "en/news/index.html", true, true},
		{"/css/site.css", "css/site.css", false, true},
		{"/en//news/./", "en/news/index.html", true, true},
		{"/ar/tags/الإعلام/", "ar/tags/الإعلام/index.html", true, true},
		{"/..", "", false, false},
		{"/../site.yaml", "", false, false},
		{"/en/../../etc/passwd", "", false, false},
		{"/en/..", "", false, false},
		{"en/", "", false, false},
		{"", "", false, false},
		{"/...", "...", false, true}, // an ordinary (if odd) name
		{`/..\site.yaml`, `..\site.yaml`, false, true},
	}
	for _, tc := range tests {
		key, dir, ok := sitePath(tc.in)
		if key != tc.key || dir != tc.dir || ok != tc.ok {
			t.Errorf("sitePath(%q) = %q, %v, %v; want %q, %v, %v", tc.in, key, dir, ok, tc.key, tc.dir, tc.ok)
		}
	}
}

func TestInject(t *testing.T) {
	block := []byte("<X>")
	tests := []struct{ page, want string }{
		{"<html><body><p>a</p></body></html>", "<html><body><p>a</p><X></body></html>"},
		{"<BODY>a</BODY>\n", "<BODY>a<X></BODY>\n"},
		// The last </body>, not one quoted in the text before it.
		{"<body><pre>&lt;/body&gt;</body></body></html>", "<body><pre>&lt;/body&gt;</body><X></body></html>"},
		{"<p>fragment</p>", "<p>fragment</p><X>"},
		{"", "<X>"},
		// Non-ASCII text whose lower case has another length: the insertion
		// point must not drift.
		{"<body>İİİ</body>", "<body>İİİ<X></body>"},
	}
	for _, tc := range tests {
		page := []byte(tc.page)
		got := inject(page, block)
		if string(got) != tc.want {
			t.Errorf("inject(%q) = %q, want %q", tc.page, got, tc.want)
		}
		if string(page) != tc.page {
			t.Errorf("inject modified its input: %q", page)
		}
		if back := string(stripInjected(inject(page, snippet([]byte("{}"))))); back != tc.page {
			t.Errorf("strip(inject(%q)) = %q", tc.page, back)
		}
	}
}

func TestContentType(t *testing.T) {
	tests := map[string]string{
		"a/index.html":   "text/html; charset=utf-8",
		"A/INDEX.HTML":   "text/html; charset=utf-8",
		"css/site.1.css": "text/css; charset=utf-8",
		"js/site.js":     "text/javascript; charset=utf-8",
		"index.xml":      "application/xml; charset=utf-8",
		"search.json":    "application/json",
		"logo.svg":       "image/svg+xml",
		"a.png":          "image/png",
		"a.jpg":          "image/jpeg",
		"a.JPEG":         "image/jpeg",
		"a.webp":         "image/webp",
		"a.gif":          "image/gif",
		"f.woff2":        "font/woff2",
		"f.woff":         "font/woff",
		"robots.txt":     "text/plain; charset=utf-8",
		"no-extension":   "application/octet-stream",
	}
	for p, want := range tests {
		if got := contentType(p); got != want {
			t.Errorf("contentType(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestServesFiles(t *testing.T) {
	root := writeSite(t, smallSite())
	s := start(t, root, testLimits())

	tests := []struct {
		uri    string
		status int
		ctype  string
		has    string // in the body
	}{
		{"/", 200, "text/html; charset=utf-8", "</html>"},
		{"/vi/", 200, "text/html; charset=utf-8", "Thông tin đối ngoại"},
		{"/en/news/", 200, "text/html; charset=utf-8", "Working with the press"},
		{"/en/news/press/", 200, "text/html; charset=utf-8", "foreign correspondents"},
		{"/en/news/press/index.html", 200, "text/html; charset=utf-8", "foreign correspondents"},
		{"/en/index.xml", 200, "application/xml; charset=utf-8", "<rss"},
		{"/sitemap.xml", 200, "application/xml; charset=utf-8", "<sitemapindex"},
		{"/fonts/body.woff2", 200, "font/woff2", "wOF2"},
		{"/img/dot.png", 200, "image/png", "PNG"},
		{"/photos/photo.jpeg", 200, "image/jpeg", "not-a-jpeg"},
		{"/data/list.json", 200, "application/json", `"ok"`},
		{"/scripts/extra.js", 200, "text/javascript; charset=utf-8", "console"},
		{"/styles/extra.css", 200, "text/css; charset=utf-8", "body{}"},
		{"/feeds/custom.xml", 200, "application/xml; charset=utf-8", "<x/>"},
		{"/video/clip.mp4", 200, "video/mp4", "not-a-video"},
		// Unicode paths, percent-encoded as browsers send them, and raw.
		{"/%E1%BA%A3nh/b%E1%BA%A3n-%C4%91%E1%BB%93.svg", 200, "image/svg+xml", "<svg"},
		{"/en/tags/%D8%A7%D9%84%D8%A5%D8%B9%D9%84%D8%A7%D9%85/", 200, "text/html; charset=utf-8", "Foreign information conference"},
		{"/en/tags/الإعلام/", 200, "text/html; charset=utf-8", "Foreign information conference"},
		// A decomposed (NFD) spelling of a precomposed path still finds it.
		{"/a\u0309nh/ba\u0309n-\u0111o\u0302\u0300.svg", 200, "image/svg+xml", "<svg"},
		// A static HTML page gets the script too.
		{"/docs/raw.html", 200, "text/html; charset=utf-8", reloadJSPath},
		// The server's own files.
		{"/__attache/reload.js", 200, "text/javascript; charset=utf-8", "EventSource"},
		{"/__attache/worker.js", 200, "text/javascript; charset=utf-8", "onconnect"},
		{"/__attache/nothing", 404, "", ""},
	}
	for _, tc := range tests {
		r := get(t, s, http.MethodGet, tc.uri)
		if r.status != tc.status {
			t.Errorf("GET %s: status %d, want %d", tc.uri, r.status, tc.status)
			continue
		}
		if tc.ctype != "" && r.header.Get("Content-Type") != tc.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tc.uri, r.header.Get("Content-Type"), tc.ctype)
		}
		if !bytes.Contains(r.body, []byte(tc.has)) {
			t.Errorf("GET %s: body lacks %q:\n%.300s", tc.uri, tc.has, r.body)
		}
		if cc := r.header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET %s: Cache-Control %q", tc.uri, cc)
		}
		if isHTML(tc.uri) || strings.HasSuffix(tc.uri, "/") {
			if n := bytes.Count(r.body, []byte(injectStart)); n != 1 {
				t.Errorf("GET %s: reload script injected %d times", tc.uri, n)
			}
		} else if bytes.Contains(r.body, []byte(injectStart)) {
			t.Errorf("GET %s: a %s got the reload script", tc.uri, tc.ctype)
		}
	}
	// Absolute URLs point at the served address.
	home := get(t, s, http.MethodGet, "/en/news/press/")
	if want := `<link rel="canonical" href="` + s.URL() + `en/news/press/">`; !bytes.Contains(home.body, []byte(want)) {
		t.Errorf("canonical does not point at the server: want %s in\n%.600s", want, home.body)
	}
}

func TestNotFoundAndTraversal(t *testing.T) {
	root := writeSite(t, smallSite())
	s := start(t, root, testLimits())
	notFound := get(t, s, http.MethodGet, "/404.html")
	if notFound.status != 200 {
		t.Fatalf("/404.html: status %d", notFound.status)
	}
	for _, uri := range []string{
		"/no/such/page/",
		"/nope.css",
		"/site.yaml",
		"/content/en/news/press.md",
		"/../site.yaml",
		"/../../../../etc/passwd",
		"/en/../../site.yaml",
		"/%2e%2e/site.yaml",
		"/%2E%2E/%2E%2E/etc/passwd",
		"/en/..%2f..%2fsite.yaml",
		"/en%2f..%2f..%2fsite.yaml",
		"/static/..%5c..%5csite.yaml",
		`/..\site.yaml`,
		"/%00",
		"/en/news/press.md",
	} {
		r := get(t, s, http.MethodGet, uri)
		if r.status != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", uri, r.status)
			continue
		}
		if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", uri, ct)
		}
		// The body is the site's 404 page, and nothing of the sources.
		if !bytes.Equal(r.body, notFound.body) {
			t.Errorf("GET %s: body is not the 404 page:\n%.300s", uri, r.body)
		}
		if bytes.Contains(r.body, []byte("defaultLanguage")) || bytes.Contains(r.body, []byte("root:")) {
			t.Errorf("GET %s: leaked a file outside the site", uri)
		}
	}
}

func TestDirectoryRedirects(t *testing.T) {
	root := writeSite(t, smallSite())
	s := start(t, root, testLimits())
	tests := []struct{ uri, location string }{
		{"/en", "/en/"},
		{"/en/news", "/en/news/"},
		{"/en/news/press", "/en/news/press/"},
		{"/en/news/press?x=1", "/en/news/press/?x=1"},
		{"/en/tags/%D8%A7%D9%84%D8%A5%D8%B9%D9%84%D8%A7%D9%85", "/en/tags/%D8%A7%D9%84%D8%A5%D8%B9%D9%84%D8%A7%D9%85/"},
		// Never to another host, however the path starts.
		{"/.%2F%2Fen", "/en/"},
		{"/%2F%2Fen", "/en/"},
	}
	for _, tc := range tests {
		r := get(t, s, http.MethodGet, tc.uri)
		if r.status != http.StatusMovedPermanently {
			t.Errorf("GET %s: status %d, want 301", tc.uri, r.status)
			continue
		}
		if loc := r.header.Get("Location"); loc != tc.location {
			t.Errorf("GET %s: Location %q, want %q", tc.uri, loc, tc.location)
		}
	}
}

func TestHeadAndMethods(t *testing.T) {
	root := writeSite(t, smallSite())
	s := start(t, root, testLimits())
	for _, uri := range []string{"/en/news/", "/img/dot.png", "/no/such/", "/__attache/reload.js"} {
		g := get(t, s, http.MethodGet, uri)
		h := get(t, s, http.MethodHead, uri)
		if h.status != g.status {
			t.Errorf("HEAD %s: status %d, GET gave %d", uri, h.status, g.status)
		}
		if len(h.body) != 0 {
			t.Errorf("HEAD %s: sent a body of %d bytes", uri, len(h.body))
		}
		if h.header.Get("Content-Type") != g.header.Get("Content-Type") {
			t.Errorf("HEAD %s: Content-Type %q, GET gave %q", uri, h.header.Get("Content-Type"), g.header.Get("Content-Type"))
		}
		if cl := h.header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(g.body)) {
			t.Errorf("HEAD %s: Content-Length %s, GET sent %d bytes", uri, cl, len(g.body))
		}
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		r := get(t, s, m, "/en/")
		if r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s /en/: status %d, Allow %q", m, r.status, r.header.Get("Allow"))
		}
	}
}

// TestBuildOutputHasNoScript checks that the reload script is serve's
// alone: the same site built for publishing carries none of it.
func TestBuildOutputHasNoScript(t *testing.T) {
	root := writeSite(t, smallSite())
	res, err := build.Run(os.DirFS(root), attache.Theme(), build.Options{})
	if err != nil {
		t.Fatalf("build: %v\n%v", err, res.Diags.Err())
	}
	for _, o := range res.Outputs {
		if bytes.Contains(o.Data, []byte("__attache")) {
			t.Errorf("build output %s contains the serve script", o.Path)
		}
	}
	s := start(t, root, testLimits())
	if r := get(t, s, http.MethodGet, "/en/news/press/"); !bytes.Contains(r.body, []byte(`<script src="/__attache/reload.js">`)) {
		t.Errorf("served page lacks the reload script")
	}
}
