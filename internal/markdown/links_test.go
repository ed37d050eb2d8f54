package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestLinksPositions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []Link
	}{
		{"inline", "See [a](x.md) now", []Link{{Dest: "x.md", Line: 1, Col: 9}}},
		{"repeated destination gets its own position",
			"[a](x.md) [b](x.md)\n[c](x.md)",
			[]Link{{Dest: "x.md", Line: 1, Col: 5}, {Dest: "x.md", Line: 1, Col: 15}, {Dest: "x.md", Line: 2, Col: 5}}},
		{"columns count code points", "Đoàn trường [ảnh](a.md)",
			[]Link{{Dest: "a.md", Line: 1, Col: 19}}},
		{"text equal to destination", "[https://x.org](https://x.org)",
			[]Link{{Dest: "https://x.org", Line: 1, Col: 17}}},
		{"angle brackets and title", "[a](<my file.md> \"T\")",
			[]Link{{Dest: "my file.md", Line: 1, Col: 6}}},
		{"entities and escapes resolved, raw text located", `[a](a&amp;b\_c.md)`,
			[]Link{{Dest: "a&b_c.md", Line: 1, Col: 5}}},
		{"empty destination points at bracket", "x [a]()",
			[]Link{{Dest: "", Line: 1, Col: 3}}},
		{"image", "text\n\n![alt](img/a.jpg)",
			[]Link{{Dest: "img/a.jpg", Line: 3, Col: 8, Image: true}}},
		{"image inside link", "[![i](p.jpg)](page.md)",
			[]Link{{Dest: "page.md", Line: 1, Col: 15}, {Dest: "p.jpg", Line: 1, Col: 7, Image: true}}},
		{"link in image alt is not listed", "![a [b](c.md)](d.png)",
			[]Link{{Dest: "d.png", Line: 1, Col: 16, Image: true}}},
		{"blockquote continuation", "> a\n> [b](c.md)",
			[]Link{{Dest: "c.md", Line: 2, Col: 7}}},
		{"list item", "- one\n- two [b](c.md)",
			[]Link{{Dest: "c.md", Line: 2, Col: 11}}},
		{"table cell", "| a | b |\n|---|---|\n| x | [y](z.md) |",
			[]Link{{Dest: "z.md", Line: 3, Col: 11}}},
		{"heading", "# Title [x](y.md)", []Link{{Dest: "y.md", Line: 1, Col: 13}}},
		{"autolink", "a <https://x.org/p>", []Link{{Dest: "https://x.org/p", Line: 1, Col: 4, Auto: true}}},
		{"email autolink gets mailto", "<a@b.org>", []Link{{Dest: "mailto:a@b.org", Line: 1, Col: 2, Auto: true}}},
		{"linkify url", "xem https://x.org và www.y.org",
			[]Link{{Dest: "https://x.org", Line: 1, Col: 5, Auto: true}, {Dest: "http://www.y.org", Line: 1, Col: 22, Auto: true}}},
		{"linkify email", "viết cho press@x.org", []Link{{Dest: "mailto:press@x.org", Line: 1, Col: 10, Auto: true}}},
		{"reference points at definition",
			"[a][r] and [r] and [b][R]\n\n[r]: <other.md>\n[r]: ignored.md",
			[]Link{{Dest: "other.md", Line: 3, Col: 7, Ref: true}, {Dest: "other.md", Line: 3, Col: 7, Ref: true}, {Dest: "other.md", Line: 3, Col: 7, Ref: true}}},
		{"reference defined before use", "[r]: x.md\n\ntext [r]",
			[]Link{{Dest: "x.md", Line: 1, Col: 6, Ref: true}}},
		{"footnote text links", "a[^1]\n\n[^1]: see [x](y.md)",
			[]Link{{Dest: "y.md", Line: 3, Col: 15}}},
		{"no links", "plain *text*", nil},
	}
	c := New(Options{Lang: "vi"})
	for _, tt := range tests {
		got := c.Parse([]byte(tt.src)).Links()
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\ngot  %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

func TestLinksIsACopy(t *testing.T) {
	d := New(Options{}).Parse([]byte("[a](x)"))
	d.Links()[0].Dest = "changed"
	if got := d.Links()[0].Dest; got != "x" {
		t.Fatalf("Links shares its slice: got %q", got)
	}
}

func TestFirstImage(t *testing.T) {
	tests := []struct{ src, want string }{
		{"no image [a](b)", ""},
		{"[a](b) ![x](one.jpg) ![y](two.jpg)", "one.jpg"},
		{"> ![x](a&amp;b.jpg)", "a&b.jpg"},
		{"[![x](in-link.png)](p)", "in-link.png"},
	}
	c := New(Options{})
	for _, tt := range tests {
		if got := c.Parse([]byte(tt.src)).FirstImage(); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestDangerousURL(t *testing.T) {
	tests := []struct {
		url   string
		image bool
		want  bool
	}{
		{"javascript:alert(1)", false, true},
		{"JaVaScRiPt:alert(1)", false, true},
		{"javascript:alert(1)", true, true},
		{" \x01javascript:x", false, true},
		{"java\tscript:x", false, true},
		{"java\nscript:x", false, true},
		{"vbscript:msgbox", false, true},
		{"VBSCRIPT:x", false, true},
		{"file:///etc/passwd", false, true},
		{"data:text/html;base64,xx", false, true},
		{"data:text/html;base64,xx", true, true},
		{"data:image/png;base64,xx", false, true},
		{"data:image/png;base64,xx", true, false},
		{"DATA:IMAGE/svg+xml;base64,xx", true, false},
		{"data:\timage/png", true, false},
		{"https://example.org/javascript:x", false, false},
		{"/javascript:x", false, false},
		{"./javascript:x", false, false},
		{"%6Aavascript:x", false, false},
		{"javascript", false, false},
		{"javascripts:x", false, false},
		{"mailto:a@b.org", false, false},
		{"tel:+84", false, false},
		{"", false, false},
		{"ｊａｖａｓｃｒｉｐｔ:x", false, false}, // percent-encoded when written: no scheme
	}
	for _, tt := range tests {
		if got := dangerousURL(tt.url, tt.image); got != tt.want {
			t.Errorf("dangerousURL(%q, image=%v) = %v, want %v", tt.url, tt.image, got, tt.want)
		}
		if got := (Link{Dest: tt.url, Image: tt.image}).Dangerous(); got != tt.want {
			t.Errorf("Link{%q}.Dangerous() = %v, want %v", tt.url, got, tt.want)
		}
	}
}

// TestDangerousLinksNeverWritten checks the whole pipeline: every way of
// writing a javascript: destination comes out as an empty attribute, with
// or without Unsafe, and only TrustAuthors lets it through.
func TestDangerousLinksNeverWritten(t *testing.T) {
	srcs := []string{
		"[a](javascript:alert(1))",
		"[a](JaVaScRiPt:alert(1))",
		"[a](&#106;avascript:alert(1))",
		"[a](&#x6A;&#x61;vascript:alert(1))",
		"[a](javascript&colon;alert(1))",
		"[a](java&#x09;script:alert(1))",
		"[a](javascript\\:alert(1))",
		"[a](< javascript:alert(1)>)",
		"<javascript:alert(1)>",
		"<JAVASCRIPT:alert(1)>",
		"[a][r]\n\n[r]: javascript:alert(1)",
		"[a]\n\n[a]: JavaScript:alert(1) \"t\"",
		"![a](javascript:alert(1))",
		"[a](vbscript:x)",
		"[a](data:text/html,<script>alert(1)</script>)",
		"![a](data:text/html;base64,PHNjcmlwdD4=)",
		"[a](data:image/png;base64,AAAA)",
	}
	safe, unsafe := []*Converter{New(Options{}), New(Options{Unsafe: true})}, New(Options{Unsafe: true, TrustAuthors: true})
	for _, src := range srcs {
		var b bytes.Buffer
		for _, c := range safe {
			b.Reset()
			if err := c.Parse([]byte(src)).Render(&b, nil); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			if !strings.Contains(out, `href=""`) && !strings.Contains(out, `src=""`) {
				t.Errorf("%q: destination written: %s", src, out)
			}
		}
		b.Reset()
		if err := unsafe.Parse([]byte(src)).Render(&b, nil); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.String(), `href=""`) || strings.Contains(b.String(), `src=""`) {
			t.Errorf("%q: TrustAuthors dropped the destination: %s", src, b.String())
		}
	}
}

func TestDataImageAllowedOnImagesOnly(t *testing.T) {
	got := render(t, Options{}, "![i](data:image/png;base64,AAAA) [l](data:image/png;base64,AAAA)")
	want := `<p><img src="data:image/png;base64,AAAA" alt="i" loading="lazy" decoding="async"> <a href="">l</a></p>`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestDangerousRewriteResultDropped(t *testing.T) {
	d := New(Options{}).Parse([]byte("[a](x.md)"))
	var b bytes.Buffer
	if err := d.Render(&b, func(Link) string { return "javascript:alert(1)" }); err != nil {
		t.Fatal(err)
	}
	if want := "<p><a href=\"\">a</a></p>\n"; b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
}

func TestRawHTML(t *testing.T) {
	src := "<div>x</div>\n\na <b onclick=\"e()\">b</b>"
	safe := render(t, Options{}, src)
	if want := "<!-- raw HTML omitted -->\n<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --></p>"; safe != want {
		t.Errorf("safe: got %q, want %q", safe, want)
	}
	trusted := render(t, Options{Unsafe: true, TrustAuthors: true}, src)
	if want := "<div>x</div>\n<p>a <b onclick=\"e()\">b</b></p>"; trusted != want {
		t.Errorf("trusted: got %q, want %q", trusted, want)
	}
	sanitized := render(t, Options{Unsafe: true}, src)
	if want := "<div>x</div>\n<p>a <b>b</b></p>"; sanitized != want {
		t.Errorf("sanitized: got %q, want %q", sanitized, want)
	}
	if got := render(t, Options{TrustAuthors: true}, src); got != safe {
		t.Errorf("TrustAuthors without Unsafe: got %q, want %q", got, safe)
	}
}

func TestRenderRewrite(t *testing.T) {
	src := "[a](x.md \"T&amp;\") ![b *c*](i.png) <https://e.org> www.f.org [d][r]\n\n[r]: y.md"
	d := New(Options{}).Parse([]byte(src))
	var seen []Link
	var b bytes.Buffer
	err := d.Render(&b, func(l Link) string {
		seen = append(seen, l)
		return "/r/" + strings.ToUpper(l.Dest) + " ü?a=1&b=2"
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(seen, d.Links()) {
		t.Errorf("rewrite saw %+v\nwant Links() %+v", seen, d.Links())
	}
	want := `<p><a href="/r/X.MD%20%C3%BC?a=1&amp;b=2" title="T&amp;">a</a> ` +
		`<img src="/r/I.PNG%20%C3%BC?a=1&amp;b=2" alt="b c" loading="lazy" decoding="async"> ` +
		`<a href="/r/HTTPS://E.ORG%20%C3%BC?a=1&amp;b=2">https://e.org</a> ` +
		`<a href="/r/HTTP://WWW.F.ORG%20%C3%BC?a=1&amp;b=2">www.f.org</a> ` +
		`<a href="/r/Y.MD%20%C3%BC?a=1&amp;b=2">d</a></p>` + "\n"
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
}

// TestRenderRepeatable renders one Doc many times, concurrently, with
// different rewrite functions: each result must match a sequential render
// with the same function; PlainText reads the same HTML meanwhile (run with
// -race).
func TestRenderRepeatable(t *testing.T) {
	src := []byte("# T\n\n[a](one.md) ![i](two.png) [b](three.md)\n\n[^1]\n\n[^1]: note [c](four.md)\n")
	d := New(Options{Lang: "vi"}).Parse(src)
	rewrites := []func(Link) string{
		nil,
		func(l Link) string { return "../" + l.Dest },
		func(l Link) string { return fmt.Sprintf("%d:%d", l.Line, l.Col) },
	}
	want := make([]string, len(rewrites))
	for i, rw := range rewrites {
		var b bytes.Buffer
		if err := d.Render(&b, rw); err != nil {
			t.Fatal(err)
		}
		want[i] = b.String()
	}
	if want[0] == want[1] || want[1] == want[2] {
		t.Fatal("rewrite functions made no difference")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 20 {
				i := (g + k) % len(rewrites)
				var b bytes.Buffer
				if err := d.Render(&b, rewrites[i]); err != nil {
					errs <- err.Error()
					return
				}
				if b.String() != want[i] {
					errs <- fmt.Sprintf("rewrite %d: got %q, want %q", i, b.String(), want[i])
					return
				}
				if got, err := d.PlainText(); err != nil || got != "T\na b\nnote c" || d.WordCount() != 5 {
					errs <- fmt.Sprintf("PlainText %q, %v, WordCount %d", got, err, d.WordCount())
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestConcurrentParse parses and renders different documents with one
// Converter from many goroutines (run with -race).
func TestConcurrentParse(t *testing.T) {
	c := New(Options{Lang: "fr"})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 50 {
				src := fmt.Sprintf("# Titre %d\n\n\"Citation\" [lien](p%d.md) et 'mot'\n\n## Titre %d\n", g, k, g)
				d := c.Parse([]byte(src))
				var b bytes.Buffer
				if err := d.Render(&b, nil); err != nil {
					t.Error(err)
					return
				}
				want := fmt.Sprintf("<a href=\"p%d.md\">lien</a>", k)
				if !strings.Contains(b.String(), want) || d.Headings()[1].ID != fmt.Sprintf("titre-%d-1", g) {
					t.Errorf("goroutine %d doc %d: %s %+v", g, k, b.String(), d.Headings())
					return
				}
				if text, err := d.PlainText(); err != nil || !strings.Contains(text, "Citation") {
					t.Errorf("goroutine %d doc %d: PlainText %q, %v", g, k, text, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestRenderWriteError(t *testing.T) {
	d := New(Options{}).Parse([]byte("text"))
	err := d.Render(failingWriter{}, nil)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("got %v, want the writer's error", err)
	}
	// The pooled writer must not keep the failure.
	var b bytes.Buffer
	if err := d.Render(&b, nil); err != nil || b.String() != "<p>text</p>\n" {
		t.Fatalf("render after failure: %q, %v", b.String(), err)
	}
}

func TestLinkifyStopsAtQuote(t *testing.T) {
	got := render(t, Options{Lang: "fr"}, `Voir "https://x.org/a?b=1" et "www.y.org/c".`)
	want := `<p>Voir «` + "\u00a0" + `<a href="https://x.org/a?b=1">https://x.org/a?b=1</a>` + "\u00a0" + `» et «` + "\u00a0" +
		`<a href="http://www.y.org/c">www.y.org/c</a>` + "\u00a0" + `».</p>`
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
