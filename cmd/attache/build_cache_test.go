package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/testcorpus"
)

const nothingChanged = "(nothing changed)"

// cacheSite is a small site whose build warns (an unknown key), so that
// a skipped build can be seen to print the same warnings.
func cacheSite(t *testing.T) string {
	files := userErrorSite()
	files["content/vi/news/b.md"] = "---\ntitle: Bài B\ndate: 2024-03-06\ntitel: typo\n---\n\nB.\n"
	return writeUserErrorSite(t, files)
}

// statTree stats every file under dir.
func statTree(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	infos := map[string]os.FileInfo{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		infos[p] = info
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return infos
}

// buildOnce runs `attache build` and says whether it was skipped.
func buildOnce(t *testing.T, root, out string, extra ...string) (skipped bool, stdout, stderr string) {
	t.Helper()
	code, stdout, stderr := cli(append([]string{"build", "--source", root, "--out", out}, extra...)...)
	if code != exitOK {
		t.Fatalf("build exited %d\n%s%s", code, stdout, stderr)
	}
	return strings.Contains(stdout, nothingChanged), stdout, stderr
}

// TestBuildSkipsWhenNothingChanged: a second build with nothing changed
// writes nothing, prints what the first printed, and leaves every file's
// inode and modification time; a touched output folder, an edited
// article, --no-cache, a corrupt cache and a failed build each make the
// next build a real one.
func TestBuildSkipsWhenNothingChanged(t *testing.T) {
	root := cacheSite(t)
	out := filepath.Join(t.TempDir(), "public")
	skipped, stdout1, stderr1 := buildOnce(t, root, out)
	if skipped {
		t.Fatal("the first build was skipped")
	}
	if !strings.Contains(stderr1, "content/vi/news/b.md:4:1: warning: unknown front matter key `titel`") {
		t.Fatalf("the site's warning is missing:\n%s", stderr1)
	}
	before := statTree(t, out)

	skipped, stdout2, stderr2 := buildOnce(t, root, out)
	if !skipped {
		t.Fatalf("nothing changed, yet the build ran:\n%s", stdout2)
	}
	if stderr2 != stderr1 {
		t.Errorf("a skipped build printed\n%s\nthe real one\n%s", stderr2, stderr1)
	}
	pages := func(s string) string { return s[:strings.Index(s, ";")] }
	n := strconv.Itoa(len(before))
	if pages(stdout2) != pages(stdout1) || !strings.Contains(stdout2, "; "+n+" files ("+n+" unchanged, 0.0 MB written) in "+out+" in ") {
		t.Errorf("summary %q, the real build's %q (%s files)", stdout2, stdout1, n)
	}
	after := statTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("%d files, then %d", len(before), len(after))
	}
	for p, b := range before {
		if a := after[p]; a == nil || !os.SameFile(a, b) || !a.ModTime().Equal(b.ModTime()) {
			t.Errorf("%s was rewritten", p)
		}
	}

	// Someone deletes a published file: the next build restores it.
	page := filepath.Join(out, "vi", "news", "a", "index.html")
	want := mustRead(t, page)
	if err := os.Remove(page); err != nil {
		t.Fatal(err)
	}
	if skipped, _, _ := buildOnce(t, root, out); skipped {
		t.Fatal("the output lost a file, yet the build was skipped")
	}
	if got := mustRead(t, page); string(got) != string(want) {
		t.Errorf("%s restored as\n%s", page, got)
	}
	if skipped, _, _ := buildOnce(t, root, out); !skipped {
		t.Error("the build after the restoring one ran")
	}

	// An edited article is published.
	writeFile(t, filepath.Join(root, "content", "en", "news", "a.md"), "---\ntitle: Conference\ndate: 2024-03-05\n---\n\nEdited text.\n")
	if skipped, _, _ := buildOnce(t, root, out); skipped {
		t.Fatal("an article changed, yet the build was skipped")
	}
	if got := mustRead(t, filepath.Join(out, "en", "news", "a", "index.html")); !strings.Contains(string(got), "Edited text.") {
		t.Errorf("the edit is not published:\n%s", got)
	}

	// --no-cache builds; the build after it may skip again.
	if skipped, _, _ := buildOnce(t, root, out, "--no-cache"); skipped {
		t.Error("--no-cache skipped the build")
	}
	if skipped, _, stderr := buildOnce(t, root, out, "--verbose"); !skipped || !strings.Contains(stderr, "  key ") {
		t.Errorf("the build after --no-cache ran, or --verbose does not time the key:\n%s", stderr)
	}

	// Other options are other builds.
	if skipped, _, _ := buildOnce(t, root, out, "--base-url", "https://other.example/"); skipped {
		t.Error("another base URL skipped the build")
	}

	// A corrupt cache means a real build, not an error.
	writeFile(t, filepath.Join(root, ".attache", "cache", "build.json"), "{\"format\":1,\"entries\":{\"x")
	if skipped, _, _ := buildOnce(t, root, out); skipped {
		t.Error("a corrupt cache skipped the build")
	}

	// A failed build forgets: with the sources as they were before it,
	// the next build is real.
	good := string(mustRead(t, filepath.Join(root, "content", "en", "news", "a.md")))
	writeFile(t, filepath.Join(root, "content", "en", "news", "a.md"), "---\ntitle: [broken\n---\n")
	if code, _, _ := cli("build", "--source", root, "--out", out); code != exitContent {
		t.Fatalf("broken article: exit %d", code)
	}
	writeFile(t, filepath.Join(root, "content", "en", "news", "a.md"), good)
	if skipped, _, _ := buildOnce(t, root, out); skipped {
		t.Error("the build after a failed one was skipped")
	}
}

