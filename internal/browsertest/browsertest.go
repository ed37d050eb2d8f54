// Package browsertest starts a headless Chromium for end-to-end tests,
// driven with chromedp.
//
// What it promises: New returns a browser context ready for chromedp.Run,
// with its own temporary profile, no network beyond what the page under
// test asks for (no background traffic, no QUIC), and a cleanup that stops
// the browser before the profile is removed. When no Chromium is installed
// the test is skipped, except under CI=true, where a missing browser fails
// the test: CI must not pass by skipping its browser tests.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Candidates are the places a Chromium is looked for, in order, after the
// ATTACHE_CHROMIUM environment variable.
var candidates = []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// ExecPath finds a Chromium, or returns "".
func ExecPath() string {
	if p := os.Getenv("ATTACHE_CHROMIUM"); p != "" {
		return p
	}
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// startTimeout bounds the browser's start: a loaded machine is slow, a
// broken install should still fail rather than hang.
const startTimeout = 60 * time.Second

// New starts a headless Chromium for the test and returns a context for
// chromedp.Run on its first tab. The browser is stopped when the test
// ends. It skips the test when no Chromium is found, unless CI=true.
func New(t testing.TB) context.Context {
	t.Helper()
	path := ExecPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("browsertest: no Chromium found (install Debian's chromium, or set ATTACHE_CHROMIUM); CI=true forbids skipping")
		}
		t.Skip("browsertest: no Chromium found (install Debian's chromium, or set ATTACHE_CHROMIUM)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.NoSandbox, // tests run as root in containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf))
	// Cleanups run last-in first-out: the browser stops before the
	// profile folder registered by t.TempDir above is removed.
	t.Cleanup(func() {
		stopCtx, cancelStop := context.WithTimeout(ctx, 15*time.Second)
		chromedp.Cancel(stopCtx)
		cancelStop()
		cancel()
		cancelAlloc()
	})
	// The first call starts the browser, which lives as long as that
	// call's context: bound the start with a watchdog, not a deadline.
	watchdog := time.AfterFunc(startTimeout, cancel)
	err := chromedp.Do(ctx)
	if !watchdog.Stop() {
		err = fmt.Errorf("no answer in %v (%v)", startTimeout, err)
	}
	if err != nil {
		t.Fatalf("browsertest: starting %s: %v", path, err)
	}
	return ctx
}
