package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// A mark tells the plain text extractor (plaintext.go) what a range of a
// Doc's html is, where the HTML alone cannot say it. The renderers record
// marks at Parse, in document order. Most documents have none: a mark is
// made for raw HTML, for a line break inside a code span, and where two
// texts meet inside a run of spaces.
type mark struct {
	start, end int
	kind       markKind
}

type markKind uint8

const (
	// markRaw is inline raw HTML (or goldmark's comment in its place),
	// which could be anything, even a <p>: skipped.
	markRaw markKind = iota
	// markRawBlock is an HTML block: skipped, and it ends a text block,
	// as the block before it did (in a tight list item, nothing in the
	// HTML says that the text before it ended).
	markRawBlock
	// markSplit (empty) is where one text of the tree ends and the next
	// begins with a space, after one that ended with a space: the walk of
	// the tree wrote them apart, and PlainText drops the second text's
	// leading spaces (textWriter.write); in the HTML they are one run.
	markSplit
	// markBreak is the space a code span's line break is written as: a
	// line break to PlainText, which vanishes between wide characters.
	markBreak
)

// mark records a mark of kind from offset start to the current one. Raw
// HTML adjacent to raw HTML (an HTML block's lines and its closing line,
// "<b><i>") extends the last mark. Raw HTML the sanitizer dropped is still
// marked: the texts on either side were written apart (see markSplit).
func (rw *renderWriter) mark(start int, kind markKind) {
	end := rw.buf.Len()
	marks := rw.doc.marks
	if kind <= markRawBlock {
		if n := len(marks); n > 0 && marks[n-1].kind <= markRawBlock && marks[n-1].end == start {
			marks[n-1].end = end
			marks[n-1].kind = max(marks[n-1].kind, kind)
			return
		}
	}
	rw.doc.marks = append(marks, mark{start: start, end: end, kind: kind})
}

// funcCapture is a registerer that keeps the functions a NodeRenderer
// registers, so that ours can call goldmark's own.
type funcCapture map[ast.NodeKind]renderer.NodeRendererFunc

func (f funcCapture) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f[k] = fn }

func (r *nodeRenderer) renderHTMLBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	rw, ok := w.(*renderWriter)
	if !ok {
		return r.htmlBlock(w, src, n, entering)
	}
	start := rw.buf.Len()
	defer rw.mark(start, markRawBlock)
	return r.htmlBlock(w, src, n, entering)
}

func (r *nodeRenderer) renderRawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	rw, ok := w.(*renderWriter)
	if !ok {
		return r.rawHTML(w, src, n, entering)
	}
	start := rw.buf.Len()
	defer rw.mark(start, markRaw)
	return r.rawHTML(w, src, n, entering)
}

// renderCodeSpan writes a code span as goldmark does (a line break is a
// space), marking each such space (markBreak) and each line that follows
// another without a line break and starts with a space (markSplit), the
// ways the walk of the tree wrote code spans.
func (r *nodeRenderer) renderCodeSpan(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code>")
		return ast.WalkContinue, nil
	}
	if n.Attributes() != nil {
		_, _ = w.WriteString("<code")
		html.RenderAttributes(w, n, html.CodeAttributeFilter)
		_ = w.WriteByte('>')
	} else {
		_, _ = w.WriteString("<code>")
	}
	rw, _ := w.(*renderWriter)
	broke := true // after <code>, as after a line break, a text starts anew
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		value := t.Segment.Value(src)
		if rw != nil && !broke && len(value) > 0 && value[0] == ' ' {
			rw.mark(rw.buf.Len(), markSplit)
		}
		line, isLine := bytes.CutSuffix(value, newline)
		r.writer.RawWrite(w, line)
		broke = isLine
		if isLine {
			start := 0
			if rw != nil {
				start = rw.buf.Len()
			}
			_ = w.WriteByte(' ')
			if rw != nil {
				rw.mark(start, markBreak)
			}
		}
	}
	return ast.WalkSkipChildren, nil
}

// splitText marks where text n begins, if the walk of the tree would have
// dropped its leading spaces (see markSplit): n starts with a space and
// follows a text ending with one, decoded. A text's value ends with a space
// when its source does, or when its source ends with a character
// reference, rarely; both are marked.
func splitText(w util.BufWriter, src, value []byte, n *ast.Text) {
	if len(value) == 0 || value[0] != ' ' {
		return
	}
	prev, ok := n.PreviousSibling().(*ast.Text)
	if !ok {
		return
	}
	v := prev.Segment.Value(src)
	if len(v) == 0 || v[len(v)-1] == ' ' || v[len(v)-1] == ';' {
		if rw, ok := w.(*renderWriter); ok {
			rw.mark(rw.buf.Len(), markSplit)
		}
	}
}
