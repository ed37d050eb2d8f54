package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// userErrorSite is a valid two-language site; each case of
// TestUserErrorsNameFileAndLine breaks it in one way.
func userErrorSite() map[string]string {
	return map[string]string{
		"site.yaml":                 "baseURL: https://example.org/\ndefaultLanguage: vi\nlanguages:\n  vi: {name: Tiếng Việt, weight: 1}\n  en: {name: English, weight: 2}\n",
		"content/vi/_index.md":      "---\ntitle: Trang chủ\n---\n",
		"content/en/_index.md":      "---\ntitle: Home\n---\n",
		"content/vi/news/_index.md": "---\ntitle: Tin tức\n---\n",
		"content/vi/news/a.md":      "---\ntitle: Hội nghị\ndate: 2024-03-05\n---\n\nNội dung.\n",
		"content/en/news/a.md":      "---\ntitle: Conference\ndate: 2024-03-05\n---\n\nText.\n",
	}
}

// TestUserErrorsNameFileAndLine makes every mistake an author, a
// translator or a theme designer can make, builds with the command, and
// checks that it exits 1 with a message at `path:line` (relative to the
// site) and prints no Go panic or stack trace.
func TestUserErrorsNameFileAndLine(t *testing.T) {
	const fm = "content/vi/news/a.md"
	tests := []struct {
		name  string
		files map[string]string // added to or replacing the valid site's
		// want is a prefix of one line of stderr: path:line[:col]: …; a
		// few errors still lack the line (see the lead's notes), and there
		// it is the file, or "" for any line.
		want  string
		words []string // also on that line
	}{
		{"site.yaml syntax", map[string]string{"site.yaml": "languages:\n  vi: {name: [\n"}, "site.yaml:2", []string{"invalid YAML"}},
		{"site.yaml bad value", map[string]string{"site.yaml": "baseURL: example.org\nlanguages: {vi: {}}\n"}, "site.yaml:1:10", []string{"baseURL"}},
		{"site.yaml without languages", map[string]string{"site.yaml": "baseURL: https://example.org/\n"}, "site.yaml:1", []string{"languages"}},
		{"site.yaml bad language code", map[string]string{"site.yaml": "languages:\n  vi: {}\n  \"not a code\": {}\n"}, "site.yaml:3:3", []string{"BCP 47"}},
		{"site.yaml bad default language", map[string]string{"site.yaml": "languages: {vi: {}}\ndefaultLanguage: de\n"}, "site.yaml:2", []string{"defaultLanguage"}},
		{"front matter invalid YAML", map[string]string{fm: "---\ntitle: A\nsummary: Hà Nội: thủ đô\n---\nx\n"}, fm + ":3", []string{"invalid YAML"}},
		{"front matter not closed", map[string]string{fm: "---\ntitle: A\n\nBody\n"}, fm + ":1", []string{"not closed"}},
		{"front matter bad date", map[string]string{fm: "---\ntitle: A\ndate: 5 March\n---\nx\n"}, fm + ":3", []string{"date"}},
		{"front matter wrong type", map[string]string{fm: "---\ntitle: A\ndate: 2024-03-05\ntags: {a: b}\n---\nx\n"}, fm + ":4", []string{"tags"}},
		{"front matter duplicate key", map[string]string{fm: "---\ntitle: A\ndate: 2024-03-05\ntitle: B\n---\nx\n"}, fm + ":4", []string{"duplicate"}},
		{"front matter TOML", map[string]string{fm: "+++\ntitle = \"A\"\n+++\nx\n"}, fm + ":1", []string{"TOML"}},
		{"front matter NUL", map[string]string{fm: "---\ntitle: A\x00B\ndate: 2024-03-05\n---\nx\n"}, fm + ":2", []string{"U+0000"}},
		{"front matter invalid UTF-8", map[string]string{fm: "---\ntitle: A\xff\ndate: 2024-03-05\n---\nx\n"}, fm + ":2", []string{"UTF-8"}},
		{"front matter tab indent", map[string]string{fm: "---\ntitle: A\n\tdate: 2024-03-05\n---\nx\n"}, fm + ":3", []string{"tab"}},
		{"front matter anchors", map[string]string{fm: "---\ntitle: &t A\nsummary: *t\ndate: 2024-03-05\n---\nx\n"}, fm + ":2", []string{"anchors"}},
		{"front matter list", map[string]string{fm: "---\n- a\n---\nx\n"}, fm + ":2", []string{"key: value"}},
		{"missing title", map[string]string{fm: "---\ndate: 2024-03-05\n---\nx\n"}, fm + ":1", []string{"title"}},
		{"missing date", map[string]string{fm: "---\ntitle: A\n---\nx\n"}, fm + ":", []string{"date"}},
		{"bad slug", map[string]string{fm: "---\ntitle: A\ndate: 2024-03-05\nslug: ../Hội nghị\n---\nx\n"}, fm + ":4:7", []string{"slug", "hoi-nghi"}},
		{"bad image URL", map[string]string{fm: "---\ntitle: A\ndate: 2024-03-05\nimage: javascript:alert(1)\n---\nx\n"}, fm + ":4", []string{"image"}},
		{"dangling link", map[string]string{fm: "---\ntitle: A\ndate: 2024-03-05\n---\n\nXem [bài khác](khong-co.md).\n"}, fm + ":6:16", []string{"khong-co.md"}},
		{"dangling image", map[string]string{fm: "---\ntitle: A\ndate: 2024-03-05\n---\n\n![ảnh](anh.jpg)\n"}, fm + ":6:8", []string{"anh.jpg"}},
		{"alias collision", map[string]string{fm: "---\ntitle: A\ndate: 2024-03-05\naliases: [/vi/]\n---\nx\n"}, "", []string{"vi/index.html", fm}},
		{"alias outside the site", map[string]string{fm: "---\ntitle: A\ndate: 2024-03-05\naliases: [../../x]\n---\nx\n"}, fm + ":4", []string{"alias"}},
		{"duplicate URL", map[string]string{"content/vi/news/b.md": "---\ntitle: B\ndate: 2024-03-05\nslug: a\n---\nx\n"}, "content/vi/news/", []string{"claimed by both", "content/vi/news/a.md", "content/vi/news/b.md"}},
		{"template syntax error", map[string]string{"layouts/_default/single.html": "{{ define \"main\" }}\n<h1>{{ .Title }</h1>\n{{ end }}\n"}, "layouts/_default/single.html:2", nil},
		{"template exec error", map[string]string{"layouts/_default/single.html": "{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n{{ index .Nothing 3 }}\n{{ end }}\n"}, "layouts/_default/single.html:", []string{"3:9", "content/vi/news/a.md"}},
		{"template unknown function", map[string]string{"layouts/partials/footer.html": "<footer>\n{{ nosuchfunc }}\n</footer>\n"}, "layouts/partials/footer.html:2", []string{"nosuchfunc"}},
		{"bad i18n file", map[string]string{"i18n/vi.yaml": "home: Trang chủ\nreadMore: [\n"}, "i18n/vi.yaml:3", []string{"invalid YAML"}},
		{"bad i18n template", map[string]string{"i18n/vi.yaml": "home: Trang chủ\nreadMore: \"{{ .X \"\n"}, "i18n/vi.yaml:2", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := userErrorSite()
			for k, v := range tt.files {
				files[k] = v
			}
			root := writeUserErrorSite(t, files)
			checkUserError(t, root, tt.want, tt.words)
		})
	}
}

func writeUserErrorSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		writeFile(t, filepath.Join(root, filepath.FromSlash(name)), data)
	}
	return root
}

// checkUserError builds root with the command: it must exit 1, print a
// line starting with want and holding words, and no stack trace.
func checkUserError(t *testing.T, root, want string, words []string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := cli("build", "--source", root, "--out", out)
	if code != exitContent {
		t.Fatalf("exit %d, want %d\n%s%s", code, exitContent, stdout, stderr)
	}
	noStackTrace(t, stderr)
	for _, line := range strings.Split(stderr, "\n") {
		rest, ok := strings.CutPrefix(line, want)
		if ok && (want == "" || strings.HasSuffix(want, ":") || strings.HasSuffix(want, "/") || strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, " ")) {
			ok := true
			for _, w := range words {
				ok = ok && strings.Contains(line, w)
			}
			if ok {
				return
			}
		}
	}
	t.Errorf("no line starting with %q and holding %q:\n%s", want, words, stderr)
}

// TestUnreadableFileNamed: a content file the build cannot read is an
// error naming it (root reads everything, so the test needs another user).
func TestUnreadableFileNamed(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read a file without permissions")
	}
	root := writeUserErrorSite(t, userErrorSite())
	p := filepath.Join(root, "content", "vi", "news", "a.md")
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(p, 0o644) })
	checkUserError(t, root, "content/vi/news/a.md:", []string{"cannot read"})
}

// TestSpecialFileSkipped: a named pipe among the content (where a read
// would block forever) is skipped with a warning naming it, and the build
// goes on.
func TestSpecialFileSkipped(t *testing.T) {
	root := writeUserErrorSite(t, userErrorSite())
	p := filepath.Join(root, "content", "vi", "news", "pipe.md")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	code, stdout, stderr := cli("build", "--source", root, "--out", filepath.Join(t.TempDir(), "public"))
	if code != exitOK || !strings.Contains(stderr, "content/vi/news/pipe.md: warning: not a regular file") {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
}

// TestOutputInsideSourcesRefused: --out inside content/ (or the site
// itself) is wrong usage: exit 2 with a message naming the option.
func TestOutputInsideSourcesRefused(t *testing.T) {
	root := writeUserErrorSite(t, userErrorSite())
	for _, out := range []string{filepath.Join(root, "content"), filepath.Join(root, "content", "vi", "public"), root} {
		code, _, stderr := cli("build", "--source", root, "--out", out)
		if code != exitUsage || !strings.Contains(stderr, "--out") {
			t.Errorf("--out %s: exit %d, want %d\n%s", out, code, exitUsage, stderr)
		}
		noStackTrace(t, stderr)
	}
}
