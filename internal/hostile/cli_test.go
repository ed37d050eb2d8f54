package hostile

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// binDir holds the attache binary the CLI tests run, built once per test
// process (see attacheBin) and removed by TestMain.
var binDir string

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// attacheBin builds cmd/attache with the go command and returns the
// binary's path: these tests kill real processes and watch what they
// leave on disk, which an in-process run() cannot show.
func attacheBin(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "attache-hostile-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "attache")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		out, err := exec.CommandContext(ctx, "go", "build", "-o", binPath, "github.com/attache-ssg/attache/cmd/attache").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// runCLI runs the binary with args and returns its exit code and output,
// failing the test if it runs past the deadline or prints a Go panic.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	cmd := exec.CommandContext(ctx, attacheBin(t), args...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("attache %s: still running after %v", strings.Join(args, " "), deadline)
	}
	code = cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatalf("attache %s: %v", strings.Join(args, " "), err)
	}
	if strings.Contains(e.String(), "panic:") || strings.Contains(e.String(), "goroutine ") {
		t.Fatalf("attache %s printed a Go panic:\n%s", strings.Join(args, " "), e.String())
	}
	return code, o.String(), e.String()
}

// TestCLINeverWritesOutside builds hostile sites with the real command
// and checks that the folder holding the site and the output, the site
// itself, and a folder beside them are exactly as they were: a failed
// build leaves no trace, a successful one changes only its output folder.
func TestCLINeverWritesOutside(t *testing.T) {
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	out := filepath.Join(parent, "public")
	writeTree(t, parent, map[string]string{
		"victim/keep.txt":                      "do not touch",
		"victim/vi/index.html":                 "do not touch",
		"site/site.yaml":                       siteYAML,
		"site/content/vi/_index.md":            "---\ntitle: Trang chủ\n---\n",
		"site/content/en/_index.md":            "---\ntitle: Home\n---\n",
		"site/content/vi/news/CON.md":          article("tags: [../../../victim, /etc, '..\\..\\victim']\naliases: [old/, /vi/cu.html]", "[tin](../../../victim/keep.txt)"),
		"site/content/vi/news/" + long + ".md": article("", "x"),
		"site/static/../victim.txt":            "",
		"site/static/a b/c d.txt":              "static",
	})
	writeTree(t, site, map[string]string{
		"content/vi/news/bundle/index.md":  article("image: {src: photo.png, alt: Ảnh}", "![Ảnh](photo.png)"),
		"content/vi/news/bundle/photo.png": pngBytes(t, 1600, 900),
	})
	if err := os.Symlink(filepath.Join(parent, "victim"), filepath.Join(site, "content/vi/victim")); err != nil {
		t.Fatal(err)
	}
	// The output folder is expected to change, and so is the one cache
	// the command keeps in the site: resized pictures, under
	// site/.attache/cache (build.Options.ImageCache), which a site's
	// .gitignore lists.
	cache := filepath.Join("site", ".attache")
	listParent := func() map[string]string {
		l := listing(t, parent)
		for p := range l {
			for _, skip := range []string{"public", cache} {
				if p == skip || strings.HasPrefix(p, skip+string(filepath.Separator)) {
					delete(l, p)
				}
			}
		}
		return l
	}

	// The link to victim/keep.txt dangles: the build fails and writes nothing.
	before := listParent()
	code, _, stderr := runCLI(t, "build", "--source", site, "--out", out)
	if code != 1 || !strings.Contains(stderr, "content/vi/news/CON.md:") {
		t.Fatalf("exit %d, want 1 with an error naming content/vi/news/CON.md:\n%s", code, stderr)
	}
	if d := diffListings(before, listParent()); d != "" {
		t.Fatalf("a failed build changed things outside its output:\n%s", d)
	}
	if _, err := os.Lstat(out); !os.IsNotExist(err) {
		t.Fatalf("a failed build created its output folder (%v)", err)
	}

	// Fixed, it builds, and only the output folder is new.
	writeTree(t, site, map[string]string{"content/vi/news/CON.md": article("tags: [../../../victim, /etc, '..\\..\\victim']\naliases: [old/, /vi/cu.html]", "Tin.")})
	before = listParent()
	for i := 0; i < 2; i++ { // the second build replaces the first's output
		code, stdout, stderr := runCLI(t, "build", "--source", site, "--out", out)
		if code != 0 {
			t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
		}
		if d := diffListings(before, listParent()); d != "" {
			t.Fatalf("build %d changed things outside its output:\n%s", i+1, d)
		}
	}
	for _, p := range []string{"vi/news/con-1/index.html", "vi/tags/victim/index.html", "vi/old/index.html", "vi/cu.html", "a b/c d.txt"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p))); err != nil {
			t.Errorf("output %s: %v", p, err)
		}
	}
	cached, _ := os.ReadDir(filepath.Join(parent, cache, "cache", "images"))
	t.Logf("%d resized pictures cached in %s", len(cached), cache)
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.Contains(e.Name(), "attache-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestCLIOutputSymlink: an output folder that is a symbolic link to
// another folder is replaced by the new output; the folder it pointed to
// is untouched.
func TestCLIOutputSymlink(t *testing.T) {
	parent := t.TempDir()
	writeTree(t, parent, map[string]string{
		"site/site.yaml":            siteYAML,
		"site/content/vi/_index.md": "---\ntitle: Trang chủ\n---\n",
		"site/content/en/_index.md": "---\ntitle: Home\n---\n",
		"victim/keep.txt":           "do not touch",
	})
	out := filepath.Join(parent, "public")
	if err := os.Symlink(filepath.Join(parent, "victim"), out); err != nil {
		t.Fatal(err)
	}
	before := listing(t, filepath.Join(parent, "victim"))
	if code, _, stderr := runCLI(t, "build", "--source", filepath.Join(parent, "site"), "--out", out); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if d := diffListings(before, listing(t, filepath.Join(parent, "victim"))); d != "" {
		t.Errorf("the folder the output link pointed to changed:\n%s", d)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("no output: %v", err)
	}
}

// TestCLIRefusesOutputOverSources: an output folder that is, or is inside,
// the site's sources is refused (exit 2) before anything is written.
func TestCLIRefusesOutputOverSources(t *testing.T) {
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	writeTree(t, parent, map[string]string{
		"site/site.yaml":            siteYAML,
		"site/content/vi/_index.md": "---\ntitle: Trang chủ\n---\n",
		"site/content/en/_index.md": "---\ntitle: Home\n---\n",
		"site/static/x.txt":         "x",
	})
	before := listing(t, parent)
	for _, out := range []string{site, parent, filepath.Join(site, "content"), filepath.Join(site, "content", "vi", "public"), filepath.Join(site, "static"), filepath.Join(site, "content", "..", "layouts", "x")} {
		code, _, stderr := runCLI(t, "build", "--source", site, "--out", out)
		if code != 2 || !strings.Contains(stderr, "--out") {
			t.Errorf("--out %s: exit %d, want 2 with a message about --out:\n%s", out, code, stderr)
		}
	}
	if d := diffListings(before, listing(t, parent)); d != "" {
		t.Errorf("refused builds changed files:\n%s", d)
	}
}

// pngBytes is a w×h picture, large enough that the build makes smaller
// copies of it.
func pngBytes(t *testing.T, w, h int) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
