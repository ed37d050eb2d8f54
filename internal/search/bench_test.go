package search

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/testcorpus"
)

// testcorpusDocs returns articles 0..n-1 of testcorpus in language code as
// Build receives them: the title and date from the front matter, the body
// with its Markdown marks dropped (crudely, as the page's plain text).
// testcorpus capitalises a sentence's first byte, which breaks a multibyte
// first letter into U+FFFD and stray bytes; both are dropped here, since a
// real page's text is valid UTF-8.
func testcorpusDocs(tb testing.TB, code string, n int) []Doc {
	tb.Helper()
	link := regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	valid := func(s string) string { return strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\uFFFD", "") }
	strip := strings.NewReplacer("## ", "", "**", "", "*", "", "[^1]:", "", "[^1]", "", "- ", "", "|---|--:|--:|", "", "|", " ")
	docs := make([]Doc, n)
	for i := range docs {
		year, file, text := testcorpus.Article(code, i, n)
		parts := strings.SplitN(text, "---\n", 3)
		if len(parts) != 3 {
			tb.Fatalf("%s article %d: no front matter", code, i)
		}
		d := Doc{URL: fmt.Sprintf("news/%d/%s/", year, strings.TrimSuffix(file, ".md"))}
		for _, line := range strings.Split(parts[1], "\n") {
			k, v, _ := strings.Cut(line, ": ")
			var err error
			switch k {
			case "title":
				d.Title, err = strconv.Unquote(v)
				d.Title = valid(d.Title)
			case "date":
				d.Time, err = time.Parse(time.RFC3339, v)
				d.Date = d.Time.Format("02/01/2006")
			}
			if err != nil {
				tb.Fatalf("%s article %d: %s: %v", code, i, k, err)
			}
		}
		d.Text = valid(strings.Join(strings.Fields(strip.Replace(link.ReplaceAllString(parts[2], "$1"))), " "))
		docs[i] = d
	}
	return docs
}

// BenchmarkBuild builds the search index of each testcorpus language from
// 1,000 articles of about 7 KB of text, as a build of the reference corpus
// does: Latin with diacritics (vi, fr), plain ASCII (en), Arabic and Chinese.
func BenchmarkBuild(b *testing.B) {
	for _, code := range testcorpus.Langs() {
		docs := testcorpusDocs(b, code, 1000)
		b.Run(code, func(b *testing.B) {
			b.ReportAllocs()
			testcorpus.ReportCPU(b)
			for b.Loop() {
				if _, err := Build(code, docs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
