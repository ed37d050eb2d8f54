package markdown

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// textWriter accumulates plain text: the rules of PlainText's separators
// live here, shared by the HTML extractor (plaintext.go) and by heading
// texts (headingText). Separators are written lazily, when the next text
// arrives, so the result never starts or ends with one.
type textWriter struct {
	buf     []byte
	pending byte // 0, ' ' (a line break inside a block) or '\n' (a block ended)
	last    rune // last rune written, for East Asian line breaks
}

// reset empties t, keeping its buffer.
func (t *textWriter) reset() {
	t.buf, t.pending, t.last = t.buf[:0], 0, 0
}

func (t *textWriter) endBlock() {
	if len(t.buf) > 0 {
		t.pending = '\n'
	}
}

func (t *textWriter) softBreak() {
	if len(t.buf) > 0 && t.pending == 0 {
		t.pending = ' '
	}
}

func (t *textWriter) write(b []byte) {
	if (t.pending == ' ' || t.last == ' ') && len(b) > 0 && b[0] == ' ' {
		b = bytes.TrimLeft(b, " ") // "a ![img](x) b" has one space, not two
	}
	if len(b) == 0 {
		return
	}
	switch t.pending {
	case '\n':
		t.buf = append(t.buf, '\n')
	case ' ':
		if next, _ := utf8.DecodeRune(b); !(isWide(t.last) && isWide(next)) {
			t.buf = append(t.buf, ' ')
		}
	}
	t.pending = 0
	t.buf = append(t.buf, b...)
	t.last, _ = utf8.DecodeLastRune(b)
}

// headingText returns the plain text of a heading, for its ID and
// Heading.Text. It reads the syntax tree because the ID is written into
// the HTML, so the heading's text is needed before there is HTML to
// extract it from; it follows the rules of PlainText.
func headingText(tw *textWriter, src []byte, h ast.Node) string {
	tw.reset()
	tw.inlines(src, h)
	return string(tw.buf)
}

// inlines writes the text of n's inline children.
func (t *textWriter) inlines(src []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() && (bytes.IndexByte(v, '\\') >= 0 || bytes.IndexByte(v, '&') >= 0) {
				v = util.UnescapePunctuations(v)
				v = util.ResolveNumericReferences(v)
				v = util.ResolveEntityNames(v)
			}
			t.write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				t.softBreak()
			}
		case *ast.String:
			// Typographer output: literal characters (see typographer).
			t.write(c.Value)
		case *ast.CodeSpan:
			for s := c.FirstChild(); s != nil; s = s.NextSibling() {
				if txt, ok := s.(*ast.Text); ok {
					v := txt.Segment.Value(src)
					if n := len(v); n > 0 && v[n-1] == '\n' {
						t.write(v[:n-1])
						t.softBreak()
					} else {
						t.write(v)
					}
				}
			}
		case *ast.AutoLink:
			t.write(c.Label(src))
		case *ast.RawHTML, *ast.Image, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
			// Not visible text.
		default:
			// Emphasis, link, strikethrough: their text is visible.
			t.inlines(src, c)
		}
	}
}

// isWide reports whether r is an East Asian character between which and a
// like one a line break is not a space: Han, kana, Hangul, CJK punctuation
// and full-width forms. The HTML follows the same rule (see
// softBreakVisible), so the text can be read back from it.
func isWide(r rune) bool {
	switch {
	case r < 0x1100:
		return false
	case r <= 0x11FF, // Hangul Jamo
		0x2E80 <= r && r <= 0x9FFF,   // CJK radicals, punctuation, kana, Han
		0xA960 <= r && r <= 0xA97F,   // Hangul Jamo Extended-A
		0xAC00 <= r && r <= 0xD7FF,   // Hangul syllables, Jamo Extended-B
		0xF900 <= r && r <= 0xFAFF,   // CJK compatibility ideographs
		0xFE30 <= r && r <= 0xFE4F,   // CJK compatibility forms
		0xFF00 <= r && r <= 0xFFEF,   // half- and full-width forms
		0x1B000 <= r && r <= 0x1B16F, // kana supplement, extended
		0x20000 <= r && r <= 0x3FFFF: // Han extensions B and beyond
		return true
	}
	return false
}
