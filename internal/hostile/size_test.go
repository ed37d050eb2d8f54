package hostile

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/build"
)

// TestHugeMarkdown builds a 20 MB article of ordinary Vietnamese prose,
// headings, lists, links and tables: it builds, and its page is complete.
func TestHugeMarkdown(t *testing.T) {
	if testing.Short() {
		t.Skip("a 20 MB build in -short mode")
	}
	var b strings.Builder
	para := "Hội nghị thông tin đối ngoại năm 2024 đã tổng kết công tác, với **sự tham gia** của các cơ quan, " +
		"[liên kết](https://example.org/a) và *nhấn mạnh* về \"truyền thông\" -- nhiều hoạt động...\n\n"
	for i := 0; b.Len() < 20<<20; i++ {
		switch i % 50 {
		case 0:
			b.WriteString("## Phần " + strings.Repeat("I", 1+i%7) + "\n\n")
		case 10:
			b.WriteString("- mục một\n- mục hai\n  - mục con\n\n")
		case 20:
			b.WriteString("| a | b |\n|---|---|\n| 1 | 2 |\n\n")
		default:
			b.WriteString(para)
		}
	}
	site := mapSite(map[string]string{"content/vi/news/big.md": article("title: Bài rất dài", b.String())})
	start := time.Now()
	o := buildBounded(t, site, build.Options{})
	t.Logf("20 MB article: %v", time.Since(start))
	if o.err != nil {
		t.Fatalf("build failed:\n%s", o.diags())
	}
	page := string(o.outputs["vi/news/big/index.html"])
	if len(page) < 20<<20 || !strings.HasSuffix(strings.TrimSpace(page), "</html>") {
		t.Fatalf("page of %d bytes, ending %q", len(page), page[max(0, len(page)-100):])
	}
	checkPaths(t, o.outputs)
}

// TestRandomBytesAsMarkdown builds files of random bytes named .md, with
// and without a front matter before them: an article without a title is an
// error naming it; noise after a valid front matter builds, or fails only
// on what the noise happens to spell as a link.
func TestRandomBytesAsMarkdown(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return string(b)
	}
	// Bytes that look like a front matter opener but are not YAML.
	files := map[string]string{
		"content/vi/news/noise.md":        random(1 << 20),
		"content/vi/news/fence.md":        "---\n" + random(64<<10) + "\n---\n" + random(64<<10),
		"content/vi/news/nul.md":          strings.Repeat("\x00", 100<<10),
		"content/vi/news/bom.md":          "\xef\xbb\xbf\xff\xfe" + random(10<<10),
		"content/en/news/utf16.md":        "\xff\xfe-\x00-\x00-\x00\n\x00t\x00i\x00t\x00l\x00e\x00:\x00 \x00x\x00\n\x00",
		"content/vi/news/bundle/index.md": random(4 << 10),
	}
	o := buildBounded(t, mapSite(files), build.Options{})
	if o.err == nil {
		t.Fatal("random bytes built without an error")
	}
	errored := map[string]bool{}
	for _, d := range o.res.Diags.Errors() {
		errored[d.File] = true
	}
	for name := range files {
		if !errored[name] {
			t.Errorf("no error names %s", name)
		}
	}
	// A section's page needs no title: noise there builds, or fails on it.
	o = buildBounded(t, mapSite(map[string]string{"content/vi/news/_index.md": random(4 << 10)}), build.Options{})
	for _, d := range o.res.Diags.Errors() {
		if d.File != "content/vi/news/_index.md" {
			t.Errorf("error about another file: %s", d)
		}
	}
	if t.Failed() {
		t.Logf("diagnostics:\n%s", o.diags())
	}

	// The same noise as the body of a valid article builds.
	ok := map[string]string{}
	for i := 0; i < 5; i++ {
		ok["content/vi/news/body"+string(rune('a'+i))+".md"] = article("title: Nhiễu", random(256<<10))
	}
	o = buildBounded(t, mapSite(ok), build.Options{})
	for _, d := range o.res.Diags.Errors() {
		if _, ours := ok[d.File]; !ours || d.Line < 5 || !(strings.HasPrefix(d.Msg, "link to") || strings.HasPrefix(d.Msg, "image to")) {
			t.Errorf("unexpected error: %s", d)
		}
	}
	if o.err == nil {
		checkPaths(t, o.outputs)
		scanOutputs(t, o.outputs)
	}
}

