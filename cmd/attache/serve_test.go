package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// serveWait bounds how long the serve tests wait for the server's doing.
const serveWait = 10 * time.Second

// lineWriter hands every complete line written to it to a channel, so that
// a test can wait for output instead of sleeping.
type lineWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	all   strings.Builder
	lines chan string
}

func newLineWriter() *lineWriter { return &lineWriter{lines: make(chan string, 1024)} }

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.all.Write(p)
	w.buf.Write(p)
	for {
		line, err := w.buf.ReadString('\n')
		if err != nil {
			w.buf.WriteString(line) // incomplete: keep for later
			return len(p), nil
		}
		select {
		case w.lines <- strings.TrimSuffix(line, "\n"):
		default: // nobody is listening that far behind
		}
	}
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.all.String()
}

// waitLine returns the first line containing want.
func (w *lineWriter) waitLine(t *testing.T, want string) string {
	t.Helper()
	deadline := time.After(serveWait)
	for {
		select {
		case line := <-w.lines:
			if strings.Contains(line, want) {
				return line
			}
		case <-deadline:
			t.Fatalf("no line with %q within %v; output so far:\n%s", want, serveWait, w.String())
		}
	}
}

func writeServeSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	files := map[string]string{
		"site.yaml":                 "baseURL: https://example.org/\ndefaultLanguage: vi\nlanguages: {vi: {name: Tiếng Việt}, en: {name: English}}\n",
		"content/vi/tin/hop-bao.md": "---\ntitle: Họp báo\ndate: 2024-01-05\n---\n\nNội dung.\n",
		"content/en/tin/hop-bao.md": "---\ntitle: Press conference\ndate: 2024-01-05\n---\n\nText.\n",
	}
	for name, data := range files {
		saveFile(t, root, name, data)
	}
	return root
}

// saveFile writes a file as editors save: a temporary file renamed onto it.
func saveFile(t *testing.T, root, name, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+".tmp~", []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p+".tmp~", p); err != nil {
		t.Fatal(err)
	}
}

func TestServeCommand(t *testing.T) {
	root := writeServeSite(t)
	stdout, stderr := newLineWriter(), newLineWriter()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	code := make(chan int, 1)
	go func() {
		code <- serveUntil(ctx, []string{"--source", root, "--addr", "127.0.0.1:0"}, stdout, stderr)
	}()

	built := stdout.waitLine(t, "attache: pages")
	if !strings.Contains(built, "(") || !strings.Contains(built, "files)") {
		t.Errorf("first build line %q", built)
	}
	line := stdout.waitLine(t, "Serving at ")
	url := strings.TrimPrefix(line, "Serving at ")
	if !strings.HasPrefix(url, "http://127.0.0.1:") || strings.HasSuffix(url, ":0/") || !strings.HasSuffix(url, "/") {
		t.Fatalf("Serving line %q: want the real loopback URL", line)
	}
	resp, err := http.Get(url + "en/tin/hop-bao/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`href="`+url+`en/tin/hop-bao/"`)) {
		t.Errorf("GET article: status %d; canonical not at %s", resp.StatusCode, url)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !os.IsNotExist(err) {
		t.Errorf("serve wrote public/ (stat: %v)", err)
	}

	saveFile(t, root, "content/en/tin/hop-bao.md", "---\ntitle: Press conference\ndate: 2024-01-05\n---\n\nNew text.\n")
	if l := stdout.waitLine(t, "rebuilt in "); !strings.HasSuffix(l, " files)") {
		t.Errorf("rebuild line %q", l)
	}
	saveFile(t, root, "content/en/tin/hop-bao.md", "---\ntitle: [Press\ndate: 2024-01-05\n---\n\nx\n")
	stderr.waitLine(t, "content/en/tin/hop-bao.md:")
	stderr.waitLine(t, "still serving the last good build")
	saveFile(t, root, "content/en/tin/hop-bao.md", "---\ntitle: Press conference\ndate: 2024-01-05\n---\n\nFixed.\n")
	stdout.waitLine(t, "rebuilt in ")

	cancel() // what SIGINT does
	select {
	case c := <-code:
		if c != exitOK {
			t.Errorf("exit %d after the stop, want 0; stderr:\n%s", c, stderr.String())
		}
	case <-time.After(serveWait):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(stdout.String(), "stopped") {
		t.Errorf("no stop message in:\n%s", stdout.String())
	}
}

func TestServeUsageErrors(t *testing.T) {
	root := writeServeSite(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := [][]string{
		{"--nope"},
		{"--source", root, "extra"},
		{"--source", filepath.Join(root, "missing")},
		{"--source", filepath.Join(root, "site.yaml")},
		{"--source", root, "--addr", "1313"},
		{"--source", root, "--poll", "-1s"},
		{"--source", root, "--addr", busy.Addr().String()},
	}
	for _, args := range tests {
		var out, errw bytes.Buffer
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // should it start after all, it stops at once
		if c := serveUntil(ctx, args, &out, &errw); c != exitUsage {
			t.Errorf("serve %v: exit %d, want %d; stderr:\n%s", args, c, exitUsage, errw.String())
		} else if errw.Len() == 0 {
			t.Errorf("serve %v: no message", args)
		}
	}
	var out, errw bytes.Buffer
	if c := run([]string{"serve", "--help"}, &out, &errw); c != exitOK || !strings.Contains(errw.String(), "-addr") {
		t.Errorf("serve --help: exit %d, output:\n%s", c, errw.String())
	}
}
