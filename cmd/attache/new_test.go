package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const cliTestConfig = `defaultLanguage: vi
timeZone: Asia/Ho_Chi_Minh
languages:
  vi: {name: Tiếng Việt, weight: 1}
  en: {name: English, weight: 2}
  fr: {name: Français, weight: 3}
`

// writeSite writes a small site into a temporary folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	files["site.yaml"] = cliTestConfig
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

const cliArticle = "---\ntitle: Hội nghị\ndate: 2024-03-05\ntags: [a, b]\n---\n\nNội dung.\n"

func TestNewCommands(t *testing.T) {
	root := writeSite(t, map[string]string{
		"content/vi/news/hoi-nghi/index.md": cliArticle,
		"content/vi/news/hoi-nghi/anh.jpg":  "jpg",
	})
	tests := []struct {
		name   string
		args   []string
		code   int
		out    string // in stdout
		errOut string // in stderr
	}{
		{"article", []string{"new", "article", "news/press-briefing", "--source", root}, exitOK, "wrote content/vi/news/press-briefing.md", ""},
		{"article flags first", []string{"new", "article", "--lang", "en", "--source", root, "news/press-briefing"}, exitOK, "wrote content/en/news/press-briefing.md", ""},
		{"article exists", []string{"new", "article", "news/press-briefing", "--source", root}, exitContent, "", "already exists"},
		{"article unclean slug", []string{"new", "article", "news/Tin Mới", "--source", root}, exitOK, "wrote content/vi/news/tin-moi.md", `made clean: "tin-moi"`},
		{"article bad language", []string{"new", "article", "news/x", "--lang", "de", "--source", root}, exitUsage, "", "not in site.yaml"},
		{"article no ref", []string{"new", "article", "--source", root}, exitUsage, "", "SECTION/SLUG"},
		{"translation, flags after the file", []string{"new", "translation", "content/vi/news/hoi-nghi/index.md", "--to", "en", "--source", root}, exitOK, "copied content/en/news/hoi-nghi/anh.jpg", ""},
		{"translation exists", []string{"new", "translation", "content/vi/news/hoi-nghi/index.md", "--source", root, "--to", "en"}, exitContent, "", "nothing overwritten"},
		{"translation into its own language", []string{"new", "translation", "content/vi/news/hoi-nghi/index.md", "--to", "vi", "--source", root}, exitUsage, "", "already in vi"},
		{"translation, no --to", []string{"new", "translation", "content/vi/news/hoi-nghi/index.md", "--source", root}, exitUsage, "", "--to"},
		{"translation outside the site", []string{"new", "translation", "/etc/passwd", "--to", "en", "--source", root}, exitUsage, "", "not inside the site"},
		{"unknown kind", []string{"new", "page", "x"}, exitUsage, "", "unknown kind"},
		{"bad flag", []string{"new", "article", "news/x", "--nope"}, exitUsage, "", "not defined"},
		{"no site", []string{"new", "article", "news/x", "--source", t.TempDir()}, exitContent, "", "site.yaml"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errOut, tt.errOut) {
			t.Errorf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", tt.name, code, tt.code, out, errOut)
		}
	}
	// The file argument may also be given from the current folder.
	t.Chdir(root)
	if code, _, errOut := runCLI("new", "translation", "content/vi/news/hoi-nghi/index.md", "--to", "fr"); code != exitOK {
		t.Errorf("from the site's folder: exit %d: %s", code, errOut)
	}
}

func TestParseInterleaved(t *testing.T) {
	for _, tt := range []struct {
		args []string
		pos  string
		to   string
	}{
		{[]string{"a", "--to", "en", "b"}, "a b", "en"},
		{[]string{"--to=fr", "a"}, "a", "fr"},
		{[]string{"a", "--", "--to", "x"}, "a --to x", ""},
	} {
		fl := newFlagSetForTest()
		to := fl.String("to", "", "")
		pos, code := parseInterleaved(fl, tt.args)
		if code != -1 || strings.Join(pos, " ") != tt.pos || *to != tt.to {
			t.Errorf("%v: pos %v to %q code %d; want %q, %q", tt.args, pos, *to, code, tt.pos, tt.to)
		}
	}
}
