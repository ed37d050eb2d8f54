package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/testcorpus"
)

// BenchmarkSaveToServed is the time from saving one article's body to the
// server answering its URL with the new text: the watcher noticing, the
// debounce, the (incremental) build and the swap, through real files,
// fsnotify and HTTP. ATTACHE_BENCH_SITE names a site to serve (for the
// reference corpus: go run ../shared/bench/gencorpus.go -articles 10000
// -out DIR); else a generated one with ATTACHE_BENCH_ARTICLES articles per
// language (200 by default), written to a temporary folder.
//
//	ATTACHE_BENCH_SITE=/tmp/c10k go test ./internal/serve -run '^$' -bench SaveToServed -benchtime=20x
func BenchmarkSaveToServed(b *testing.B) {
	root := os.Getenv("ATTACHE_BENCH_SITE")
	if root == "" {
		n, err := testcorpus.ArticlesFromEnv(200)
		if err != nil {
			b.Fatal(err)
		}
		root = b.TempDir()
		if err := testcorpus.Write(root, n, testcorpus.Langs()); err != nil {
			b.Fatal(err)
		}
	}
	file, err := testcorpus.PickArticle(root, "vi")
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(root, filepath.FromSlash(file))
	orig, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(path, orig, 0o644)

	built := make(chan Report, 16)
	cfg := Config{Root: root, Addr: "127.0.0.1:0", OnBuild: func(r Report) { built <- r }}
	s := startCfg(b, cfg, testLimits())
	first := <-built
	if first.Err != nil || first.Result == nil || first.Result.Site == nil {
		b.Fatalf("the site does not build: %v", first.Err)
	}
	page := first.Result.Site.ByFile[file]
	if page == nil {
		b.Fatalf("%s makes no page", file)
	}
	var times []time.Duration
	full := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		mark := "Sửa lần " + strconv.Itoa(i) + " " + strconv.FormatInt(time.Now().UnixNano(), 36)
		data := append(bytes.Clone(orig), "\n"+mark+".\n"...)
		t0 := time.Now()
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			r := get(b, s, "GET", page.URL)
			if bytes.Contains(r.body, []byte(mark)) {
				break
			}
			if time.Since(t0) > time.Minute {
				b.Fatalf("the edit was not served within a minute")
			}
			time.Sleep(200 * time.Microsecond)
		}
		times = append(times, time.Since(t0))
		// Let the build's report through and the watcher settle, so the
		// next save starts from a quiet server.
		b.StopTimer()
		for drained := false; !drained; {
			select {
			case r := <-built:
				if r.Err != nil {
					b.Fatalf("build failed: %v", r.Err)
				}
				if !r.Result.Incremental {
					full++
					b.Logf("a full build after changes to %q", r.Changed)
				}
			case <-time.After(100 * time.Millisecond):
				drained = true
			}
		}
		b.StartTimer()
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(times[len(times)-1].Microseconds())/1000, "max-ms")
	b.ReportMetric(float64(full), "full-builds")
}
