package markdown

import (
	"bytes"
	"fmt"
	"io"

	"github.com/klauspost/compress/s2"
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
// loading="lazy" and decoding="async". Errors are the writer's or goldmark's
// (a panic while parsing some unforeseen input is one); a panic in rewrite
// is returned as an error too, and w may then hold part of the page.
//
// The HTML was made once, by Parse, with the destinations left out: Render
// only copies it, writing each destination into its slot. Parsing a
// document again for every rendering would cost as much as the first parse.
func (d *Doc) Render(w io.Writer, rewrite func(l Link) string) (err error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.released {
		return ErrReleased
	}
	if d.renderErr != nil {
		return d.renderErr
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("markdown: render: internal error: %v", p)
		}
	}()
	html := d.html
	if d.c.compact {
		rw := d.c.getWriter()
		defer d.c.putWriter(rw)
		if html, err = rw.expand(d.html); err != nil {
			return err
		}
	}
	var dest []byte
	prev := 0
	for _, s := range d.slots {
		if _, err := w.Write(html[prev:s.at]); err != nil {
			return err
		}
		prev = s.at
		l := d.links[s.link]
		u := l.Dest
		if rewrite != nil {
			u = rewrite(l)
		}
		dest = d.c.appendURL(dest[:0], u, l.Image)
		if _, err := w.Write(dest); err != nil {
			return err
		}
	}
	_, err = w.Write(html[prev:])
	return err
}

// maxPooledWriter keeps one huge document from pinning its buffer.
const maxPooledWriter = 1 << 20

// slot is where the destination of links[link] goes in a Doc's html.
type slot struct {
	at, link int
}

// appendURL appends dest as an attribute value: URL-escaped, then
// HTML-escaped, or nothing when it is dangerous (see dangerousURL).
func (c *Converter) appendURL(buf []byte, dest string, image bool) []byte {
	if dest == "" || (!c.unsafe && dangerousURL(dest, image)) {
		return buf
	}
	return append(buf, util.EscapeHTML(util.URLEscape(util.StringToReadOnlyBytes(dest), false))...)
}

// prerender renders the tree into d.html, leaving a slot where each
// destination goes, and reads the text's word count and lead back from
// that HTML (see plaintext.go). A panic in goldmark on some unforeseen
// input costs this document (every Render returns it), not the build.
func (d *Doc) prerender(t *tree) {
	rw := d.c.getWriter()
	// The HTML is about the size of the source: one allocation, not a
	// dozen doublings, each zeroed.
	rw.buf.Grow(len(t.src) + len(t.src)/2)
	rw.doc, rw.tree, rw.next = d, t, 0
	defer func() {
		rw.doc, rw.tree = nil, nil
		d.c.putWriter(rw)
	}()
	defer func() {
		if p := recover(); p != nil {
			d.renderErr = fmt.Errorf("markdown: render: internal error: %v", p)
			d.html, d.slots, d.marks = nil, nil, nil
		}
	}()
	if err := d.c.md.Renderer().Render(rw, t.src, t.root); err != nil {
		d.renderErr = fmt.Errorf("markdown: render: %w", err)
		d.slots, d.marks = nil, nil
		return
	}
	html := rw.buf.Bytes()
	if d.c.compact {
		rw.packed = s2.Encode(rw.packed[:cap(rw.packed)], html)
		d.html = bytes.Clone(rw.packed) // exactly sized: it is kept
	} else {
		d.html = bytes.Clone(html)
	}
	text := rw.extract(html, d.marks)
	d.words = countWords(util.BytesToReadOnlyString(text))
	if !d.noLead {
		d.lead = string(leadOf(text))
	}
}

// getWriter takes a renderWriter from the pool, or makes one.
func (c *Converter) getWriter() *renderWriter {
	if rw, _ := c.writers.Get().(*renderWriter); rw != nil {
		return rw
	}
	return &renderWriter{}
}

// putWriter gives rw back to the pool, unless a huge document grew one of
// its buffers.
func (c *Converter) putWriter(rw *renderWriter) {
	if rw.buf.Cap() > maxPooledWriter || cap(rw.text.buf) > maxPooledWriter || cap(rw.scratch) > maxPooledWriter ||
		cap(rw.packed) > maxPooledWriter || cap(rw.plain) > maxPooledWriter {
		return
	}
	rw.buf.Reset()
	rw.text.reset()
	rw.scratch = rw.scratch[:0]
	c.writers.Put(rw)
}

