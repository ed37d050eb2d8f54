package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/attache-ssg/attache/internal/browsertest"
)

// switchEntry is one entry of the rendered version switcher.
type switchEntry struct {
	Tag, Text, Href, Current string
}

// testVersionSwitcherInBrowser loads current and archived pages of a site
// built with releases, served under a sub-path, in Chromium, and reads the
// version switcher the theme's script builds from versions.json.
func testVersionSwitcherInBrowser(t *testing.T, fx *releasedSite) {
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	mustRun(t, "build", "--source", fx.root, "--out", out)

	var mu sync.Mutex
	var missing []string
	files := http.StripPrefix("/site/", http.FileServer(http.Dir(out)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		files.ServeHTTP(rec, r)
		if rec.status == http.StatusNotFound {
			mu.Lock()
			missing = append(missing, r.URL.Path)
			mu.Unlock()
		}
	}))
	defer srv.Close()
	site := srv.URL + "/site/"
	const page = "en/news/school-youth-union-briefing/"

	tests := []struct {
		url  string
		want []switchEntry
	}{
		{site + page, []switchEntry{
			{"SPAN", "View the current version", "", "page"},
			{"A", "2024.3 · ", site + "v/2024.3/" + page, ""},
			{"A", "2024.2 · ", site + "v/2024.2/" + page, ""},
			{"A", "2024.1 · ", site + "v/2024.1/" + page, ""},
		}},
		{site + "v/2024.1/" + page, []switchEntry{
			{"A", "View the current version", site + page, ""},
			{"A", "2024.3 · ", site + "v/2024.3/" + page, ""},
			{"A", "2024.2 · ", site + "v/2024.2/" + page, ""},
			{"SPAN", "2024.1 · ", "", "page"},
		}},
		{site, nil}, // the language chooser: its own path, the versions' roots
	}
	for _, tt := range tests {
		tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := chromedp.Do(tctx, chromedp.Navigate(tt.url), chromedp.WaitVisible(chromedp.CSS(".version-switcher details")))
		var raw string
		if err == nil {
			raw, err = chromedp.Run(tctx, chromedp.Evaluate[string](`JSON.stringify(Array.from(document.querySelectorAll('.version-switcher li > *')).map(e => ({
				Tag: e.tagName, Text: e.textContent, Href: e.href || '', Current: e.getAttribute('aria-current') || ''})))`))
		}
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", tt.url, err)
		}
		var got []switchEntry
		if err := json.Unmarshal([]byte(raw), &got); err != nil {
			t.Fatal(err)
		}
		if tt.want == nil {
			if len(got) != 4 || got[1].Href != site+"v/2024.3/" {
				t.Errorf("%s: switcher %+v", tt.url, got)
			}
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: switcher %+v", tt.url, got)
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			// The date is the browser's rendering of the release's date.
			if g.Tag != w.Tag || !strings.HasPrefix(g.Text, w.Text) || g.Href != w.Href || g.Current != w.Current {
				t.Errorf("%s: entry %d = %+v, want %+v", tt.url, i, g, w)
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if slices.ContainsFunc(missing, func(p string) bool { return strings.HasSuffix(p, "versions.json") }) {
		t.Errorf("versions.json not found by the script: %q", missing)
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
