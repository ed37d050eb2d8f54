package hostile

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashSite writes a site of n articles per language whose Vietnamese
// text carries gen, so that two generations differ in a thousand pages.
// The English articles are written once, with the first generation.
func crashSite(t *testing.T, root string, n, gen int) {
	t.Helper()
	files := map[string]string{}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("content/vi/news/bai-%04d.md", i)] = article(fmt.Sprintf("title: Bài %d\ntags: [chủ đề %d]", i, i%40),
			fmt.Sprintf("Nội dung bài %d, thế hệ %d.\n\n[Bài trước](bai-%04d.md)\n", i, gen, max(i-1, 0)))
	}
	if _, err := os.Stat(filepath.Join(root, "site.yaml")); err != nil {
		files["site.yaml"] = siteYAML
		for i := 0; i < n; i++ {
			files[fmt.Sprintf("content/en/news/bai-%04d.md", i)] = article(fmt.Sprintf("title: Article %d", i),
				fmt.Sprintf("Body of article %d.\n", i))
		}
	}
	writeTree(t, root, files)
}

// leftovers lists the temporary folders of interrupted builds beside out.
func leftovers(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(out)+".attache-") {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestKilledBuildLeavesOutputWhole kills `attache build` with SIGKILL at
// random moments while it renders and writes a site of 2,000 articles.
// After every kill the output folder is, byte for byte, either the
// previous output or the complete new one; the next build removes the
// temporary folders the killed one left beside it.
func TestKilledBuildLeavesOutputWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real builds of a 2,000-article site")
	}
	t.Parallel()
	bin := attacheBin(t)
	parent := t.TempDir()
	site := filepath.Join(parent, "site")
	out := filepath.Join(parent, "public")

	// The two outputs a kill may leave: generation 1 built whole into a
	// folder of its own, and generation 0, the output the kills start from.
	const articles = 1000 // per language
	want := map[int]map[string]string{}
	var full time.Duration
	for _, gen := range []int{1, 0} {
		crashSite(t, site, articles, gen)
		dst := out
		if gen == 1 {
			dst = filepath.Join(parent, "ref")
		}
		start := time.Now()
		if code, _, stderr := runCLI(t, "build", "--source", site, "--out", dst); code != 0 {
			t.Fatalf("build of generation %d: exit %d\n%s", gen, code, stderr)
		}
		full = max(full, time.Since(start))
		want[gen] = listing(t, dst)
	}
	os.RemoveAll(filepath.Join(parent, "ref"))
	if len(want[0]) < 2*articles || len(want[0]) != len(want[1]) || diffListings(want[0], want[1]) == "" {
		t.Fatalf("generations of %d and %d files, differing in %q", len(want[0]), len(want[1]), firstLines(diffListings(want[0], want[1]), 3))
	}
	t.Logf("a full build takes %v; %d files", full, len(want[0]))

	current := 0
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	var kept, replaced, left int
	sources := 0 // the generation the sources hold
	for kill := 0; kill < 10; kill++ {
		next := 1 - current
		crashSite(t, site, articles, next)
		sources = next
		cmd := exec.Command(bin, "build", "--source", site, "--out", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Anywhere from the start to a little past a full build's time,
		// so some kills land while files are written and some after the
		// swap.
		delay := time.Duration(rng.Int64N(int64(full) * 11 / 10))
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()

		got := listing(t, out)
		switch {
		case diffListings(want[current], got) == "":
			kept++
		case diffListings(want[next], got) == "":
			replaced++
			current = next
		default:
			t.Fatalf("kill %d after %v: the output is neither generation %d nor %d:\n%s",
				kill, delay, current, next, firstLines(diffListings(want[current], got), 20))
		}
		if n := len(leftovers(t, out)); n > 0 {
			left++
		}
	}
	t.Logf("10 kills: %d kept the previous output, %d found the new one complete; %d left temporary folders", kept, replaced, left)

	// A build that runs to the end cleans whatever the killed ones left.
	if code, _, stderr := runCLI(t, "build", "--source", site, "--out", out); code != 0 {
		t.Fatalf("final build: exit %d\n%s", code, stderr)
	}
	if d := diffListings(want[sources], listing(t, out)); d != "" {
		t.Fatalf("final output is not generation %d:\n%s", sources, firstLines(d, 20))
	}
	if l := leftovers(t, out); len(l) > 0 {
		t.Fatalf("left behind after a complete build: %v", l)
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines[n] = "…"
	}
	return strings.Join(lines, "\n")
}
