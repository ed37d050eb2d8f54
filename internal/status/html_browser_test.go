package status

import (
	"bytes"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/attache-ssg/attache/internal/browsertest"
)

// TestHTMLReportInChromium renders the report in headless Chromium: the
// matrix has one row per article, states are coloured, and the progress
// bars fill their track.
func TestHTMLReportInChromium(t *testing.T) {
	r := sampleReport(t)
	var b bytes.Buffer
	if err := r.WriteHTML(&b, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(b.Bytes())
	}))
	defer srv.Close()

	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL), chromedp.WaitVisible("#matrix")); err != nil {
		t.Fatal(err)
	}
	eval := func(js string) float64 {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	if n := eval(`document.querySelectorAll("#matrix tbody tr").length`); int(n) != len(r.Articles) {
		t.Errorf("%v rows, want %d", n, len(r.Articles))
	}
	if n := eval(`document.querySelectorAll("#matrix tbody th[scope=row]").length`); int(n) != len(r.Articles) {
		t.Errorf("%v row headers, want %d", n, len(r.Articles))
	}
	// Each row has a cell per language, besides the source column.
	if n := eval(`Math.min(...[...document.querySelectorAll("#matrix tbody tr")].map(tr => tr.cells.length))`); int(n) != 2+len(r.Languages) {
		t.Errorf("a row has %v cells, want %d", n, 2+len(r.Languages))
	}
	// An outdated cell is painted, not transparent.
	if n := eval(`(() => { const c = document.querySelector("#matrix td.s-outdated"); const bg = getComputedStyle(c).backgroundColor; return bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent" ? 1 : 0 })()`); n != 1 {
		t.Error("outdated cells have no background colour")
	}
	if n := eval(`document.querySelector("#matrix caption").getBoundingClientRect().height`); n <= 0 {
		t.Error("the matrix caption is not rendered")
	}
	// The segments of the first language's bar fill its track.
	fill := eval(`(() => { const bar = document.querySelector(".bar"); let w = 0; for (const s of bar.children) w += s.getBoundingClientRect().width; return w / bar.clientWidth })()`)
	if math.Abs(fill-1) > 0.02 {
		t.Errorf("the first progress bar is %.2f full, want 1", fill)
	}
	if n := eval(`document.documentElement.lang === "en" ? 1 : 0`); n != 1 {
		t.Error("no lang attribute on <html>")
	}
}
