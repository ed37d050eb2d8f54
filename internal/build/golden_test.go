package build

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache-ssg/attache"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenPages are the sample's outputs kept as golden files: one of each
// kind of page, language and direction, and the machine-read files.
var goldenPages = []string{
	"index.html",
	"404.html",
	"robots.txt",
	"sitemap.xml",
	"vi/index.html",
	"vi/sitemap.xml",
	"vi/index.xml",
	"vi/news/index.html",
	"vi/news/hoi-nghi-thong-tin-doi-ngoai-2021/index.html",
	"vi/news/doan-truong-thuc-hien-hoi-nghi/index.html",
	"vi/tin-cu/hoi-nghi-2021/index.html",
	"vi/tags/index.html",
	"en/news/school-youth-union-briefing/index.html",
	"en/news/phan-bac-thong-tin-sai-lech/index.html",
	"en/training/index.html",
	"fr/documents/directive-14-2019/index.html",
	"ar/index.html",
	"ar/news/phan-bac-thong-tin-sai-lech/index.html",
	"zh/news/hop-bao-phong-vien-nuoc-ngoai-2024/index.html",
}

// TestGoldenSample renders the bundled sample publication (the repository
// root) and compares chosen pages with testdata/golden. After an intended
// change to the theme or the renderer: go test ./internal/build -update.
func TestGoldenSample(t *testing.T) {
	res, err := Run(os.DirFS("../.."), attache.Theme(), Options{Now: now, Workers: 2})
	if err != nil {
		t.Fatalf("sample build failed: %v\n%v", err, res.Diags.Err())
	}
	outs := map[string][]byte{}
	for _, o := range res.Outputs {
		outs[o.Path] = o.Data
	}
	for _, p := range goldenPages {
		got, ok := outs[p]
		if !ok {
			t.Errorf("the sample no longer has %s", p)
			continue
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(p, "/", "__"))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: %v (run with -update to create it)", p, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run with -update if intended):\n%s", p, golden, firstDiff(want, got))
		}
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n want: %s\n  got: %s", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}
