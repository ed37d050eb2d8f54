package markdown

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// benchArticle is one generated article body (~1,000 words, headings,
// emphasis, internal links, a footnote), as a big build converts 50,000 of.
func benchArticle(b *testing.B) []byte {
	b.Helper()
	src, err := os.ReadFile("testdata/vi-article.md")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

func BenchmarkParse(b *testing.B) {
	src := benchArticle(b)
	c := New(Options{Lang: "vi"})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		c.Parse(src)
	}
}

func BenchmarkRender(b *testing.B) {
	src := benchArticle(b)
	d := New(Options{Lang: "vi"}).Parse(src)
	rewrite := func(l Link) string { return "../" + l.Dest }
	var buf bytes.Buffer
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := d.Render(&buf, rewrite); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlainText reads the text back from a parsed Doc's HTML, as a
// search index does once per document.
func BenchmarkPlainText(b *testing.B) {
	src := benchArticle(b)
	d := New(Options{Lang: "vi"}).Parse(src)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := d.PlainText(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRetained reports the heap a parsed Doc keeps alive (its HTML,
// links, headings, counts), which a big build holds for every document of
// the site at once.
func BenchmarkRetained(b *testing.B) {
	src := benchArticle(b)
	c := New(Options{Lang: "vi"})
	const n = 200
	docs := make([]*Doc, n)
	for b.Loop() {
		clear(docs)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := range docs {
			docs[i] = c.Parse(src)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "retained-B/doc")
	}
	runtime.KeepAlive(docs)
}

// BenchmarkGoldmarkBaseline is plain goldmark with the same extensions,
// parse and render, for judging this package's overhead against
// BenchmarkParse + BenchmarkRender.
func BenchmarkGoldmarkBaseline(b *testing.B) {
	src := benchArticle(b)
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
	)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc := md.Parser().Parse(text.NewReader(src))
		if err := md.Renderer().Render(io.Discard, src, doc); err != nil {
			b.Fatal(err)
		}
	}
}