// TestDeepNesting builds bodies of 20,000 nested blockquotes, lists,
// brackets, emphasis and HTML, and front matter nested as deep: each
// builds or fails with an error naming its file, within the deadline.
func TestDeepNesting(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 levels of nesting in -short mode")
	}
	const n = 20000
	bodies := map[string]string{
		"quotes":    strings.Repeat(">", n) + " x\n",
		"quotes-sp": strings.Repeat("> ", n) + "x\n",
		"lists":     strings.Repeat("- ", n) + "x\n",
		"ordered":   strings.Repeat("1. ", n) + "x\n",
		// 1,000 levels by indentation: 1 MB. Parsing time grows with the
		// cube of the depth in goldmark (2,000 levels, 4 MB: ~10 s), as in
		// cmark (commonmark/cmark#255): bounded by the file's size.
		"indented":    nestedList(1000),
		"brackets":    strings.Repeat("[", n) + "x" + strings.Repeat("]", n) + "\n",
		"links":       strings.Repeat("[a](", n) + "x" + strings.Repeat(")", n) + "\n",
		"images":      strings.Repeat("![", n) + "x" + strings.Repeat("](y)", n) + "\n",
		"parens":      "[a](" + strings.Repeat("(", n) + strings.Repeat(")", n) + ")\n",
		"emphasis":    strings.Repeat("*", n) + "x" + strings.Repeat("*", n) + "\n",
		"underscores": strings.Repeat("_a ", n) + "\n",
		"backticks":   strings.Repeat("`", n) + "x\n",
		"html":        strings.Repeat("<div>", n) + "x\n",
		"footnotes":   strings.Repeat("[^a]", n) + "\n\n[^a]: " + strings.Repeat("[^a]", 100) + "\n",
		"refs":        strings.Repeat("[x]", n) + "\n\n[x]: /vi/\n",
		"quote-list":  strings.Repeat("> - ", n) + "x\n",
		"table":       "|" + strings.Repeat(" a |", n) + "\n|" + strings.Repeat("---|", n) + "\n",
		"headings":    strings.Repeat("# h\n", n),
	}
	files := map[string]string{}
	for name, body := range bodies {
		files["content/vi/news/"+name+".md"] = article("title: "+name, body)
	}
	// Front matter nested as deep as the bodies.
	files["content/vi/news/yaml-seq.md"] = "---\ntitle: x\ndate: 2024-01-01\nparams: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n---\nx\n"
	files["content/vi/news/yaml-map.md"] = "---\ntitle: x\ndate: 2024-01-01\nparams: " + strings.Repeat("{a: ", n) + "1" + strings.Repeat("}", n) + "\n---\nx\n"
	files["content/vi/news/yaml-alias.md"] = "---\ntitle: x\ndate: 2024-01-01\n" + billionLaughs() + "---\nx\n"
	site := mapSite(files)
	o := buildBounded(t, site, build.Options{})
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	failed := map[string]bool{}
	if o.err != nil {
		for _, d := range o.res.Diags.Errors() {
			failed[d.File] = true
		}
		for _, d := range o.res.Diags.Errors() {
			if _, ours := files[d.File]; !ours {
				t.Errorf("error about a file that is not nested: %s", d)
			}
		}
	}
	for _, name := range names {
		slug := strings.TrimSuffix(strings.TrimPrefix(name, "content/vi/news/"), ".md")
		if failed[name] {
			t.Logf("%s: refused", name)
			continue
		}
		if o.err == nil {
			if _, ok := o.outputs["vi/news/"+slug+"/index.html"]; !ok {
				t.Errorf("%s: no page", name)
			}
		}
	}
	t.Logf("diagnostics:\n%s", o.diags())
	if o.err == nil {
		checkPaths(t, o.outputs)
		scanOutputs(t, o.outputs)
	}
}

// nestedList is a list nested depth levels by indentation.
func nestedList(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i))
		b.WriteString("- x\n")
	}
	return b.String()
}

// billionLaughs is YAML whose aliases expand exponentially.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("params:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i < 10; i++ {
		b.WriteString("  a" + itoa(i) + ": &a" + itoa(i) + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

func itoa(i int) string { return string(rune('0' + i)) }
