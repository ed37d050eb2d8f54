package markdown

import (
	"github.com/yuin/goldmark/ast"
)

// collect walks the fresh tree once, before the Doc is shared: it gathers
// links, the first image and the headings, and gives every heading its id
// attribute (the only change made to the tree after goldmark built it).
func (d *Doc) collect(t *tree) {
	lc := linkCollector{src: t.src, blockEnd: len(t.src), tree: t}
	var headings []*ast.Heading
	_ = ast.Walk(t.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			lc.enterBlock(n)
			if h, ok := n.(*ast.Heading); ok {
				headings = append(headings, h)
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			lc.link(d, n, n.Destination, n.Reference, false)
		case *ast.Image:
			lc.link(d, n, n.Destination, n.Reference, true)
			if d.firstImage == "" {
				d.firstImage = d.links[len(d.links)-1].Dest
			}
			// An image's children are its alt text, rendered as plain
			// text: a link in there is never written, so it is not listed.
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			lc.autoLink(d, n)
		}
		return ast.WalkContinue, nil
	})
	lc.finish(d)
	d.assignHeadingIDs(t, headings)
}

// assignHeadingIDs gives each heading without an author-written {#id} an ID
// made by the Converter's HeadingID from its plain text and made unique.
// Author-written IDs are kept as they are and reserved first, so a generated
// ID never takes one, even one written further down.
func (d *Doc) assignHeadingIDs(t *tree, headings []*ast.Heading) {
	if len(headings) == 0 {
		return
	}
	ids := newIDSet()
	explicit := make([]string, len(headings))
	for i, h := range headings {
		if v, ok := h.AttributeString("id"); ok {
			switch v := v.(type) {
			case []byte:
				explicit[i] = string(v)
			case string:
				explicit[i] = v
			}
			ids.reserve(explicit[i])
		}
	}
	d.headings = make([]Heading, len(headings))
	var tw textWriter
	for i, h := range headings {
		text := headingText(&tw, t.src, h)
		id := explicit[i]
		if id == "" {
			id = ids.unique(d.c.headingID(text))
			h.SetAttributeString("id", []byte(id))
		}
		d.headings[i] = Heading{Level: h.Level, ID: id, Text: text}
	}
}
