package buildcache

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/testcorpus"
)

// Benchmarks over real trees: BUILDCACHE_BENCH_SITE is a site's root,
// BUILDCACHE_BENCH_OUT an output folder built from it by attache build
// (so the site's cache has an entry for it).
// Each also reports the process's CPU time per operation, less sensitive
// than the wall time to other work on a shared machine.
func benchDirs(b *testing.B) (site, out string) {
	site, out = os.Getenv("BUILDCACHE_BENCH_SITE"), os.Getenv("BUILDCACHE_BENCH_OUT")
	if site == "" || out == "" {
		b.Skip("BUILDCACHE_BENCH_SITE and BUILDCACHE_BENCH_OUT unset")
	}
	testcorpus.ReportCPU(b)
	return site, out
}

func BenchmarkRealHashIndexed(b *testing.B) {
	site, _ := benchDirs(b)
	for b.Loop() {
		if _, err := Hash(Inputs{Root: site}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRealHashAll(b *testing.B) {
	site, _ := benchDirs(b)
	for b.Loop() {
		if _, err := Hash(Inputs{Root: site, NoIndex: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRealSnapshot(b *testing.B) {
	_, out := benchDirs(b)
	for b.Loop() {
		if _, err := Snapshot(out); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRealCheck(b *testing.B) {
	site, out := benchDirs(b)
	e := load(site)[out]
	if e == nil {
		b.Skip("no entry")
	}
	for b.Loop() {
		if e, why := Check(site, out, e.Key, time.Now()); e == nil {
			b.Fatal(why)
		}
	}
}

func BenchmarkRealLoad(b *testing.B) {
	site, _ := benchDirs(b)
	for b.Loop() {
		load(site)
	}
}

func BenchmarkRealSnapshotFiles(b *testing.B) {
	_, out := benchDirs(b)
	var files []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	for b.Loop() {
		if _, err := SnapshotFiles(out, files); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRealStore(b *testing.B) {
	site, out := benchDirs(b)
	e := load(site)[out]
	if e == nil {
		b.Skip("no entry")
	}
	root := b.TempDir()
	for b.Loop() {
		if err := Store(root, out, e); err != nil {
			b.Fatal(err)
		}
	}
}

// benchSite generates, once per size, a site and its output shaped like
// attache's: n articles in each of 5 languages, one source file of about
// 7 KB each, and an output folder per article holding index.html (2.7
// files and 1.5 folders per article in all, as the reference corpus).
// BUILDCACHE_BENCH_N sets n (default 200: 2,700 output files; 1000 gives
// the reference corpus's 13,500, 10000 135,000). TMPDIR=/dev/shm keeps it
// in memory.
func benchSite(b *testing.B) (site, out string) {
	b.Helper()
	n := 200
	if s := os.Getenv("BUILDCACHE_BENCH_N"); s != "" {
		if _, err := fmt.Sscan(s, &n); err != nil {
			b.Fatal(err)
		}
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("buildcache-bench-%d", n))
	site, out = filepath.Join(dir, "site"), filepath.Join(dir, "out")
	if _, err := os.Stat(filepath.Join(dir, "done")); err != nil {
		os.RemoveAll(dir)
		body := strings.Repeat("Lorem ipsum dolor sit amet. ", 250)
		for _, lang := range []string{"vi", "en", "fr", "ar", "zh"} {
			for i := range n {
				slug := fmt.Sprintf("a%06d", i)
				src := filepath.Join(site, "content", lang, "news", fmt.Sprint(2020+i%6), slug+".md")
				page := filepath.Join(out, lang, "news", slug, "index.html")
				files := map[string]string{src: "---\ntitle: " + slug + "\n---\n" + body, page: body}
				if i%2 == 0 { // tags, pagers: another folder and two files per two articles
					tag := filepath.Join(out, lang, "tags", fmt.Sprintf("t%d", i))
					files[filepath.Join(tag, "index.html")] = body[:100]
					files[filepath.Join(tag, "index.xml")] = body[:300]
				}
				if i%10 < 7 { // images
					files[filepath.Join(out, lang, "news", slug, "image.jpg")] = body[:200]
				}
				for p, data := range files {
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						b.Fatal(err)
					}
					if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		snap, err := Snapshot(out)
		if err != nil {
			b.Fatal(err)
		}
		if err := Store(site, out, &Entry{Key: "k", BuiltAt: time.Unix(0, 0), Output: snap}); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "done"), nil, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return site, out
}

// BenchmarkHash: the key of the generated site, every file read, then
// with the source index (files settled by a later clock).
func BenchmarkHash(b *testing.B) {
	site, _ := benchSite(b)
	for _, noIndex := range []bool{true, false} {
		b.Run(fmt.Sprintf("index=%v", !noIndex), func(b *testing.B) {
			in := Inputs{Root: site, NoIndex: noIndex}
			mustHashAt(b, in, later())
			testcorpus.ReportCPU(b)
			for b.Loop() {
				mustHashAt(b, in, later())
			}
		})
	}
}

// BenchmarkSnapshot: the record phase's snapshot of the generated output,
// by listing it, and from the list of its files.
func BenchmarkSnapshot(b *testing.B) {
	_, out := benchSite(b)
	var files []string
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	b.Run("listed", func(b *testing.B) {
		testcorpus.ReportCPU(b)
		for b.Loop() {
			if _, err := Snapshot(out); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("files", func(b *testing.B) {
		testcorpus.ReportCPU(b)
		for b.Loop() {
			if _, err := SnapshotFiles(out, files); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCheck: a no-change check of the generated output, without and
// with the output listing.
func BenchmarkCheck(b *testing.B) {
	site, out := benchSite(b)
	for _, listing := range []bool{false, true} {
		b.Run(fmt.Sprintf("listing=%v", listing), func(b *testing.B) {
			os.Remove(listingPath(site, out))
			testcorpus.ReportCPU(b)
			for b.Loop() {
				if !listing {
					os.Remove(listingPath(site, out))
				}
				if e, why := check(site, out, "k", time.Now(), later()); e == nil {
					b.Fatal(why)
				}
			}
		})
	}
}