// TestBuildPublishesArticleWhenDue: an article dated a moment ahead is
// not published, the build is skipped while it is not due, and the first
// build after its date publishes it.
func TestBuildPublishesArticleWhenDue(t *testing.T) {
	due := time.Now().Add(1500 * time.Millisecond).Truncate(time.Second).Add(time.Second)
	files := userErrorSite()
	files["content/vi/news/soon.md"] = "---\ntitle: Sắp đăng\ndate: " + due.UTC().Format(time.RFC3339) + "\n---\n\nSắp.\n"
	root := writeUserErrorSite(t, files)
	out := filepath.Join(t.TempDir(), "public")
	page := filepath.Join(out, "vi", "news", "soon", "index.html")
	buildOnce(t, root, out)
	if _, err := os.Stat(page); err == nil {
		t.Fatal("an article dated in the future was published")
	}
	if skipped, _, _ := buildOnce(t, root, out); !skipped && time.Now().Before(due) {
		t.Error("nothing changed before the article is due, yet the build ran")
	}
	time.Sleep(time.Until(due))
	if skipped, _, _ := buildOnce(t, root, out); skipped {
		t.Fatal("the article is due, yet the build was skipped")
	}
	if _, err := os.Stat(page); err != nil {
		t.Errorf("the due article is not published: %v", err)
	}
}

// BenchmarkNoChangeRebuild times `attache build` when nothing changed
// since the last build, through the command (key, check, printing) on
// the generated corpus: ATTACHE_BENCH_ARTICLES articles (1,000 by
// default) in five languages. cold-ms is the first, real build.
//
//	go test ./cmd/attache -run '^$' -bench NoChangeRebuild -benchtime=5x
func BenchmarkNoChangeRebuild(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a corpus of thousands of files")
	}
	n, err := testcorpus.ArticlesFromEnv(1000)
	if err != nil {
		b.Fatal(err)
	}
	root := b.TempDir()
	if err := testcorpus.Write(root, n, testcorpus.Langs()); err != nil {
		b.Fatal(err)
	}
	args := []string{"build", "--source", root, "--out", filepath.Join(b.TempDir(), "public")}
	start := time.Now()
	if code, stdout, stderr := cli(args...); code != exitOK || strings.Contains(stdout, nothingChanged) {
		b.Fatalf("cold build: exit %d\n%s%s", code, stdout, stderr)
	}
	cold := time.Since(start)
	for b.Loop() {
		if code, stdout, stderr := cli(args...); code != exitOK || !strings.Contains(stdout, nothingChanged) {
			b.Fatalf("exit %d\n%s%s", code, stdout, stderr)
		}
	}
	// After the loop: b.Loop's first call resets the reported metrics.
	b.ReportMetric(float64(cold.Milliseconds()), "cold-ms")
}
