package markdown

import (
	"bytes"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// newSanitizer returns the allow-list that raw HTML passes through when a
// Converter is Unsafe but does not TrustAuthors: bluemonday's policy for
// user-generated content (formatting, tables, lists, images, links to
// http, https and mailto; no script, style, iframe, form, event handler or
// javascript: URL), plus what a newsroom's hand-written HTML needs and
// cannot hurt: class attributes for the theme's styles, tel: links, and
// links without rel="nofollow" (the site's own authors wrote them).
//
// A bluemonday.Policy is safe for concurrent use once built.
func newSanitizer() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false)
	p.AllowURLSchemes("mailto", "http", "https", "tel")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^[\p{L}\p{N}_\- ]*$`)).Globally()
	return p
}

// renderSanitizedBlock writes an HTML block through the sanitizer: the
// block's lines (and its closing line, for <pre>, <script> and the like)
// are filtered as one fragment, so an element spanning the block's lines
// is judged whole.
func (r *nodeRenderer) renderSanitizedBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	var raw bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw.Write(seg.Value(src))
	}
	if n.HasClosure() {
		raw.Write(n.ClosureLine.Value(src))
	}
	out := r.sanitize.SanitizeBytes(raw.Bytes())
	_, _ = w.Write(out)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// renderSanitizedInline writes one inline raw HTML tag (goldmark makes a
// node of each tag: "<b>", then the text, then "</b>") through the
// sanitizer.
func (r *nodeRenderer) renderSanitizedInline(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	var raw bytes.Buffer
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		raw.Write(seg.Value(src))
	}
	_, _ = w.Write(r.sanitize.SanitizeBytes(raw.Bytes()))
	return ast.WalkSkipChildren, nil
}
