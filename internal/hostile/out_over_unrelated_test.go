package hostile

// `--out` naming an existing regular file, or a non-empty folder that is
// not a previous output, is refused (exit 2) instead of being replaced,
// which would delete the folder's files.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLIRefusesToReplaceUnrelatedFolder(t *testing.T) {
	parent := t.TempDir()
	writeTree(t, parent, map[string]string{
		"site/site.yaml":            siteYAML,
		"site/content/vi/_index.md": "---\ntitle: Trang chủ\n---\n",
		"site/content/en/_index.md": "---\ntitle: Home\n---\n",
		"documents/precious.txt":    "years of work",
		"notes.txt":                 "a file",
	})
	site := filepath.Join(parent, "site")
	for _, out := range []string{filepath.Join(parent, "documents"), filepath.Join(parent, "notes.txt")} {
		before := listing(t, parent)
		code, _, stderr := runCLI(t, "build", "--source", site, "--out", out)
		if code != 2 || !strings.Contains(stderr, "--out") {
			t.Errorf("--out %s: exit %d, want 2:\n%s", out, code, stderr)
		}
		if d := diffListings(before, listing(t, parent)); d != "" {
			t.Errorf("--out %s: files changed:\n%s", out, d)
		}
	}
	// A previous output is replaced as before.
	out := filepath.Join(parent, "public")
	for i := 0; i < 2; i++ {
		if code, _, stderr := runCLI(t, "build", "--source", site, "--out", out); code != 0 {
			t.Fatalf("build %d into a previous output: exit %d\n%s", i+1, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
}
