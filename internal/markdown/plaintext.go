package markdown

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// PlainText returns the document's visible text, for summaries, reading time
// and search: no markup, no raw HTML, no image alt text, no footnote
// references; code is kept, and footnote texts come last, as rendered.
// Every block (paragraph, heading, list item, table row, code block) is one
// line; inside a block, line breaks become spaces, except between two East
// Asian wide characters, where they vanish as they do in the HTML. Table
// cells are separated by a space.
func (d *Doc) PlainText() string { return d.text }

// WordCount returns the number of words in PlainText; see countWords.
func (d *Doc) WordCount() int { return d.words }

func (d *Doc) computeText(t *tree) {
	var tw textWriter
	tw.reset(t.src)
	tw.Grow(len(t.src))
	tw.blocks(t.root)
	// A copy at its length: the builder grew to the source's size, and a
	// big site keeps every document's text until its search index is made.
	d.text = strings.Clone(tw.String())
	d.words = countWords(d.text)
}

// textWriter accumulates plain text. Separators are written lazily, when
// the next text arrives, so the result never starts or ends with one.
type textWriter struct {
	strings.Builder
	src     []byte
	pending byte // 0, ' ' (a line break inside a block) or '\n' (a block ended)
	last    rune // last rune written, for East Asian line breaks
}

func (t *textWriter) reset(src []byte) {
	t.Builder = strings.Builder{}
	t.src, t.pending, t.last = src, 0, 0
}

func (t *textWriter) endBlock() {
	if t.Len() > 0 {
		t.pending = '\n'
	}
}

func (t *textWriter) softBreak() {
	if t.Len() > 0 && t.pending == 0 {
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
		t.WriteByte('\n')
	case ' ':
		if next, _ := utf8.DecodeRune(b); !(isWide(t.last) && isWide(next)) {
			t.WriteByte(' ')
		}
	}
	t.pending = 0
	t.Write(b)
	t.last, _ = utf8.DecodeLastRune(b)
}

// blocks writes the text of n's block children.
func (t *textWriter) blocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
			t.inlines(c)
			t.endBlock()
		case ast.KindCodeBlock, ast.KindFencedCodeBlock:
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				line := lines.At(i)
				t.write(bytes.TrimRight(line.Value(t.src), " \t\r\n"))
				t.endBlock()
			}
		case east.KindTableRow, east.KindTableHeader:
			for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
				t.inlines(cell)
				t.softBreak()
			}
			t.endBlock()
		case ast.KindHTMLBlock, ast.KindThematicBreak, ast.KindLinkReferenceDefinition:
			// Markup, not text.
		default:
			// Document, blockquote, list, list item, table, footnote list,
			// footnote: containers of blocks.
			t.blocks(c)
		}
	}
}

// inlines writes the text of n's inline children.
func (t *textWriter) inlines(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(t.src)
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
					v := txt.Segment.Value(t.src)
					if n := len(v); n > 0 && v[n-1] == '\n' {
						t.write(v[:n-1])
						t.softBreak()
					} else {
						t.write(v)
					}
				}
			}
		case *ast.AutoLink:
			t.write(c.Label(t.src))
		case *ast.RawHTML, *ast.Image, *east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
			// Not visible text.
		default:
			// Emphasis, link, strikethrough: their text is visible.
			t.inlines(c)
		}
	}
}

// isWide reports whether r is an East Asian character between which and a
// like one a line break is not a space: Han, kana, Hangul, CJK punctuation
// and full-width forms.
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
