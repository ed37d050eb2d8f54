package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sameCompact parses src with and without Options.Compact and fails unless
// Render (with a rewrite of every link) and PlainText give the same, and
// the compact HTML is the smaller or about the same.
func sameCompact(t *testing.T, name string, opts Options, src []byte) {
	t.Helper()
	plain := New(opts)
	opts.Compact = true
	compact := New(opts)
	a, b := plain.Parse(src), compact.Parse(src)
	rewrite := func(l Link) string { return "/x/" + l.Dest }
	var ra, rb bytes.Buffer
	ea, eb := a.Render(&ra, rewrite), b.Render(&rb, rewrite)
	if (ea == nil) != (eb == nil) || ra.String() != rb.String() {
		t.Fatalf("%s: compact Render differs (%v, %v)\nsource %q\nplain   %q\ncompact %q", name, ea, eb, src, ra.String(), rb.String())
	}
	ta, ea := a.PlainText()
	tb, eb := b.PlainText()
	if (ea == nil) != (eb == nil) || ta != tb {
		t.Fatalf("%s: compact PlainText differs\nsource %q\nplain   %q\ncompact %q", name, src, ta, tb)
	}
	if a.WordCount() != b.WordCount() || a.Lead() != b.Lead() {
		t.Fatalf("%s: compact word count or lead differs", name)
	}
	if len(b.html) > len(a.html)+len(a.html)/16+64 {
		t.Fatalf("%s: compact HTML is %d bytes, plain %d", name, len(b.html), len(a.html))
	}
	b.Release()
	if err := b.Render(&rb, nil); err != ErrReleased {
		t.Fatalf("%s: Render after Release: %v", name, err)
	}
}

// TestCompactGivesTheSameDoc runs sameCompact on the test articles and
// checks that compaction pays on a real one.
func TestCompactGivesTheSameDoc(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lang := strings.SplitN(filepath.Base(name), "-", 2)[0]
		for _, opts := range []Options{{Lang: lang}, {Lang: lang, Unsafe: true}, {Lang: lang, Unsafe: true, TrustAuthors: true}} {
			sameCompact(t, name, opts, src)
		}
	}
	src, _ := os.ReadFile("testdata/vi-article.md")
	a, b := New(Options{Lang: "vi"}).Parse(src), New(Options{Lang: "vi", Compact: true}).Parse(src)
	if len(b.html)*2 > len(a.html) {
		t.Errorf("compact HTML of vi-article.md is %d bytes, plain %d: less than half expected", len(b.html), len(a.html))
	}
}

// FuzzCompact runs sameCompact on any Markdown.
func FuzzCompact(f *testing.F) {
	for _, s := range []string{"", "# T\n\npara [l](a.md) ![i](p.jpg)\n", "x\xffy", "| a | b |\n|---|---|\n| 1 | 2 |\n", "text[^1]\n\n[^1]: note\n", "<b>raw</b> <script>x</script>"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameCompact(t, "fuzz", Options{Lang: "en", Unsafe: true}, src)
	})
}

// TestParseNoLead: the same document, without its lead.
func TestParseNoLead(t *testing.T) {
	src, err := os.ReadFile("testdata/vi-article.md")
	if err != nil {
		t.Fatal(err)
	}
	c := New(Options{Lang: "vi"})
	a, b := c.Parse(src), c.ParseNoLead(src)
	if a.Lead() == "" || b.Lead() != "" {
		t.Fatalf("leads %q and %q", a.Lead(), b.Lead())
	}
	ta, _ := a.PlainText()
	tb, _ := b.PlainText()
	var ra, rb bytes.Buffer
	a.Render(&ra, nil)
	b.Render(&rb, nil)
	if ta != tb || ra.String() != rb.String() || a.WordCount() != b.WordCount() {
		t.Error("ParseNoLead changed more than the lead")
	}
}
