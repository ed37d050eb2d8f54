package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/render"
)

// wait is how long a test waits for something the server does on its
// own: generous, as the machine running tests may be loaded.
const wait = 10 * time.Second

// smallSite is a two-language site with a bit of everything a server test
// needs: translations, a Unicode tag, a section, static files of several
// types, one of them under a Unicode folder.
func smallSite() map[string]string {
	return map[string]string{
		"site.yaml": "baseURL: https://example.org/\ndefaultLanguage: vi\ntimeZone: Asia/Ho_Chi_Minh\n" +
			"languages: {vi: {name: Tiếng Việt, title: Thông tin đối ngoại, weight: 1}, en: {name: English, title: Foreign Information, weight: 2}}\n",
		"content/vi/_index.md":      "---\ntitle: Trang chủ\n---\n",
		"content/en/_index.md":      "---\ntitle: Home\n---\n",
		"content/vi/news/_index.md": "---\ntitle: Tin tức\n---\n",
		"content/en/news/_index.md": "---\ntitle: News\n---\n",
		"content/vi/news/hoi-nghi.md": "---\ntitle: Hội nghị thông tin đối ngoại\ndate: 2024-03-05\ntags: [hội nghị]\n---\n\n" +
			"Hội nghị tổng kết công tác năm 2023.\n",
		"content/en/news/hoi-nghi.md": "---\ntitle: Foreign information conference\ndate: 2024-03-05\ntags: [الإعلام]\n---\n\n" +
			"The conference reviewed the work of 2023.\n",
		"content/en/news/press.md": "---\ntitle: Working with the press\ndate: 2024-04-02\n---\n\n" +
			"A guide for foreign correspondents.\n",
		"static/fonts/body.woff2":  "wOF2-not-really-a-font",
		"static/img/dot.png":       "\x89PNG\r\n\x1a\nnot-really-a-png",
		"static/data/list.json":    `{"ok": true}`,
		"static/ảnh/bản-đồ.svg":    `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"static/docs/raw.html":     "<!DOCTYPE html><html><body><p>static page</p></body></html>",
		"static/scripts/extra.js":  "console.log(1)\n",
		"static/styles/extra.css":  "body{}\n",
		"static/feeds/custom.xml":  "<x/>\n",
		"static/video/clip.mp4":    "not-a-video",
		"static/photos/photo.jpeg": "not-a-jpeg",
	}
}

// writeSite writes files under a new temporary root.
func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		writeFile(t, root, name, data)
	}
	return root
}

// writeFile replaces a file atomically (a temporary file renamed onto it,
// as editors save), so a build never reads it half written.
func writeFile(t testing.TB, root, name, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.CreateTemp(root, ".tmp-*")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tmp.WriteString(data); err != nil {
		t.Fatal(err)
	}
	if err := tmp.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		t.Fatal(err)
	}
}

// testLimits are the defaults with a short grace period, so that a test
// that fails to end a stream fails quickly.
func testLimits() limits {
	l := defaultLimits()
	l.shutdown = 3 * time.Second
	return l
}

// start serves root on a free loopback port until the test ends.
func start(t testing.TB, root string, lim limits) *Server {
	t.Helper()
	return startCfg(t, Config{Root: root, Addr: "127.0.0.1:0"}, lim)
}

// withTheme gives a test config the command's builder: the whole site
// with the embedded default theme.
func withTheme(cfg Config) Config {
	if cfg.Build == nil {
		cfg.Build = SessionBuilder(os.DirFS(cfg.Root), attache.Theme(), build.Options{})
	}
	return cfg
}

func startCfg(t testing.TB, cfg Config, lim limits) *Server {
	t.Helper()
	s, err := newServer(withTheme(cfg), lim)
	if err != nil {
		t.Fatal(err)
	}
	s.Start(context.Background())
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// response is what a test looks at in an answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

// noRedirect is a client that reports redirects instead of following them.
var noRedirect = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       wait,
}

// get asks for a request URI exactly as written (no client-side cleaning
// of ".." or of escapes).
func get(t testing.TB, s *Server, method, uri string) response {
	t.Helper()
	req, err := http.NewRequest(method, s.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = uri // sent verbatim as the request target
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, uri, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading: %v", method, uri, err)
	}
	return response{resp.StatusCode, resp.Header, body}
}

// sseEvent is one event of the stream, decoded.
type sseEvent struct {
	name  string
	state stateJSON
}

// sseClient reads the server's event stream in the background.
type sseClient struct {
	events chan sseEvent
	cancel context.CancelFunc
	done   chan struct{}
}

// openEvents connects to the event stream; the connection ends with the
// test.
func openEvents(t testing.TB, s *Server) *sseClient {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+strings.TrimPrefix(eventsPath, "/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		cancel()
		resp.Body.Close()
		t.Fatalf("events: status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Errorf("events: Content-Type %q", ct)
	}
	c := &sseClient{events: make(chan sseEvent, 256), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		defer close(c.events)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var name string
		var data bytes.Buffer
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if name != "" {
					var st stateJSON
					if err := json.Unmarshal(data.Bytes(), &st); err != nil {
						st.Server = "bad json: " + err.Error()
					}
					c.events <- sseEvent{name, st}
				}
				name = ""
				data.Reset()
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data.WriteString(strings.TrimPrefix(line, "data: "))
			}
		}
	}()
	t.Cleanup(c.close)
	return c
}

func (c *sseClient) close() {
	c.cancel()
	<-c.done
}

// next returns the next event, failing the test after the deadline.
func (c *sseClient) next(t testing.TB, deadline time.Time) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-c.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(time.Until(deadline)):
		t.Fatal("no event before the deadline")
	}
	return sseEvent{}
}

// waitFor reads events until one is named name, and returns it.
func (c *sseClient) waitFor(t testing.TB, name string) sseEvent {
	t.Helper()
	deadline := time.Now().Add(wait)
	var seen []string
	for {
		select {
		case ev, ok := <-c.events:
			if !ok {
				t.Fatalf("the event stream ended waiting for %q (saw %v)", name, seen)
			}
			if ev.name == name {
				return ev
			}
			seen = append(seen, ev.name)
		case <-time.After(time.Until(deadline)):
			t.Fatalf("no %q event within %v (saw %v)", name, wait, seen)
		}
	}
}

// stripInjected removes what serve adds to a page, for comparisons with a
// build's own output.
func stripInjected(page []byte) []byte {
	i := bytes.Index(page, []byte(injectStart))
	if i < 0 {
		return page
	}
	j := bytes.Index(page[i:], []byte(injectEnd))
	if j < 0 {
		return page
	}
	out := append([]byte(nil), page[:i]...)
	return append(out, page[i+j+len(injectEnd):]...)
}

// pageState reads the state injected into a served page.
func pageState(t testing.TB, page []byte) stateJSON {
	t.Helper()
	const open = `<script id="__attache-state" type="application/json">`
	i := bytes.Index(page, []byte(open))
	if i < 0 {
		t.Fatalf("no injected state in page:\n%s", page)
	}
	rest := page[i+len(open):]
	j := bytes.Index(rest, []byte("</script>"))
	var st stateJSON
	if err := json.Unmarshal(rest[:j], &st); err != nil {
		t.Fatalf("injected state: %v: %s", err, rest[:j])
	}
	return st
}

func describe(d diagJSON) string {
	return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Message)
}

// paths lists every output path, sorted, making the deferred groups.
func (fs *fileSet) paths() []string {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, m := range []map[string]*render.Output{fs.over, fs.base} {
		for p := range m {
			if fs.group(p) == nil {
				add(p)
			}
		}
	}
	for _, g := range fs.deferred {
		for p := range g.get() {
			add(p)
		}
	}
	sort.Strings(out)
	return out
}
