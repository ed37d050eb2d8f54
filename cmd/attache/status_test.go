package main

import (
	"encoding/json"
	"flag"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

func newFlagSetForTest() *flag.FlagSet {
	fl := flag.NewFlagSet("test", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	return fl
}

func TestStatusCommand(t *testing.T) {
	root := writeSite(t, map[string]string{
		"content/vi/news/a.md":         cliArticle,
		"content/vi/news/b.md":         cliArticle,
		"content/vi/training/c.md":     cliArticle,
		"content/vi/news/_index.md":    "---\ntitle: Tin tức\n---\n",
		"content/vi/news/Tin mới.md":   cliArticle,
		"content/en/training/c.md":     "---\ntitle: C\n---\nText.\n", // untracked
		"content/fr/training/c.md":     "---\ntitle: C\n---\nTexte.\n",
		"content/en/news/stray.md":     "---\ntitle: Stray\ntranslatedFrom: {lang: vi, hash: 000000000000}\n---\n",
		"layouts/_default/single.html": `{{ T "siteOnlyString" }}`,
		"i18n/vi.yaml":                 "siteOnlyString: Chỉ có ở đây\n",
	})
	// Translate a.md into en and fr with the command itself.
	for _, to := range []string{"en", "fr"} {
		if code, _, e := runCLI("new", "translation", "content/vi/news/a.md", "--to", to, "--source", root); code != exitOK {
			t.Fatalf("new translation: %d %s", code, e)
		}
	}
	code, out, errOut := runCLI("status", "--source", root, "--format", "json")
	if code != exitOK {
		t.Fatalf("status: exit %d: %s", code, errOut)
	}
	var doc struct {
		Languages []struct {
			Code   string
			Counts map[string]int
		}
		Articles []struct {
			Source       string
			Translations map[string]struct{ State string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(doc.Languages) != 2 || len(doc.Articles) != 5 {
		t.Fatalf("%d languages, %d articles; want 2 and 5 (sections are not articles)", len(doc.Languages), len(doc.Articles))
	}
	want := map[string]int{"up-to-date": 1, "outdated": 0, "missing": 2, "orphaned": 1, "untracked": 1}
	for s, n := range want {
		if doc.Languages[0].Counts[s] != n {
			t.Errorf("en %s = %d, want %d", s, doc.Languages[0].Counts[s], n)
		}
	}

	// --fail-on
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--fail-on", "outdated"}, exitOK, ""},
		{[]string{"--fail-on", "outdated,missing"}, exitContent, "missing (--fail-on"},
		{[]string{"--fail-on", "orphaned", "--lang", "fr"}, exitOK, ""},
		{[]string{"--fail-on", "missing", "--section", "training"}, exitOK, ""},
		{[]string{"--fail-on", "missing", "--section", "news"}, exitContent, ""},
		{[]string{"--fail-on", "stale"}, exitUsage, "unknown state"},
		{[]string{"--format", "xml"}, exitUsage, "want text, json or html"},
		{[]string{"--lang", "vi"}, exitUsage, "default language"},
		{[]string{"--lang", "de"}, exitUsage, "not in site.yaml"},
		{[]string{"--section", "../x"}, exitUsage, "section"},
		{[]string{"extra"}, exitUsage, "unexpected argument"},
		{[]string{"--nope"}, exitUsage, ""},
	} {
		code, _, errOut := runCLI(append([]string{"status", "--source", root}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("status %v: exit %d, want %d; stderr: %s", tt.args, code, tt.code, errOut)
		}
	}
	// Editing the source makes the fresh translations outdated.
	src := filepath.Join(root, "content", "vi", "news", "a.md")
	if err := os.WriteFile(src, []byte(cliArticle+"\nMột đoạn mới.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI("status", "--source", root, "--fail-on", "outdated"); code != exitContent || !strings.Contains(errOut, "2 outdated") {
		t.Errorf("after editing the source: exit %d, stderr %s; want 1 and 2 outdated", code, errOut)
	}

	// Text output names the UI string the site's layout uses and en lacks.
	_, out, _ = runCLI("status", "--source", root)
	if !strings.Contains(out, "en: missing 1: siteOnlyString;") {
		t.Errorf("text output without UI strings:\n%s", out)
	}

	// A content error leaves the file out and exits 1.
	os.WriteFile(filepath.Join(root, "content", "vi", "news", "bad.md"), []byte("---\ntitle: [x\n---\n"), 0o644)
	if code, _, errOut := runCLI("status", "--source", root); code != exitContent || !strings.Contains(errOut, "bad.md") {
		t.Errorf("with a broken file: exit %d, stderr %s", code, errOut)
	}
}

func TestStatusHTMLLinks(t *testing.T) {
	root := writeSite(t, map[string]string{
		"content/vi/news/Tin mới #1.md": cliArticle,
		"content/en/news/Tin mới #1.md": "---\ntitle: New\n---\nText.\n",
	})
	out := filepath.Join(t.TempDir(), "reports", "status.html")
	code, _, errOut := runCLI("status", "--source", root, "--format", "html", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	hrefs := 0
	for _, part := range strings.Split(string(b), `href="`)[1:] {
		href := part[:strings.IndexByte(part, '"')]
		u, err := url.Parse(href)
		if err != nil || u.IsAbs() {
			t.Errorf("link %q is not relative", href)
			continue
		}
		target := filepath.Join(filepath.Dir(out), filepath.FromSlash(path.Clean(u.Path)))
		if _, err := os.Stat(target); err != nil {
			t.Errorf("link %q does not reach a file from the report: %v", href, err)
		}
		hrefs++
	}
	if hrefs == 0 {
		t.Error("no links in the report")
	}
}
