package hostile

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/serve"
)

// markerRE finds the generation marker the load test writes into an
// article's title, which every page listing the article repeats.
var markerRE = regexp.MustCompile(`GEN-(\d{4})`)

// loadSite writes the site the server test serves: a section of articles
// and one article whose title carries the generation marker.
func loadSite(t *testing.T, root string) {
	t.Helper()
	files := map[string]string{
		"site.yaml":                 siteYAML,
		"content/vi/_index.md":      "---\ntitle: Trang chủ\n---\n",
		"content/en/_index.md":      "---\ntitle: Home\n---\n",
		"content/vi/news/_index.md": "---\ntitle: Tin tức\n---\n",
	}
	for i := 0; i < 30; i++ {
		files[fmt.Sprintf("content/vi/news/bai-%02d.md", i)] = article(fmt.Sprintf("title: Bài %d\ndate: 2024-01-%02d\ntags: [hội nghị]", i, 1+i%28), "Nội dung.\n")
	}
	writeTree(t, root, files)
	editMarker(t, root, 0)
}

// editMarker saves the marked article for generation gen as an editor
// does: a temporary file renamed over it, so no build reads half a file.
func editMarker(t *testing.T, root string, gen int) {
	t.Helper()
	p := filepath.Join(root, "content", "vi", "news", "marker.md")
	tmp := filepath.Join(root, fmt.Sprintf(".marker-%d.tmp", gen))
	body := article(fmt.Sprintf("title: Bài GEN-%04d\ndate: 2025-06-01\ntags: [hội nghị]", gen), fmt.Sprintf("Thế hệ GEN-%04d.\n", gen))
	if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// openFDs counts this process's open file descriptors.
func openFDs(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("cannot count file descriptors: %v", err)
	}
	return len(entries)
}

// settle waits until ok holds or the time is up, and reports whether it
// held: goroutines and descriptors take a moment to go.
func settle(ok func() bool) bool {
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if ok() {
			return true
		}
	}
	return ok()
}

