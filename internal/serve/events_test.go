package serve

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
)

const pressPath = "content/en/news/press.md"

func TestReloadAfterEdit(t *testing.T) {
	root := writeSite(t, smallSite())
	s := start(t, root, testLimits())
	ev := openEvents(t, s)
	hello := ev.next(t, time.Now().Add(wait))
	if hello.name != evHello || hello.state.Gen != 1 || hello.state.Seq != 1 || len(hello.state.Errors) != 0 {
		t.Fatalf("first event %+v, want hello of build 1", hello)
	}
	writeFile(t, root, pressPath, "---\ntitle: Working with the press\ndate: 2024-04-02\n---\n\nEdited: a new paragraph.\n")
	r := ev.waitFor(t, evReload)
	if r.state.Server != hello.state.Server || r.state.Gen != 2 || r.state.Seq <= hello.state.Seq {
		t.Errorf("reload %+v after hello %+v", r.state, hello.state)
	}
	page := get(t, s, http.MethodGet, "/en/news/press/")
	if !bytes.Contains(page.body, []byte("Edited: a new paragraph.")) {
		t.Errorf("the page does not show the edit")
	}
	if st := pageState(t, page.body); st.Gen != r.state.Gen || st.Seq != r.state.Seq {
		t.Errorf("page state %+v, want that of the reload %+v", st, r.state)
	}
}

