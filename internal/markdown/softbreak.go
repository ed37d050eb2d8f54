package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// renderText writes a text as goldmark does, but decides soft line breaks
// itself. goldmark's East Asian line-break option (which every language
// needs: a Chinese quotation inside a Vietnamese article must not gain
// spaces) drops a soft line break whenever the next node is not plain
// text, so "a\n*b*" or "a\n[b](x)" became "a<em>b</em>", glued. Here the
// break is written unless both the character before it and the first one
// after it, inside emphasis or a link too, are East Asian wide characters
// as isWide says: the rule PlainText follows, so that the text read back
// from the HTML has its spaces where the walk of the tree would put them.
func (r *nodeRenderer) renderText(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Text)
	value := n.Segment.Value(src)
	if n.IsRaw() {
		r.writer.RawWrite(w, value)
		return ast.WalkContinue, nil
	}
	splitText(w, src, value, n)
	r.writer.Write(w, value)
	switch {
	case n.HardLineBreak():
		_, _ = w.WriteString("<br>\n")
	case n.SoftLineBreak() && softBreakVisible(src, value, n.NextSibling()):
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// softBreakVisible reports whether a soft line break after value (a text's
// source) is written: it is not when value ends in a wide character and
// next starts with one. Only a text's or a typographer string's first
// character counts, also when it opens emphasis, a link or strikethrough;
// anything else (code, an image, raw HTML) keeps the break, which is what
// the text extractor then reads as PlainText's line break.
func softBreakVisible(src, value []byte, next ast.Node) bool {
	last, _ := utf8.DecodeLastRune(value)
	if !isWide(last) {
		return true
	}
	for next != nil {
		var v []byte
		switch n := next.(type) {
		case *ast.Text:
			v = n.Segment.Value(src)
		case *ast.String:
			v = n.Value
		case *ast.Emphasis, *ast.Link, *east.Strikethrough:
			next = n.FirstChild()
			continue
		default:
			return true
		}
		first, _ := utf8.DecodeRune(v)
		return len(v) == 0 || !isWide(first)
	}
	return true
}