// TestServeUnderLoad runs the development server with 100 clients asking
// for pages while the sources change 50 times, each change waited for.
// Every answer is a whole page of one build (its markers all of one
// generation, its HTML ending with </html>), no answer is a 5xx, and once
// the server is closed its goroutines and file descriptors are gone. A
// 1 MB header is refused, and a client that sends its header a byte at a
// time is cut off.
func TestServeUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("50 rebuilds under load")
	}
	fds0, gor0 := openFDs(t), runtime.NumGoroutine()

	root := t.TempDir()
	loadSite(t, root)
	var mu sync.Mutex
	built := map[int]bool{} // generations whose build succeeded
	builds := make(chan struct{}, 100)
	var failed []string
	srv, err := serve.New(serve.Config{
		Root:  root,
		Addr:  "127.0.0.1:0",
		Build: serve.FullBuilder(os.DirFS(root), attache.Theme(), build.Options{Now: now}),
		OnBuild: func(r serve.Report) {
			mu.Lock()
			defer mu.Unlock()
			if r.Err != nil {
				failed = append(failed, r.Err.Error())
			} else {
				for _, o := range r.Result.Outputs {
					if o.Path == "vi/news/marker/index.html" {
						for _, m := range markerRE.FindAllSubmatch(o.Data, -1) {
							var g int
							fmt.Sscanf(string(m[1]), "%d", &g)
							built[g] = true
						}
					}
				}
			}
			select {
			case builds <- struct{}{}:
			default:
			}
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	srv.Start(ctx)
	base := srv.URL()

	paths := []string{"vi/news/marker/", "vi/news/", "vi/", "vi/tags/hoi-nghi/", "vi/news/bai-07/", "en/", "", "sitemap.xml", "vi/news/index.xml"}
	transport := &http.Transport{MaxIdleConnsPerHost: 100}
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	var stop atomic.Bool
	var requests atomic.Int64
	errs := make(chan string, 100)
	report := func(format string, args ...any) {
		select {
		case errs <- fmt.Sprintf(format, args...):
		default:
		}
	}
	var wg sync.WaitGroup
	for c := 0; c < 100; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			// Bounded: the loop ends with the edits, or after 1,000 requests.
			for i := 0; i < 1000 && !stop.Load(); i++ {
				p := paths[rng.IntN(len(paths))]
				resp, err := client.Get(base + p)
				if err != nil {
					report("GET /%s: %v", p, err)
					return
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				requests.Add(1)
				switch {
				case err != nil:
					report("GET /%s: reading: %v", p, err)
				case resp.StatusCode != http.StatusOK:
					report("GET /%s: status %d", p, resp.StatusCode)
				case strings.HasSuffix(p, "/") || p == "":
					if !bytes.HasSuffix(bytes.TrimSpace(body), []byte("</html>")) {
						report("GET /%s: incomplete page of %d bytes", p, len(body))
					}
				case strings.HasSuffix(p, ".xml"):
					if !bytes.HasSuffix(bytes.TrimSpace(body), []byte(">")) || !bytes.Contains(body, []byte("</")) {
						report("GET /%s: incomplete XML of %d bytes", p, len(body))
					}
				}
				gens := map[string]bool{}
				for _, m := range markerRE.FindAllSubmatch(body, -1) {
					gens[string(m[1])] = true
				}
				if len(gens) > 1 {
					report("GET /%s: markers of %d generations in one answer: %v", p, len(gens), gens)
				}
			}
		}(c)
	}

	// A slowloris client beside the load: its header, a byte every 200
	// ms, never ends; the server must hang up on it.
	slow := make(chan error, 1)
	go func() { slow <- slowloris(srv.Addr()) }()

	// 50 edits, each waited for until a build shows it.
	for gen := 1; gen <= 50; gen++ {
		editMarker(t, root, gen)
		deadline := time.Now().Add(30 * time.Second)
		for {
			mu.Lock()
			ok := built[gen]
			mu.Unlock()
			if ok {
				break
			}
			if time.Now().After(deadline) {
				stop.Store(true)
				t.Fatalf("generation %d not built within 30 s (build errors: %v)", gen, failed)
			}
			select {
			case <-builds:
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	stop.Store(true)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	mu.Lock()
	if len(failed) > 0 {
		t.Errorf("builds failed: %v", failed)
	}
	mu.Unlock()
	t.Logf("%d requests during 50 rebuilds", requests.Load())
	if requests.Load() < 100 {
		t.Errorf("only %d requests: the clients did not load the server", requests.Load())
	}

	// A 1 MB header is refused without reading it all.
	if status, err := hugeHeader(srv.Addr()); err != nil || status != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("1 MB header: status %d, %v; want 431", status, err)
	}
	select {
	case err := <-slow:
		if err != nil {
			t.Errorf("slowloris: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Errorf("slowloris client still connected after a minute")
	}

	cancel()
	if err := srv.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	transport.CloseIdleConnections()
	if !settle(func() bool { return runtime.NumGoroutine() <= gor0+2 }) {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutines: %d before, %d after closing\n%s", gor0, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
	}
	if !settle(func() bool { return openFDs(t) <= fds0+2 }) {
		t.Errorf("file descriptors: %d before, %d after closing", fds0, openFDs(t))
	}
}

// slowloris sends a request header one byte every 200 ms and returns nil
// once the server hangs up, or an error if the server answered it or the
// header ran out first.
func slowloris(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	closed := make(chan error, 1)
	go func() {
		b, err := io.ReadAll(conn)
		if len(b) > 0 && !bytes.Contains(b, []byte(" 408 ")) {
			closed <- fmt.Errorf("the server answered: %q", b)
			return
		}
		closed <- err
	}()
	header := "GET / HTTP/1.1\r\nHost: " + addr + "\r\n" + "X-Slow: " + strings.Repeat("a", 1000)
	start := time.Now()
	for i := 0; i < len(header); i++ {
		if _, err := conn.Write([]byte{header[i]}); err != nil {
			return nil // hung up
		}
		select {
		case <-closed:
			return nil
		case <-time.After(200 * time.Millisecond):
		}
		if time.Since(start) > 50*time.Second {
			return fmt.Errorf("still connected after %v", time.Since(start))
		}
	}
	return fmt.Errorf("the whole slow header was accepted")
}

// hugeHeader sends a request with a 1 MB header and returns the status.
func hugeHeader(addr string) (int, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	go func() {
		// The server may hang up before the header is sent; the write
		// error is expected then.
		w := bufio.NewWriter(conn)
		fmt.Fprintf(w, "GET / HTTP/1.1\r\nHost: %s\r\nX-Big: %s\r\n\r\n", addr, strings.Repeat("b", 1<<20))
		w.Flush()
	}()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