func TestErrorOverlayThenFix(t *testing.T) {
	root := writeSite(t, smallSite())
	var mu sync.Mutex
	var reports []Report
	s := startCfg(t, Config{Root: root, Addr: "127.0.0.1:0", OnBuild: func(r Report) {
		mu.Lock()
		reports = append(reports, r)
		mu.Unlock()
	}}, testLimits())
	good := get(t, s, http.MethodGet, "/en/news/press/")
	ev := openEvents(t, s)
	ev.waitFor(t, evHello)

	// Line 3 holds the YAML error; the message may quote the source, which
	// must reach the page as data, never as markup.
	writeFile(t, root, pressPath, "---\ntitle: Working with the press\ndate: [2024-04-02, <b>bold</b>\n---\n\nBody.\n")
	bad := ev.waitFor(t, evError)
	if len(bad.state.Errors) == 0 {
		t.Fatal("error event without errors")
	}
	found := false
	for _, d := range bad.state.Errors {
		if d.File == pressPath && d.Line >= 2 && d.Line <= 4 && d.Message != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("no error naming %s and its line in %+v", pressPath, bad.state.Errors)
	}
	if bad.state.Gen != 1 {
		t.Errorf("error event gen %d: the good build is still 1", bad.state.Gen)
	}

	// The last good page is still served, carrying the errors.
	page := get(t, s, http.MethodGet, "/en/news/press/")
	if page.status != 200 || !bytes.Equal(stripInjected(page.body), stripInjected(good.body)) {
		t.Errorf("the last good page is no longer served (status %d)", page.status)
	}
	st := pageState(t, page.body)
	if len(st.Errors) != len(bad.state.Errors) || st.Seq != bad.state.Seq {
		t.Errorf("page state %+v, want the errors of %+v", st, bad.state)
	}
	if bytes.Contains(page.body, []byte("<b>bold</b>")) {
		t.Errorf("the page carries raw markup from the sources")
	}
	// A tab opened now hears about the error at once.
	late := openEvents(t, s)
	h := late.next(t, time.Now().Add(wait))
	if h.name != evHello || len(h.state.Errors) == 0 {
		t.Errorf("a new stream starts with %+v, want a hello carrying the errors", h)
	}

	writeFile(t, root, pressPath, "---\ntitle: Working with the press\ndate: 2024-04-02\n---\n\nFixed.\n")
	clear := ev.waitFor(t, evClear)
	if len(clear.state.Errors) != 0 || clear.state.Gen != 2 {
		t.Errorf("clear event %+v", clear.state)
	}
	reload := ev.next(t, time.Now().Add(wait))
	if reload.name != evReload || reload.state.Seq != clear.state.Seq {
		t.Errorf("after clear came %+v, want the reload of the same build", reload)
	}
	page = get(t, s, http.MethodGet, "/en/news/press/")
	if st := pageState(t, page.body); len(st.Errors) != 0 || !bytes.Contains(page.body, []byte("Fixed.")) {
		t.Errorf("after the fix the page has errors %+v or lacks the fix", st.Errors)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(reports) < 3 || !reports[0].Initial || reports[0].Err != nil || reports[0].Changed != nil {
		t.Fatalf("reports %+v: want the initial build first", reports)
	}
	var sawFail bool
	for _, r := range reports[1:] {
		if r.Initial {
			t.Errorf("a rebuild reported as initial")
		}
		if r.Err != nil {
			sawFail = true
			if len(r.Changed) != 1 || r.Changed[0] != pressPath {
				t.Errorf("failed build triggered by %v, want [%s]", r.Changed, pressPath)
			}
		}
	}
	if last := reports[len(reports)-1]; !sawFail || last.Err != nil || last.Files == 0 {
		t.Errorf("reports do not show the failure then the fix: %+v", reports)
	}
}

func TestFirstBuildFails(t *testing.T) {
	files := smallSite()
	files["site.yaml"] = "languages: [\n"
	root := writeSite(t, files)
	s := start(t, root, testLimits())
	r := get(t, s, http.MethodGet, "/")
	if r.status != http.StatusServiceUnavailable {
		t.Errorf("GET / before any good build: status %d, want 503", r.status)
	}
	st := pageState(t, r.body)
	if st.Gen != 0 || len(st.Errors) == 0 || st.Errors[0].File != "site.yaml" {
		t.Errorf("state %+v: want the site.yaml error", st)
	}
	ev := openEvents(t, s)
	ev.waitFor(t, evHello)
	writeFile(t, root, "site.yaml", smallSite()["site.yaml"])
	if rl := ev.waitFor(t, evReload); rl.state.Gen != 1 {
		t.Errorf("first good build has gen %d", rl.state.Gen)
	}
	if r := get(t, s, http.MethodGet, "/"); r.status != 200 {
		t.Errorf("GET / after the fix: status %d", r.status)
	}
}

func TestBuilderPanicKeepsServing(t *testing.T) {
	root := writeSite(t, smallSite())
	calls := 0
	full := FullBuilder(os.DirFS(root), attache.Theme(), build.Options{})
	b := func(baseURL string, changed []string) (*build.Result, error) {
		calls++
		if calls == 2 {
			panic("boom")
		}
		return full(baseURL, changed)
	}
	s := startCfg(t, Config{Root: root, Addr: "127.0.0.1:0", Build: b}, testLimits())
	ev := openEvents(t, s)
	ev.waitFor(t, evHello)
	writeFile(t, root, pressPath, "---\ntitle: Press\ndate: 2024-04-02\n---\n\nx\n")
	e := ev.waitFor(t, evError)
	if len(e.state.Errors) != 1 || !strings.Contains(e.state.Errors[0].Message, "boom") {
		t.Errorf("panic reported as %+v", e.state.Errors)
	}
	if r := get(t, s, http.MethodGet, "/en/news/press/"); r.status != 200 {
		t.Errorf("server stopped serving after a builder panic: %d", r.status)
	}
	writeFile(t, root, pressPath, "---\ntitle: Press again\ndate: 2024-04-02\n---\n\nx\n")
	ev.waitFor(t, evReload)
}

// TestStreamOutlivesTimeouts holds a stream open longer than the server's
// read and write timeouts, which must not cut it.
func TestStreamOutlivesTimeouts(t *testing.T) {
	root := writeSite(t, smallSite())
	lim := testLimits()
	lim.read, lim.write, lim.readHeader = 300*time.Millisecond, 300*time.Millisecond, 300*time.Millisecond
	lim.ping = 100 * time.Millisecond
	s := start(t, root, lim)
	ev := openEvents(t, s)
	ev.waitFor(t, evHello)
	// Time must pass for the timeouts to matter: this sleep is the test.
	time.Sleep(4 * lim.write)
	writeFile(t, root, pressPath, "---\ntitle: Later\ndate: 2024-04-02\n---\n\nx\n")
	ev.waitFor(t, evReload)
	// Ordinary requests still work under the short timeouts.
	if r := get(t, s, http.MethodGet, "/en/"); r.status != 200 {
		t.Errorf("GET /en/: %d", r.status)
	}
}

func TestStreamLimit(t *testing.T) {
	root := writeSite(t, smallSite())
	lim := testLimits()
	lim.maxStreams = 2
	s := start(t, root, lim)
	a := openEvents(t, s)
	a.waitFor(t, evHello)
	b := openEvents(t, s)
	b.waitFor(t, evHello)
	if r := get(t, s, http.MethodGet, eventsPath); r.status != http.StatusServiceUnavailable {
		t.Errorf("third stream: status %d, want 503", r.status)
	}
	// A closed stream frees its place.
	a.close()
	deadline := time.Now().Add(wait)
	for s.hub.count() > 1 {
		if time.Now().After(deadline) {
			t.Fatal("the closed stream was never released")
		}
		time.Sleep(10 * time.Millisecond)
	}
	c := openEvents(t, s)
	c.waitFor(t, evHello)
}

func TestSlowStreamIsDropped(t *testing.T) {
	h := newHub(4)
	slow, _ := h.subscribe()
	fast, _ := h.subscribe()
	sn := &snapshot{}
	sn.seal("x")
	for i := 0; i < clientBuffer+1; i++ {
		h.publish(evReload, sn)
		<-fast // the fast one keeps up
	}
	n := 0
	for range slow { // closed after its buffer overflowed
		n++
	}
	if n != clientBuffer {
		t.Errorf("slow stream got %d events before being dropped, want %d", n, clientBuffer)
	}
	if h.count() != 1 {
		t.Errorf("%d streams left, want 1", h.count())
	}
	h.close()
	if _, ok := <-fast; ok {
		t.Error("close left a stream open")
	}
	if _, ok := h.subscribe(); ok {
		t.Error("a closed hub accepted a stream")
	}
}

func TestCloseEndsEverything(t *testing.T) {
	root := writeSite(t, smallSite())
	s, err := newServer(withTheme(Config{Root: root, Addr: "127.0.0.1:0"}), testLimits())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.Start(ctx)
	ev := openEvents(t, s)
	ev.waitFor(t, evHello)

	cancel() // as Ctrl-C does in the command
	stopped := make(chan error, 1)
	go func() { stopped <- s.Wait() }()
	select {
	case err := <-stopped:
		if err != nil {
			t.Errorf("Wait: %v", err)
		}
	case <-time.After(wait):
		t.Fatal("the server did not stop")
	}
	// The stream ended rather than being cut by the grace period.
	select {
	case <-ev.done:
	case <-time.After(wait):
		t.Fatal("the event stream is still open")
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if c, err := net.DialTimeout("tcp", s.Addr(), time.Second); err == nil {
		c.Close()
		t.Error("the server still accepts connections")
	}
}

func TestCloseWithoutStart(t *testing.T) {
	root := writeSite(t, smallSite())
	s, err := newServer(withTheme(Config{Root: root, Addr: "127.0.0.1:0"}), testLimits())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s.Start(context.Background()) // after Close: does nothing
	if err := s.Wait(); err != nil {
		t.Fatal(err)
	}
	if c, err := net.DialTimeout("tcp", s.Addr(), time.Second); err == nil {
		c.Close()
		t.Error("the listener is still open")
	}
}

func TestPublicAddr(t *testing.T) {
	tcp := func(s string) net.Addr {
		a, err := net.ResolveTCPAddr("tcp", s)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	tests := []struct{ host, real, want string }{
		{"127.0.0.1", "127.0.0.1:40000", "http://127.0.0.1:40000/"},
		{"localhost", "127.0.0.1:1313", "http://localhost:1313/"},
		{"", "[::]:1313", "http://localhost:1313/"},
		{"0.0.0.0", "0.0.0.0:8080", "http://localhost:8080/"},
		{"::1", "[::1]:5000", "http://[::1]:5000/"},
	}
	for _, tc := range tests {
		if _, got := publicAddr(tc.host, tcp(tc.real)); got != tc.want {
			t.Errorf("publicAddr(%q, %s) = %s, want %s", tc.host, tc.real, got, tc.want)
		}
	}
}

func TestNewRejects(t *testing.T) {
	root := writeSite(t, smallSite())
	for _, cfg := range []Config{
		{Root: root + "/nope", Addr: "127.0.0.1:0"},
		{Root: root + "/site.yaml", Addr: "127.0.0.1:0"},
		{Root: root, Addr: "no-port"},
		{Root: root, Addr: "256.0.0.1:0"},
	} {
		if s, err := New(cfg); err == nil {
			s.Close()
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
}
