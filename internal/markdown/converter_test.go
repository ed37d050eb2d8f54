package markdown

import (
	"strings"
	"testing"
)

func TestImages(t *testing.T) {
	tests := []struct{ src, want string }{
		{`![Ảnh "đẹp" & <b>x</b>](<a b.jpg> "Chú thích")`,
			`<p><img src="a%20b.jpg" alt="Ảnh “đẹp” &amp; x" title="Chú thích" loading="lazy" decoding="async"></p>`},
		{"![a `c` *e*\nf](x.png)",
			"<p><img src=\"x.png\" alt=\"a c e\nf\" loading=\"lazy\" decoding=\"async\"></p>"},
		{"![](x.png)", `<p><img src="x.png" alt="" loading="lazy" decoding="async"></p>`},
	}
	for _, tt := range tests {
		if got := render(t, Options{Lang: "vi"}, tt.src); got != tt.want {
			t.Errorf("%q:\ngot  %s\nwant %s", tt.src, got, tt.want)
		}
	}
}

func TestFootnoteBacklinkLabel(t *testing.T) {
	src := "a[^1]\n\n[^1]: b"
	plain := render(t, Options{}, src)
	if !strings.Contains(plain, `role="doc-backlink">&#x21a9;&#xfe0e;</a>`) {
		t.Errorf("default backlink changed: %s", plain)
	}
	labelled := render(t, Options{BacklinkLabel: `Quay lại "nội dung"`}, src)
	want := `title="Quay lại &quot;nội dung&quot;" role="doc-backlink"><span aria-hidden="true">&#x21a9;&#xfe0e;</span></a>`
	if !strings.Contains(labelled, want) {
		t.Errorf("labelled backlink:\n%s\nwant it to contain %s", labelled, want)
	}
	if !strings.Contains(labelled, `<li id="fn:1">`) || !strings.Contains(labelled, `<sup id="fnref:1">`) {
		t.Errorf("footnote IDs changed: %s", labelled)
	}
}

func TestHeadingAttributes(t *testing.T) {
	got := render(t, Options{}, "## Title {#own .wide}\n\n## Title")
	want := "<h2 id=\"own\" class=\"wide\">Title</h2>\n<h2 id=\"title\">Title</h2>"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestStrikethroughAndTasks(t *testing.T) {
	got := render(t, Options{}, "- [x] ~~old~~ new")
	want := `<ul>
<li><input checked="" disabled="" type="checkbox"> <del>old</del> new</li>
</ul>`
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestEscapedSpaceOnlyInCJK(t *testing.T) {
	if got := render(t, Options{Lang: "ja"}, `**太字**\ です`); got != "<p><strong>太字</strong>です</p>" {
		t.Errorf("ja: got %q", got)
	}
	if got := render(t, Options{Lang: "en"}, `a\ b`); got != `<p>a\ b</p>` {
		t.Errorf("en: got %q", got)
	}
}

func TestInvalidUTF8(t *testing.T) {
	// goldmark's East Asian line-break code panics on "\x81\n0".
	for _, lang := range []string{"vi", "zh"} {
		c := New(Options{Lang: lang})
		d := c.Parse([]byte("a\x81\n0 [x](\xffy.md)"))
		var b strings.Builder
		if err := d.Render(&b, nil); err != nil {
			t.Fatal(err)
		}
		if want := "<p>a\uFFFD\n0 <a href=\"%EF%BF%BDy.md\">x</a></p>\n"; b.String() != want {
			t.Errorf("%s: got %q, want %q", lang, b.String(), want)
		}
		if l := d.Links()[0]; l.Dest != "\uFFFDy.md" || l.Line != 2 || l.Col != 7 {
			t.Errorf("%s: link %+v", lang, l)
		}
	}
}
