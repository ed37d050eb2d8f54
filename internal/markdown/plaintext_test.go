package markdown

import (
	"strings"
	"testing"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ name, lang, src, want string }{
		{"paragraphs and headings", "en", "# Title\n\nOne *two*\nthree.\n\nFour.", "Title\nOne two three.\nFour."},
		{"escapes and entities", "en", `a \*b\* &amp; &#233; &copy;`, "a *b* & é ©"},
		{"links keep text, images dropped", "en", "See [the **page**](x.md) ![photo](p.jpg) now <https://e.org>", "See the page now https://e.org"},
		{"raw html dropped", "en", "a <b>bold</b> c\n\n<div>\nblock\n</div>\n\nd", "a bold c\nd"},
		{"footnotes: refs dropped, text last", "vi", "Câu[^1] tiếp.\n\n[^1]: Ghi chú.", "Câu tiếp.\nGhi chú."},
		{"lists and quotes", "en", "- a\n- b\n\n> c\n> d", "a\nb\nc d"},
		{"table", "en", "| h1 | h2 |\n|---|---|\n| a | |\n| b | c |", "h1 h2\na\nb c"},
		{"code", "en", "`x  y`\n\n```go\nfunc f() {}\n\n}\n```", "x  y\nfunc f() {}\n}"},
		{"task list", "en", "- [x] done\n- [ ] todo", "done\ntodo"},
		{"typographer", "fr", `"Oui"... 2011--2020`, "«\u00a0Oui\u00a0»… 2011–2020"},
		{"hard break", "en", "a  \nb\\\nc", "a b c"},
		{"chinese line breaks vanish", "zh", "越南\n中国\nand\nmore", "越南中国 and more"},
		{"thematic break and reference definition", "en", "a\n\n---\n\n[r]: x\n\nb", "a\nb"},
		{"empty", "en", "", ""},
	}
	for _, tt := range tests {
		opts := Options{Lang: tt.lang}
		c := New(opts)
		d := c.Parse([]byte(tt.src))
		got, err := d.PlainText()
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v, want %q", tt.name, got, err, tt.want)
		}
		if oracle, _ := oracleText(c, opts, []byte(tt.src)); oracle != tt.want {
			t.Errorf("%s: the walk of the tree gives %q, want %q", tt.name, oracle, tt.want)
		}
		if d.Lead() != tt.want || d.WordCount() != countWords(tt.want) {
			t.Errorf("%s: Lead %q, WordCount %d", tt.name, d.Lead(), d.WordCount())
		}
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		text string
		want int
	}{
		{"", 0},
		{"one two  three\nfour", 4},
		{"Hội nghị thông tin đối ngoại", 6},
		{"state-of-the-art, 16-KL/TW.", 2},
		{"2011 – 2020", 2},
		{"« Oui » dit-il", 2},
		{"越南外交部", 5},
		{"越南与中国，继续合作。", 9},
		{"ひらがなカタカナ", 8},
		{"한국어 문장", 5},
		{"Hà Nội 2024年5月", 6},
		{"ASEAN峰会在Hà Nội举行", 8},
		{"(word)", 1},
		{"...", 0},
		{"مرحبا بالعالم", 2},
		{"ສະບາຍດີ", 2},         // Lao "sabaidi": 6 letters and a mark
		{"ภาษาไทย ภาษาไทย", 4}, // Thai "phasa thai" twice: 7 letters each
		{"ភាសាខ្មែរ", 2},       // Khmer "phiasa khmae": 5 letters, 4 marks
		{"Lao: ສະບາຍດີ ok", 4}, // scripts mixed
	}
	for _, tt := range tests {
		if got := countWords(tt.text); got != tt.want {
			t.Errorf("countWords(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
	d := New(Options{Lang: "vi"}).Parse([]byte("# Tiêu đề\n\nMột **hai** [ba](x.md).\n"))
	if got := d.WordCount(); got != 5 {
		t.Errorf("Doc.WordCount() = %d, want 5", got)
	}
}

// TestPlainTextDivergences lists the inputs whose text, read from the HTML,
// differs from the one the walk of the tree gave before: the walk decoded
// escapes, entities and NUL bytes unlike goldmark's HTML writer, and the
// HTML, which readers see, cannot tell what the walk did. The new text is
// the HTML's.
func TestPlainTextDivergences(t *testing.T) {
	tests := []struct{ lang, src, want, walk string }{
		{"vi", `\&amp;`, "&amp;", "&"},                                    // an escaped & does not start a reference
		{"vi", "&#38;amp;", "&amp;", "&"},                                 // a reference is decoded once
		{"vi", "&#0123;", "{", "S"},                                       // decimal, not octal
		{"vi", "&#09;", "\t", "\uFFFD"},                                   // decimal, not invalid octal
		{"vi", "&#x0000041;", "&#x0000041;", "A"},                         // at most 6 hex digits
		{"zh", `a\ b`, "ab", `a\ b`},                                      // an escaped space is not written in zh, ja, ko
		{"vi", "a\x00b", "a\uFFFDb", "a\x00b"},                            // NUL is U+FFFD
		{"vi", "`a\x00b`", "a\uFFFDb", "a\x00b"},                          // also in code
		{"vi", "&#x110000; &#1234567;", "\uFFFD \uFFFD", "\uFFFD \uFFFD"}, // the same: not a divergence
	}
	for _, tt := range tests {
		opts := Options{Lang: tt.lang}
		c := New(opts)
		got, err := c.Parse([]byte(tt.src)).PlainText()
		if err != nil || got != tt.want {
			t.Errorf("%q: PlainText %q, %v, want %q", tt.src, got, err, tt.want)
		}
		walk, div := oracleText(c, opts, []byte(tt.src))
		if walk != tt.walk || (div == "") != (walk == got) {
			t.Errorf("%q: the walk gives %q (divergence %q), want %q", tt.src, walk, div, tt.walk)
		}
	}
}

// TestPlainTextLead checks that Lead is the first KiB of the text, cut
// between characters, and that WordCount and Lead survive Release.
func TestPlainTextLead(t *testing.T) {
	c := New(Options{Lang: "vi"})
	for _, n := range []int{0, 1, 200, 341, 342, 343, 1000} {
		src := strings.Repeat("ệ", n) // 3 bytes each
		d := c.Parse([]byte(src))
		text, err := d.PlainText()
		if err != nil || text != src {
			t.Fatalf("%d: PlainText %q, %v", n, text, err)
		}
		want := src
		if len(src) > leadBytes {
			want = src[:leadBytes/3*3]
		}
		if d.Lead() != want {
			t.Errorf("%d: Lead has %d bytes, want %d", n, len(d.Lead()), len(want))
		}
		d.Release()
		if d.Lead() != want || d.WordCount() != min(n, 1) {
			t.Errorf("%d: after Release, Lead has %d bytes, WordCount %d", n, len(d.Lead()), d.WordCount())
		}
	}
}

// TestPlainTextRawHTML checks that raw HTML is left out of the text
// whether it is omitted, sanitized or written as it is: the HTML alone
// could not tell a raw <p> from a paragraph.
func TestPlainTextRawHTML(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"inline and block", "a <b>bold</b> c\n\n<div>\nblock\n</div>\n\nd", "a bold c\nd"},
		{"raw paragraph", "<p>not text</p>\n\nx <sup>1</sup> y", "x 1 y"},
		{"in a tight list", "- a\n  <div>x</div>\n- b", "a\nb"},
		{"dropped tag between spaces", "a <script>s</script> b", "a s b"},
		{"comment and pre", "<!-- c -->\n<pre>\ncode\n</pre>\n\nz", "z"},
	}
	for _, opts := range []Options{{Lang: "en"}, {Lang: "en", Unsafe: true}, {Lang: "en", Unsafe: true, TrustAuthors: true}} {
		c := New(opts)
		for _, tt := range tests {
			got, err := c.Parse([]byte(tt.src)).PlainText()
			if err != nil || got != tt.want {
				t.Errorf("%s (unsafe %v, trust %v): got %q, %v, want %q", tt.name, opts.Unsafe, opts.TrustAuthors, got, err, tt.want)
			}
		}
	}
}
