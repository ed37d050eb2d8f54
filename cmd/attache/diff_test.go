package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/release"
)

func testDiff(t *testing.T, fx *releasedSite) {
	code, out, errOut := cli("diff", "2024.1", "2024.2", "--source", fx.root)
	if code != exitOK || out != "" || !strings.Contains(errOut, "2024.1 → 2024.2: 0 added, 0 changed, 0 removed") {
		t.Errorf("same sources: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	out = mustRun(t, "diff", "2024.2", "2024.3", "--source", fx.root)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for _, want := range []string{
		"A\ten/news/consular-hours-2025/index.html",
		"M\ten/news/school-youth-union-briefing/index.html",
		"D\ten/news/working-with-the-press-office/index.html",
		"M\ten/news/index.html",
	} {
		if !slices.Contains(lines, want) {
			t.Errorf("diff lacks %q", want)
		}
	}
	if !slices.IsSortedFunc(lines, func(a, b string) int { return strings.Compare(a[2:], b[2:]) }) {
		t.Error("diff is not sorted by path")
	}

	// JSON, checked with the key, agrees with the text.
	out = mustRun(t, "diff", "2024.2", "2024.3", "--source", fx.root, "--format", "json", "--pub", fx.pub)
	var c release.Changes
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if c.From != "2024.2" || c.To != "2024.3" || len(c.Added)+len(c.Changed)+len(c.Removed) != len(lines) {
		t.Errorf("json: %+v (text has %d lines)", c, len(lines))
	}

	// Two bundles, as a mirror receives them.
	dir := t.TempDir()
	a, b := filepath.Join(dir, "old.zip"), filepath.Join(dir, "new.tar.gz")
	mustRun(t, "bundle", "2024.2", "--lang", "en", "--out", a, "--key", fx.key, "--source", fx.root)
	mustRun(t, "bundle", "2024.3", "--lang", "en", "--out", b, "--key", fx.key, "--source", fx.root)
	out = mustRun(t, "diff", a, b, "--pub", fx.pub)
	if !strings.Contains(out, "A\ten/news/consular-hours-2025/index.html\n") || !strings.Contains(out, "D\ten/news/working-with-the-press-office/index.html\n") {
		t.Errorf("bundle diff:\n%s", out)
	}

	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"diff", "2024.1"}, exitUsage},
		{[]string{"diff", "2024.1", "2024.2", "--format", "yaml"}, exitUsage},
		{[]string{"diff", "2024.1", "2099.1", "--source", fx.root}, exitContent},
		{[]string{"diff", "2024.1", a, "--source", fx.root, "--pub", filepath.Join(dir, "none.pub")}, exitContent},
	} {
		if code, _, _ := cli(tt.args...); code != tt.code {
			t.Errorf("%q: exit %d, want %d", tt.args, code, tt.code)
		}
	}
}