// renderWriter is the util.BufWriter goldmark renders into at Parse. It
// carries the document to the link renderers, which record a slot at the
// current offset instead of writing a destination.
type renderWriter struct {
	buf  bytes.Buffer
	doc  *Doc
	tree *tree
	next int // index in links of the link expected next

	// text and scratch are the plain text extracted from HTML and a buffer
	// for decoding it (see extract), pooled with the rest.
	text    textWriter
	scratch []byte
	// packed and plain hold a compact Doc's HTML compressed, at Parse, and
	// expanded, at Render and PlainText (see Options.Compact).
	packed, plain []byte
}

// expand returns the HTML a compact Doc keeps compressed, in rw's memory.
func (rw *renderWriter) expand(packed []byte) ([]byte, error) {
	n, err := s2.DecodedLen(packed)
	if err != nil {
		return nil, fmt.Errorf("markdown: expanding the HTML: %w", err)
	}
	if cap(rw.plain) < n {
		rw.plain = make([]byte, n)
	}
	html, err := s2.Decode(rw.plain[:cap(rw.plain)], packed)
	if err != nil {
		return nil, fmt.Errorf("markdown: expanding the HTML: %w", err)
	}
	return html, nil
}

func (rw *renderWriter) Write(p []byte) (int, error)       { return rw.buf.Write(p) }
func (rw *renderWriter) WriteString(s string) (int, error) { return rw.buf.WriteString(s) }
func (rw *renderWriter) WriteByte(c byte) error            { return rw.buf.WriteByte(c) }
func (rw *renderWriter) WriteRune(r rune) (int, error)     { return rw.buf.WriteRune(r) }
func (rw *renderWriter) Available() int                    { return 4096 }
func (rw *renderWriter) Buffered() int                     { return 0 }
func (rw *renderWriter) Flush() error                      { return nil }
func (rw *renderWriter) AvailableBuffer() []byte           { return nil }

// slot records that node n's destination goes at the current offset.
func (rw *renderWriter) slot(n ast.Node) {
	nodes := rw.tree.linkNodes
	i := rw.next
	// Links are rendered in the order collect found them; the search is a
	// safety net should a renderer ever skip or reorder nodes.
	if i >= len(nodes) || nodes[i] != n {
		i = -1
		for j, m := range nodes {
			if m == n {
				i = j
				break
			}
		}
		if i < 0 {
			return
		}
	}
	rw.next = i + 1
	rw.doc.slots = append(rw.doc.slots, slot{at: rw.buf.Len(), link: i})
}

// nodeRenderer overrides goldmark's renderers for links, images and
// autolinks. It writes what goldmark writes, except that the destination
// comes from the Render call's rewrite function, dangerous destinations are
// judged more strictly (see dangerousURL), and images get loading and
// decoding attributes. It also renders text and code spans itself and wraps
// the renderers of raw HTML, to write the soft line breaks goldmark drops
// (see renderText) and to note what the plain text extractor must know
// (see marks.go).
type nodeRenderer struct {
	writer html.Writer
	// sanitize, when set, filters raw HTML, which is then written rather
	// than omitted (see sanitize.go).
	sanitize *bluemonday.Policy
	// htmlBlock and rawHTML render raw HTML: the sanitizer's, or
	// goldmark's own (which omits it, or writes it as it is).
	htmlBlock, rawHTML renderer.NodeRendererFunc
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(ast.KindAutoLink, r.renderAutoLink)
	reg.Register(ast.KindText, r.renderText)
	reg.Register(ast.KindCodeSpan, r.renderCodeSpan)
	reg.Register(ast.KindHTMLBlock, r.renderHTMLBlock)
	reg.Register(ast.KindRawHTML, r.renderRawHTML)
}

// destination leaves a slot for n's destination; w is always a
// *renderWriter when prerender drives goldmark.
func destination(w util.BufWriter, n ast.Node) {
	if rw, ok := w.(*renderWriter); ok {
		rw.slot(n)
	}
}

func (r *nodeRenderer) renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	destination(w, n)
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
	_, _ = w.WriteString(`<a href="`)
	destination(w, n)
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
	_, _ = w.WriteString(`<img src="`)
	destination(w, n)
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
