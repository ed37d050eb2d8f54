package browsertest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestNewRunsAPage proves the launch flags give a working browser: it loads
// a page from a loopback server and reads what its script wrote.
func TestNewRunsAPage(t *testing.T) {
	ctx := New(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!DOCTYPE html><title>t</title><p id="p"></p><script>document.getElementById("p").textContent = "xin chào " + (1 + 1)</script>`))
	}))
	defer srv.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("p").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if got != "xin chào 2" {
		t.Fatalf("script wrote %q, want %q", got, "xin chào 2")
	}
}
