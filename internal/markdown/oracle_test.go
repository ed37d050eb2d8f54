package markdown

import (
	"bufio"
	"bytes"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// oracleText is PlainText as it was computed before it was extracted from
// the HTML: a walk of the syntax tree. It is kept, frozen, as the reference
// the extractor is compared with (see plaintext_oracle_test.go); do not
// "fix" it, or the comparison no longer says that nothing changed.
//
// It also reports whether the walk met one of the constructs where the
// HTML cannot say what the walk wrote (see divergence).
func oracleText(c *Converter, opts Options, src []byte) (string, divergence) {
	src = validUTF8(src)
	root := c.md.Parser().Parse(text.NewReader(src))
	var tw oracleWriter
	tw.src = src
	tw.html = ghtml.NewWriter()
	if base, _ := parseLang(opts.Lang); base == "zh" || base == "ja" || base == "ko" {
		tw.html = ghtml.NewWriter(ghtml.WithEscapedSpace())
	}
	tw.Grow(len(src))
	if bytes.IndexByte(src, 0) >= 0 {
		// goldmark writes every NUL as U+FFFD, the walk kept it.
		tw.div = "a NUL byte, which the HTML has as U+FFFD"
	}
	tw.blocks(root)
	return tw.String(), tw.div
}

// divergence names a construct where the walk wrote something the HTML
// does not hold, so that no extractor of the HTML can give the same text
// (see the report in plaintext.go's extractText comment); "" if none.
type divergence string

type oracleWriter struct {
	strings.Builder
	src     []byte
	pending byte
	last    rune

	// Instrumentation, not part of the frozen walk: where the text comes
	// from, for divergence.
	div  divergence
	html ghtml.Writer // the Converter's, to compare decodings
}

// checkDecoding notes a divergence when the walk decoded a text's escapes
// and entities (v) differently from the HTML writer (raw is the source).
func (t *oracleWriter) checkDecoding(raw, v []byte) {
	if t.div != "" {
		return
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	t.html.Write(w, raw)
	_ = w.Flush()
	if html.UnescapeString(b.String()) != string(v) {
		t.div = "a text whose escapes, entities or NUL bytes the walk decoded unlike the HTML writer"
	}
}

func (t *oracleWriter) endBlock() {
	if t.Len() > 0 {
		t.pending = '\n'
	}
}

func (t *oracleWriter) softBreak() {
	if t.Len() > 0 && t.pending == 0 {
		t.pending = ' '
	}
}

func (t *oracleWriter) write(b []byte) {
	if (t.pending == ' ' || t.last == ' ') && len(b) > 0 && b[0] == ' ' {
		b = bytes.TrimLeft(b, " ")
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

func (t *oracleWriter) blocks(n ast.Node) {
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
		default:
			t.blocks(c)
		}
	}
}

func (t *oracleWriter) inlines(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(t.src)
			raw := v
			if !c.IsRaw() && (bytes.IndexByte(v, '\\') >= 0 || bytes.IndexByte(v, '&') >= 0) {
				v = util.UnescapePunctuations(v)
				v = util.ResolveNumericReferences(v)
				v = util.ResolveEntityNames(v)
			}
			if !c.IsRaw() {
				t.checkDecoding(raw, v)
			}
			t.write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				t.softBreak()
			}
		case *ast.String:
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
		default:
			t.inlines(c)
		}
	}
}
