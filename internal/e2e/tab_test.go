package e2e

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tabTimeout bounds everything one subtest does in its tab: generous for
// a loaded two-core machine, short enough that a hang fails the test.
const tabTimeout = 45 * time.Second

// tab is one browser tab in a browser context of its own (its own
// localStorage and cache), on the served sample.
type tab struct {
	t    *testing.T
	ctx  context.Context // bounded by tabTimeout
	root context.Context // unbounded: to describe a failure after a time-out
	base string          // the server's root URL, without a final slash
}

// newTab opens a tab in the shared browser for the subtest t.
func newTab(t *testing.T, browser context.Context, base string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab, with no timeout
		t.Fatalf("opening a tab: %v", err)
	}
	tctx, tcancel := context.WithTimeout(ctx, tabTimeout)
	t.Cleanup(tcancel)
	return &tab{t: t, ctx: tctx, root: ctx, base: base}
}

// noScript turns JavaScript off in the tab, as a reader who blocks it.
func (b *tab) noScript() {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		b.t.Fatalf("disabling JavaScript: %v", err)
	}
}

// media emulates a CSS media type, "print" or "" for the screen.
func (b *tab) media(m string) {
	b.t.Helper()
	if _, err := chromedp.Call(b.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m}); err != nil {
		b.t.Fatalf("emulating media %q: %v", m, err)
	}
}

// open loads the site path p and returns the HTTP status of the document.
func (b *tab) open(p string) int64 {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.base+p))
	if err != nil {
		b.t.Fatalf("opening %s: %v", p, err)
	}
	return resp.Status
}

// follow clicks the element sel finds and waits for the page it leads to.
func (b *tab) follow(sel string) {
	b.t.Helper()
	if _, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		b.t.Fatalf("following %s from %s: %v", sel, b.path(), err)
	}
}

// submit types text into the field sel finds and presses Enter.
func (b *tab) submit(sel, text string) {
	b.t.Helper()
	// Enter, as a reader submits: no script involved.
	if _, err := chromedp.RunResponse(b.ctx, chromedp.SendKeys(chromedp.CSS(sel), text+kb.Enter)); err != nil {
		b.t.Fatalf("typing into %s and pressing Enter on %s: %v", sel, b.path(), err)
	}
}

// waitFor waits until sel finds a visible element.
func (b *tab) waitFor(sel string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
		b.t.Fatalf("waiting for %s on %s: %v", sel, b.path(), err)
	}
}

// path is the current page's path and query, or a note saying why not:
// it only describes where a failure happened.
func (b *tab) path() string {
	ctx, cancel := context.WithTimeout(b.root, 5*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "(location unknown: " + err.Error() + ")"
	}
	if u, err := url.Parse(loc); err == nil {
		return u.RequestURI()
	}
	return loc
}

// eval evaluates a JavaScript expression in the page (DevTools evaluates
// even with the page's own scripts disabled) and decodes its value.
func eval[T any](b *tab, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluating %.80s on %s: %v", js, b.path(), err)
	}
	return v
}

// click clicks the element sel finds, on the same page.
func (b *tab) click(sel string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		b.t.Fatalf("clicking %s on %s: %v", sel, b.path(), err)
	}
}

// key sends a key press (kb constants or text) to the focused element.
func (b *tab) key(k string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.KeyEvent(k)); err != nil {
		b.t.Fatalf("pressing %q: %v", k, err)
	}
}

// rect is an element's box in CSS pixels.
type rect struct{ Left, Right, Top, Bottom, Width float64 }

// box returns the bounding box of the element sel finds.
func (b *tab) box(sel string) rect {
	b.t.Helper()
	return eval[rect](b, `(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect();
		return {Left: r.left, Right: r.right, Top: r.top, Bottom: r.bottom, Width: r.width}; })()`)
}

// style returns a computed style property of the element sel finds, or of
// its pseudo-element ("::after") when pseudo is set.
func (b *tab) style(sel, pseudo, prop string) string {
	b.t.Helper()
	return eval[string](b, `getComputedStyle(document.querySelector(`+jsString(sel)+`), `+jsString(pseudo)+`).getPropertyValue(`+jsString(prop)+`)`)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
