package frontmatter

import (
	"os"
	"testing"

	"github.com/attache-ssg/attache/internal/diag"
)

// The articles in testdata were written by /work/shared/bench/gencorpus.go;
// Parse runs on 50,000 such files in a big build.
func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"article_vi.md", "article_ar.md"} {
		src, err := os.ReadFile("testdata/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var l diag.List
				if _, _, _, ok := Parse("content/vi/news/a.md", src, ict, &l); !ok {
					b.Fatal(l.Err())
				}
			}
		})
	}
}

func BenchmarkSplit(b *testing.B) {
	src, err := os.ReadFile("testdata/article_vi.md")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, err := Split(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	src, err := os.ReadFile("testdata/article_vi.md")
	if err != nil {
		b.Fatal(err)
	}
	_, body, _, _ := Split(src)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		_ = Hash("Hoa Kỳ: triển vọng mới", body)
	}
}
