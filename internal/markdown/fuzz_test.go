package markdown

import (
	"bytes"
	"html"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// fuzzConverters cover a spaced language, French quotes and the CJK paths.
var fuzzLangs = []string{"vi", "fr", "zh"}

// FuzzRender parses, lists links and renders twice with a rewrite function
// that sometimes returns a dangerous URL. It must never panic, must give the
// same bytes twice, must write valid UTF-8 for valid input, must keep link
// positions inside the source and must never write a dangerous destination.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"",
		"# Tiêu đề\n\n\"Trích dẫn\" 'đơn' -- ... [liên kết](../a.md) ![ảnh](b.jpg)[^1]\n\n[^1]: Ghi chú",
		"[a][r]\n\n[r]: javascript:alert(1)",
		"<JaVaScRiPt:alert(1)> [x](&#106;avascript:1) www.example.org a@b.org",
		"| a | b |\n|---|---|\n| [x](y) | ~~z~~ |\n\n- [ ] t",
		"推动\"全面战略\"伙伴\n关系",
		"## x {#id}\n## x\n##\n",
		"> [![i](p)](q)\n> ```\n> code\n> ```",
		"[a](<b c> \"t\") <div>raw</div>",
	} {
		f.Add([]byte(s))
	}
	convs := make([]*Converter, len(fuzzLangs))
	for i, l := range fuzzLangs {
		convs[i] = New(Options{Lang: l})
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		c := convs[len(src)%len(convs)]
		d := c.Parse(src)
		links := d.Links()
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, l := range links {
			if l.Line < 1 || l.Line > lines || l.Col < 1 {
				t.Fatalf("link %+v outside the source (%d lines)", l, lines)
			}
		}
		n := 0
		rewrite := func(l Link) string {
			n++
			if n%3 == 0 {
				return "JavaScript:alert(1)"
			}
			return "../" + l.Dest
		}
		var a, b bytes.Buffer
		if err := d.Render(&a, rewrite); err != nil {
			t.Fatal(err)
		}
		n = 0
		if err := d.Render(&b, rewrite); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatalf("two renders differ:\n%s\n%s", a.Bytes(), b.Bytes())
		}
		text, err := d.PlainText()
		if err != nil {
			t.Fatal(err)
		}
		if utf8.Valid(src) {
			if !utf8.Valid(a.Bytes()) {
				t.Fatalf("invalid UTF-8 output for valid input %q:\n%q", src, a.Bytes())
			}
			if !utf8.ValidString(text) {
				t.Fatalf("invalid UTF-8 plain text for valid input %q: %q", src, text)
			}
			for _, h := range d.Headings() {
				if !utf8.ValidString(h.ID) || !utf8.ValidString(h.Text) {
					t.Fatalf("invalid UTF-8 heading %+v", h)
				}
			}
		}
		checkNoDangerousURL(t, a.String())
	})
}

// checkNoDangerousURL fails if any href or src attribute in out holds a
// URL that dangerousURL rejects for links (data:image/ in src excepted).
func checkNoDangerousURL(t *testing.T, out string) {
	t.Helper()
	for _, attr := range []string{` href="`, ` src="`} {
		rest := out
		for {
			i := strings.Index(rest, attr)
			if i < 0 {
				break
			}
			rest = rest[i+len(attr):]
			j := strings.IndexByte(rest, '"')
			if j < 0 {
				break
			}
			if u := html.UnescapeString(rest[:j]); dangerousURL(u, attr == ` src="`) {
				t.Fatalf("dangerous URL %q written:\n%s", u, out)
			}
		}
	}
}

// TestDeeplyNested makes sure pathological nesting and repetition, as a
// fuzzer or a broken file produces, cost this package no more than they
// cost goldmark itself (some are quadratic in goldmark: 5,000 "> - " take
// ~0.1 s). Comparing with goldmark rather than with a fixed time keeps the
// test meaningful under -race and on a loaded machine.
func TestDeeplyNested(t *testing.T) {
	c := New(Options{Lang: "vi"})
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer))
	for _, unit := range []string{">", "[", "![", "*", "_", "- ", "1. ", "[a](", "<", "`", "\"", "'", "> - ", "[^", "|",
		"[a](b) ", "[a][b] ", "www.a.org ", "# h\n", "[x]: y\n"} {
		src := []byte(strings.Repeat(unit, 5000) + " x\n")
		start := time.Now()
		d := c.Parse(src)
		var b bytes.Buffer
		if err := d.Render(&b, func(l Link) string { return l.Dest }); err != nil {
			t.Fatal(err)
		}
		_ = d.Links()
		if _, err := d.PlainText(); err != nil {
			t.Fatal(err)
		}
		ours := time.Since(start)

		start = time.Now()
		if err := gm.Convert(src, io.Discard); err != nil {
			t.Fatal(err)
		}
		theirs := time.Since(start)
		t.Logf("%q × 5000: %v (goldmark alone %v)", unit, ours, theirs)
		if ours > 4*theirs+100*time.Millisecond {
			t.Errorf("%q × 5000 took %v, goldmark alone %v", unit, ours, theirs)
		}
	}
}
