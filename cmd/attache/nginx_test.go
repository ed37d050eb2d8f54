package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/attache-ssg/attache/internal/release"
)

// testBundleWithNginx does what an embassy's webmaster does: unpack a
// bundle made for their address, verify it, serve its site/ folder under
// /news/ with a real nginx, and follow every internal link.
func testBundleWithNginx(t *testing.T, fx *releasedSite) {
	bin := requireBinary(t, "nginx", "nginx")
	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d/news/", port)
	work := t.TempDir()
	zipPath := filepath.Join(work, "en-fr.zip")
	mustRun(t, "bundle", "2024.3", "--lang", "en,fr", "--base-url", base, "--out", zipPath, "--key", fx.key, "--source", fx.root)
	www := filepath.Join(work, "www")
	unpack(t, zipPath, www)
	if code, out, errOut := cli("verify", www, "--pub", fx.pub); code != exitOK {
		t.Fatalf("the unpacked bundle does not verify: %s%s", out, errOut)
	}

	ng := startNginx(t, bin, port, filepath.Join(www, release.SiteDir))
	c := &crawler{t: t, base: base, seen: map[string]bool{}, client: &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
	for _, start := range []string{"", "en/", "fr/", "en/news/consular-hours-2025/", "fr/tags/", "en/search/"} {
		c.queue = append(c.queue, base+start)
	}
	c.run()
	t.Logf("crawled %d pages and %d URLs in all, %d style sheet loads", c.pages, len(c.seen), c.stylesheets)
	if c.pages < 50 || c.stylesheets < c.pages {
		t.Errorf("crawled %d pages, %d style sheets loaded", c.pages, c.stylesheets)
	}
	// The sitemap lists pages that exist at this address.
	for _, sm := range []string{"sitemap.xml", "en/sitemap.xml", "fr/sitemap.xml"} {
		body, _ := c.get(base + sm)
		for _, u := range xmlURLs(t, body) {
			if !strings.HasPrefix(u, base) {
				t.Errorf("%s lists %s, outside %s", sm, u, base)
				continue
			}
			c.get(u)
		}
	}
	// A missing page gets the 404 page, whose style sheet loads from any depth.
	missing := base + "en/no/such/page/"
	resp, err := c.client.Get(missing)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound || !bytes.Contains(body, []byte("kind-404")) {
		t.Errorf("missing page: %d, 404 page served: %v", resp.StatusCode, bytes.Contains(body, []byte("kind-404")))
	}
	c.checkPage(missing, body, false)

	// nginx saw no other 404.
	for _, l := range ng.accessLog() {
		if l.status == http.StatusNotFound && !strings.Contains(missing, l.path) {
			t.Errorf("nginx answered 404 for %s", l.path)
		}
		if l.status >= 500 {
			t.Errorf("nginx answered %d for %s", l.status, l.path)
		}
	}
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// unpack extracts a bundle archive into dir, as an embassy's webmaster
// would with unzip.
func unpack(t *testing.T, archive, dir string) {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	format, _ := release.FormatOf(archive)
	fsys, err := release.ReadArchiveFS(f, st.Size(), format)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
}

type nginx struct {
	dir string
}

type logLine struct {
	path   string
	status int
}

// startNginx runs nginx in the foreground with a configuration of its own
// in a temporary prefix (pid, logs and temp files there), serving site
// under /news/ on 127.0.0.1:port, and stops it when the test ends.
func startNginx(t *testing.T, bin string, port int, site string) *nginx {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"tmp", "logs"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root root;" // workers as nobody could not enter the test's 0700 folders
	}
	conf := fmt.Sprintf(`%s
worker_processes 1;
pid %[2]s/nginx.pid;
error_log %[2]s/logs/error.log warn;
events { worker_connections 64; }
http {
  types {
    text/html html; text/css css; application/javascript js; application/json json;
    application/xml xml; text/plain txt; image/jpeg jpg jpeg; image/png png; image/svg+xml svg; image/webp webp;
  }
  default_type application/octet-stream;
  access_log %[2]s/logs/access.log;
  client_body_temp_path %[2]s/tmp/body;
  proxy_temp_path %[2]s/tmp/proxy;
  fastcgi_temp_path %[2]s/tmp/fastcgi;
  uwsgi_temp_path %[2]s/tmp/uwsgi;
  scgi_temp_path %[2]s/tmp/scgi;
  server {
    listen 127.0.0.1:%[3]d;
    location /news/ {
      alias %[4]s/;
      index index.html;
      error_page 404 /news/404.html;
    }
  }
}
`, user, dir, port, site)
	confPath := filepath.Join(dir, "nginx.conf")
	writeFile(t, confPath, conf)
	cmd := exec.Command(bin, "-p", dir, "-c", confPath, "-e", filepath.Join(dir, "logs", "error.log"), "-g", "daemon off;")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGQUIT) // graceful stop of the master and its worker
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	deadline := time.Now().Add(15 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			conn.Close()
			break
		}
		select {
		case err := <-exited:
			errLog, _ := os.ReadFile(filepath.Join(dir, "logs", "error.log"))
			t.Fatalf("nginx exited: %v\n%s\n%s", err, out.String(), errLog)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("nginx does not listen on port %d:\n%s", port, out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	return &nginx{dir: dir}
}

var accessLine = regexp.MustCompile(`"[A-Z]+ (\S+) HTTP/[0-9.]+" (\d{3}) `)

// accessLog reads the requests nginx logged.
func (n *nginx) accessLog() []logLine {
	f, err := os.Open(filepath.Join(n.dir, "logs", "access.log"))
	if err != nil {
		return nil
	}
	defer f.Close()
	var lines []logLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := accessLine.FindStringSubmatch(sc.Text()); m != nil {
			var status int
			fmt.Sscan(m[2], &status)
			lines = append(lines, logLine{path: m[1], status: status})
		}
	}
	return lines
}

// crawler follows every internal link (a, link, img, script) from its
// queue, breadth first, fetching each URL once.
type crawler struct {
	t                  *testing.T
	base               string
	client             *http.Client
	queue              []string
	seen               map[string]bool
	pages, stylesheets int
}

func (c *crawler) run() {
	for len(c.queue) > 0 && c.pages < 2000 {
		u := c.queue[0]
		c.queue = c.queue[1:]
		body, ctype := c.get(u)
		if strings.HasPrefix(ctype, "text/html") {
			c.pages++
			c.checkPage(u, body, true)
		}
	}
}

// get fetches u once and returns its body and content type; anything but
// 200 is an error.
func (c *crawler) get(u string) ([]byte, string) {
	c.seen[u] = true
	resp, err := c.client.Get(u)
	if err != nil {
		c.t.Errorf("GET %s: %v", u, err)
		return nil, ""
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Errorf("GET %s: %v", u, err)
	}
	if resp.StatusCode != http.StatusOK {
		c.t.Errorf("GET %s: %s", u, resp.Status)
	}
	return body, resp.Header.Get("Content-Type")
}

// checkPage loads a page's style sheets, checks its canonical URL, and
// queues its internal links (follow) or just fetches them.
func (c *crawler) checkPage(pageURL string, body []byte, follow bool) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		c.t.Errorf("%s: %v", pageURL, err)
		return
	}
	page, _ := url.Parse(pageURL)
	redirect := bytes.Contains(body, []byte(`http-equiv="refresh"`))
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attr := map[string]string{}
			for _, a := range n.Attr {
				attr[a.Key] = a.Val
			}
			for _, k := range []string{"href", "src"} {
				v, ok := attr[k]
				if !ok || (n.Data != "a" && n.Data != "link" && n.Data != "img" && n.Data != "script") {
					continue
				}
				ref, err := url.Parse(v)
				if err != nil {
					c.t.Errorf("%s: bad link %q", pageURL, v)
					continue
				}
				if ref.Scheme == "" && ref.Host == "" && ref.Path == "" && ref.RawQuery == "" {
					continue // "#main": this very document
				}
				target := page.ResolveReference(ref)
				target.Fragment = ""
				abs := target.String()
				if n.Data == "link" && attr["rel"] == "canonical" && follow && !redirect && abs != pageURL {
					c.t.Errorf("%s: canonical %s", pageURL, abs)
				}
				if target.Host != page.Host {
					continue // the main site, or the world
				}
				if !strings.HasPrefix(target.Path, "/news/") {
					c.t.Errorf("%s: link %q leaves the copy's path: %s", pageURL, v, target.Path)
					continue
				}
				if n.Data == "link" && attr["rel"] == "stylesheet" {
					css, ctype := c.get(abs)
					if !strings.HasPrefix(ctype, "text/css") || len(css) == 0 {
						c.t.Errorf("%s: style sheet %s: %q, %d bytes", pageURL, abs, ctype, len(css))
					}
					c.stylesheets++
					continue
				}
				if c.seen[abs] {
					continue
				}
				if follow && n.Data == "a" {
					c.seen[abs] = true
					c.queue = append(c.queue, abs)
				} else {
					c.get(abs)
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
}
