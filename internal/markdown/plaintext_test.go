package markdown

import "testing"

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
		d := New(Options{Lang: tt.lang}).Parse([]byte(tt.src))
		if got := d.PlainText(); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
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
