package serve

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/attache-ssg/attache/internal/browsertest"
)

// liveWithin is how soon a saved edit must show in an open tab.
const liveWithin = 2 * time.Second

// TestBrowserLiveReload drives a real browser: an open article follows
// edits of its source by itself, shows a broken save as an accessible
// overlay naming the file, keeps it across a page load while the error
// lasts, drops it once the file is fixed, finds a restarted server, and
// shares one event stream among its tabs.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.New(t)
	root := writeSite(t, smallSite())
	s := start(t, root, testLimits())
	pageURL := s.URL() + "en/news/press/"

	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.body.innerText.includes("A guide for foreign correspondents")`, wait)

	// 1. An edit shows up without a hand on the reload button.
	start := time.Now()
	writeFile(t, root, pressPath, "---\ntitle: Working with the press\ndate: 2024-04-02\n---\n\nThe accreditation desk has moved.\n")
	waitJS(t, ctx, `document.body.innerText.includes("The accreditation desk has moved.")`, wait)
	took := time.Since(start)
	t.Logf("the edit showed %v after the save", took.Round(time.Millisecond))
	if took > liveWithin {
		t.Errorf("the edit took %v to show, want at most %v", took, liveWithin)
	}

	// 2. A broken save: the overlay names the file, over the last good page.
	writeFile(t, root, pressPath, "---\ntitle: Working with the press\ndate: [2024-04-02\n---\n\nNever shown.\n")
	waitJS(t, ctx, overlayNames(pressPath), wait)
	checkOverlay(t, ctx)
	if !evalBool(t, ctx, `document.body.innerText.includes("The accreditation desk has moved.")`) {
		t.Error("the last good page is not under the overlay")
	}
	// A page load while the error lasts shows it at once.
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL()+"en/")); err != nil {
		t.Fatal(err)
	}
	if !evalBool(t, ctx, overlayNames(pressPath)) {
		t.Error("a page loaded during the error has no overlay")
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
		t.Fatal(err)
	}

	// 3. The fix clears the overlay and brings the new text.
	writeFile(t, root, pressPath, "---\ntitle: Working with the press\ndate: 2024-04-02\n---\n\nFixed and published.\n")
	waitJS(t, ctx, `!document.getElementById("__attache-overlay") && document.body.innerText.includes("Fixed and published.")`, wait)

	// 4. Messages are text, never markup, and the overlay stays
	// left-to-right in a right-to-left page.
	writeFile(t, root, pressPath, "---\ntitle: Working with the press\ndate: 2024-04-02\n---\n\nSee [this](gone<b>bold</b>.md).\n")
	waitJS(t, ctx, overlayNames(pressPath), wait)
	if !evalBool(t, ctx, `(() => {
		const o = document.getElementById("__attache-overlay");
		document.documentElement.dir = "rtl";
		return o.textContent.includes("gone<b>bold</b>.md") && !o.querySelector("b") &&
			getComputedStyle(o).direction === "ltr";
	})()`) {
		t.Error("the overlay turned a message into markup, or is not left-to-right in an RTL page")
	}
	// The close button closes it.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[chromedp.Void](`document.activeElement.click()`)(ctx, tg)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	if evalBool(t, ctx, `!!document.getElementById("__attache-overlay")`) {
		t.Error("the focused close button did not close the overlay")
	}

	// 5. The tab finds a restarted server on the same address by itself,
	// and reloads for what changed while it was down.
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, root, pressPath, "---\ntitle: Working with the press\ndate: 2024-04-02\n---\n\nAfter the restart.\n")
	s2 := startCfg(t, Config{Root: root, Addr: s.Addr()}, testLimits())
	if s2.URL() != s.URL() {
		t.Fatalf("restarted at %s, not %s", s2.URL(), s.URL())
	}
	waitJS(t, ctx, `document.body.innerText.includes("After the restart.")`, wait)

	// 6. More tabs share the one event stream (browsers allow six
	// connections per host), and all of them reload.
	tab2, cancel2 := chromedp.NewContext(ctx)
	defer cancel2()
	tab3, cancel3 := chromedp.NewContext(ctx)
	defer cancel3()
	for _, tab := range []context.Context{tab2, tab3} {
		if err := chromedp.Do(tab, chromedp.Navigate(s2.URL()+"en/news/")); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, root, pressPath, "---\ntitle: The press desk has moved\ndate: 2024-04-02\n---\n\nx\n")
	for _, tab := range []context.Context{ctx, tab2, tab3} {
		waitJS(t, tab, `document.body.innerText.includes("The press desk has moved") && window.__attacheLive()`, wait)
	}
	if n := s2.hub.count(); n != 1 {
		t.Errorf("three tabs hold %d event streams, want 1 (shared worker)", n)
	}
}

// overlayNames is a script: the overlay is up and names file.
func overlayNames(file string) string {
	return `(() => { const o = document.getElementById("__attache-overlay"); return !!o && o.textContent.includes(` + jsString(file) + `); })()`
}

// checkOverlay checks what makes the overlay usable with assistive
// technology and the keyboard.
func checkOverlay(t *testing.T, ctx context.Context) {
	t.Helper()
	checks := map[string]string{
		"role=alert":              `document.getElementById("__attache-overlay").getAttribute("role") === "alert"`,
		"dir=ltr":                 `document.getElementById("__attache-overlay").getAttribute("dir") === "ltr"`,
		"a heading labels it":     `(() => { const o = document.getElementById("__attache-overlay"); const h = o.querySelector("h2"); return !!h && o.getAttribute("aria-labelledby") === h.id && h.textContent.length > 0; })()`,
		"close button focused":    `(() => { const a = document.activeElement; return a.tagName === "BUTTON" && document.getElementById("__attache-overlay").contains(a); })()`,
		"file and line are shown": `document.getElementById("__attache-overlay").textContent.includes(` + jsString(pressPath+":3") + `)`,
	}
	for name, js := range checks {
		if !evalBool(t, ctx, js) {
			t.Errorf("overlay: %s: not so", name)
		}
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// evalBool evaluates a boolean expression in the page.
func evalBool(t *testing.T, ctx context.Context, js string) bool {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// waitJS evaluates js until it is true. The page may be reloading in
// between, which makes an evaluation fail: that is retried too.
func waitJS(t *testing.T, ctx context.Context, js string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	var lastErr error
	for time.Now().Before(deadline) {
		actx, cancel := context.WithTimeout(ctx, time.Until(deadline))
		v, err := chromedp.Run(actx, chromedp.Evaluate[bool](js))
		cancel()
		if err == nil && v {
			return
		}
		lastErr = err
		time.Sleep(20 * time.Millisecond) // the polling interval
	}
	t.Fatalf("not true within %v (last error: %v): %s", within, lastErr, js)
}
