package markdown

import (
	"bufio"
	"fmt"
	"io"

	"github.com/microcosm-cc/bluemonday"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Render writes the document as HTML to w. rewrite, when not nil, maps each
// link, image and autolink destination to the one written (for example
// "../other.md" to "../../other/"); it may return its input's Dest. It is
// called once per rendered link, in document order, with the Link that
// Links reports. Unless the Converter is Unsafe and TrustAuthors, a
// dangerous result (see Link.Dangerous) is written as an empty attribute.
//
// Render may run concurrently with itself and any other method, on this Doc
// or another, and gives identical bytes for identical inputs. Images get
// loading="lazy" and decoding="async". Errors are the writer's; a panic
// during rendering (in goldmark or in rewrite) is returned as an error too,
// and w may then hold part of the page.
func (d *Doc) Render(w io.Writer, rewrite func(l Link) string) (err error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.released {
		return ErrReleased
	}
	d = d.tree() // after Compact, a fresh parse of the same source
	rw, _ := d.c.writers.Get().(*renderWriter)
	if rw == nil {
		rw = &renderWriter{Writer: bufio.NewWriterSize(nil, 4096)}
	}
	rw.Reset(w)
	rw.doc, rw.rewrite, rw.next = d, rewrite, 0
	defer func() {
		// A panic inside goldmark on some unforeseen input must cost one
		// page, not the build (or the serve process).
		if p := recover(); p != nil {
			err = fmt.Errorf("markdown: render: internal error: %v", p)
			return // rw is dropped, not pooled: its state is unknown
		}
		rw.Reset(nil) // drop w so the pool does not keep it alive
		rw.doc, rw.rewrite = nil, nil
		d.c.writers.Put(rw)
	}()
	if err := d.c.md.Renderer().Render(rw, d.src, d.root); err != nil {
		return fmt.Errorf("markdown: render: %w", err)
	}
	return nil
}

// renderWriter is the util.BufWriter goldmark renders into. It carries one
// Render call's state to the link renderers, which goldmark shares between
// all calls: that is how one parsed tree is rendered with different rewrite
// functions, concurrently, without being modified.
type renderWriter struct {
	*bufio.Writer
	doc     *Doc
	rewrite func(Link) string
	next    int // index in doc.links of the link expected next
}

// dest returns the destination to write for node n.
func (rw *renderWriter) dest(n ast.Node) string {
	d := rw.doc
	i := rw.next
	// Links are rendered in the order collect found them; the search is a
	// safety net should a renderer ever skip or reorder nodes.
	if i >= len(d.linkNodes) || d.linkNodes[i] != n {
		i = -1
		for j, m := range d.linkNodes {
			if m == n {
				i = j
				break
			}
		}
		if i < 0 {
			return ""
		}
	}
	rw.next = i + 1
	l := d.links[i]
	if rw.rewrite != nil {
		return rw.rewrite(l)
	}
	return l.Dest
}

// nodeRenderer overrides goldmark's renderers for links, images and
// autolinks. It writes what goldmark writes, except that the destination
// comes from the Render call's rewrite function, dangerous destinations are
// judged more strictly (see dangerousURL), and images get loading and
// decoding attributes.
type nodeRenderer struct {
	unsafe bool // every URL scheme is written
	writer html.Writer
	// sanitize, when set, filters raw HTML, which is then written rather
	// than omitted (see sanitize.go).
	sanitize *bluemonday.Policy
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(ast.KindAutoLink, r.renderAutoLink)
	if r.sanitize != nil {
		reg.Register(ast.KindHTMLBlock, r.renderSanitizedBlock)
		reg.Register(ast.KindRawHTML, r.renderSanitizedInline)
	}
}

// destination looks n's destination up through w, which is always a
// *renderWriter when Render drives goldmark.
func destination(w util.BufWriter, n ast.Node) string {
	if rw, ok := w.(*renderWriter); ok && rw.doc != nil {
		return rw.dest(n)
	}
	return ""
}

func (r *nodeRenderer) writeURL(w util.BufWriter, dest string, image bool) {
	if dest == "" || (!r.unsafe && dangerousURL(dest, image)) {
		return
	}
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(util.StringToReadOnlyBytes(dest), false)))
}

func (r *nodeRenderer) renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	dest := destination(w, n)
	_, _ = w.WriteString(`<a href="`)
	r.writeURL(w, dest, false)
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	dest := destination(w, n)
	_, _ = w.WriteString(`<a href="`)
	r.writeURL(w, dest, false)
	_ = w.WriteByte('"')
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	dest := destination(w, n)
	_, _ = w.WriteString(`<img src="`)
	r.writeURL(w, dest, true)
	_, _ = w.WriteString(`" alt="`)
	r.altText(w, src, n)
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.ImageAttributeFilter)
	}
	_, _ = w.WriteString(` loading="lazy" decoding="async">`)
	return ast.WalkSkipChildren, nil
}

// altText writes the text of an image's description, as goldmark does,
// except that a hard line break is a newline rather than a <br> inside the
// attribute.
func (r *nodeRenderer) altText(w util.BufWriter, src []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.String:
			switch {
			case c.IsCode():
				_, _ = w.Write(c.Value)
			case c.IsRaw():
				r.writer.RawWrite(w, c.Value)
			default:
				r.writer.Write(w, c.Value)
			}
		case *ast.Text:
			v := c.Segment.Value(src)
			if c.IsRaw() {
				r.writer.RawWrite(w, v)
			} else {
				r.writer.Write(w, v)
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				_ = w.WriteByte('\n')
			}
		default:
			r.altText(w, src, c)
		}
	}
}
