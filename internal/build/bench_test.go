package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/render"
	"github.com/attache-ssg/attache/internal/testcorpus"
)

// Benchmarks run on a corpus the project generates itself
// (internal/testcorpus): ATTACHE_BENCH_ARTICLES articles per language in
// five languages, 1,000 by default. CI runs them once (-benchtime=1x) so
// they keep working; for figures, run with -count=10 and benchstat. For
// the reference corpus compared with Hugo, build ../shared/bench's output
// with `attache build --verbose` instead.
//
//	go test ./internal/build -run '^$' -bench . -benchtime=1x
func benchCorpus(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("ATTACHE_BENCH_SITE"); dir != "" {
		return dir // an existing site, such as the reference corpus
	}
	n, err := testcorpus.ArticlesFromEnv(1000)
	if err != nil {
		b.Fatal(err)
	}
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "attache-bench-")
		if err == nil {
			err = testcorpus.Write(dir, n, testcorpus.Langs())
		}
		corpusDir, corpusErr = dir, err
	})
	if corpusErr != nil {
		b.Fatal(corpusErr)
	}
	return corpusDir
}

var (
	corpusOnce sync.Once
	corpusDir  string
	corpusErr  error
)

// TestMain removes the benchmark corpus after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if corpusDir != "" {
		os.RemoveAll(corpusDir)
	}
	os.Exit(code)
}

// BenchmarkBuild is a cold build in memory: every phase, no writing. Each
// phase's share is reported as ms/op metrics.
func BenchmarkBuild(b *testing.B) {
	dir := benchCorpus(b)
	site := os.DirFS(dir)
	phases := map[string]time.Duration{}
	files := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		res, err := Run(site, attache.Theme(), Options{Now: now, Recycle: true, Emit: func(o render.Output) { n++; o.Release() }})
		if err != nil {
			b.Fatalf("%v\n%v", err, res.Diags.Err())
		}
		for _, t := range res.Timings {
			phases[t.Phase] += t.Duration
		}
		files = n
	}
	for p, d := range phases {
		b.ReportMetric(float64(d.Milliseconds())/float64(b.N), p+"-ms/op")
	}
	b.ReportMetric(float64(files), "files")
}

// BenchmarkBuildAndWrite adds publishing into a fresh folder and the swap.
func BenchmarkBuildAndWrite(b *testing.B) {
	dir := benchCorpus(b)
	site := os.DirFS(dir)
	out := filepath.Join(b.TempDir(), "public")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := buildAndWrite(site, out); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuildOneArticle edits one article's body and builds again
// with a Session, as `attache serve` does on a save: the model is patched
// and only what shows that body is rendered (the search index is put off).
// BenchmarkFullRebuildOneArticle is the same save through a full build.
func BenchmarkRebuildOneArticle(b *testing.B) {
	dir := benchCorpus(b)
	sess := NewSession(os.DirFS(dir), attache.Theme(), Options{Now: now})
	if res, err := sess.Build(nil); err != nil {
		b.Fatalf("%v\n%v", err, res.Diags.Err())
	}
	file, edit := benchEdit(b, dir)
	outputs := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		edit(i)
		res, err := sess.Build([]string{file})
		if err != nil {
			b.Fatal(err)
		}
		if !res.Incremental {
			b.Fatal("a body edit made a full build")
		}
		outputs = len(res.Outputs)
	}
	b.ReportMetric(float64(outputs), "outputs")
}

func BenchmarkFullRebuildOneArticle(b *testing.B) {
	dir := benchCorpus(b)
	site := os.DirFS(dir)
	_, edit := benchEdit(b, dir)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		edit(i)
		if _, err := Run(site, attache.Theme(), Options{Now: now, Emit: func(render.Output) {}}); err != nil {
			b.Fatal(err)
		}
	}
}

// benchEdit picks the article the rebuild benchmarks save (its
// site-relative path) and returns edit, which gives it the i-th new body
// line off the clock. The article is restored when the benchmark ends.
func benchEdit(b *testing.B, dir string) (file string, edit func(i int)) {
	file, err := testcorpus.PickArticle(dir, "vi")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, filepath.FromSlash(file))
	orig, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(path, orig, 0o644) })
	return file, func(i int) {
		b.StopTimer()
		defer b.StartTimer()
		if err := os.WriteFile(path, append(bytes.Clone(orig), "\nSửa lần "+strconv.Itoa(i)+".\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
