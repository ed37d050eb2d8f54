package markdown

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Link is one link, image or autolink destination of a document.
//
// Line and Col are 1-based within the src given to Parse, Col counting
// Unicode code points. They point at the destination text itself when it is
// written in the document: inside the parentheses of an inline link, at an
// autolink or a bare URL, and — for a reference-style link ([text][ref],
// [ref]) — inside the reference definition ("[ref]: dest"), since that is
// where a wrong destination is fixed; every use of one definition shares its
// position. When the destination cannot be found there (an empty one), they
// point at the link's opening bracket.
type Link struct {
	// Dest is the destination with backslash escapes and entities
	// resolved; for an e-mail autolink it starts with "mailto:", for a bare
	// "www." URL with "http://".
	Dest      string
	Line, Col int
	Image     bool // ![alt](dest)
	Auto      bool // <https://…>, <a@b.org> or a bare URL or e-mail found by linkify
	Ref       bool // reference-style; Line and Col are the definition's
}

// Dangerous reports whether l's destination is one that Render drops (writes
// as "") unless the Converter is Unsafe and TrustAuthors; see dangerousURL.
func (l Link) Dangerous() bool { return dangerousURL(l.Dest, l.Image) }

// dangerousURL reports whether u would run script or reach outside the web
// when followed: a javascript:, vbscript:, file: or data: URL, except
// data:image/ on an image (an image cannot run script). Like a browser, it
// skips leading spaces and control characters and ignores tabs and newlines
// anywhere, so "java\tscript:" and " JaVaScRiPt:" are caught; entities and
// escapes are already resolved in u.
func dangerousURL(u string, image bool) bool {
	var scheme [10]byte // longest checked scheme is "javascript"
	n, i := 0, 0
	for i < len(u) && u[i] <= ' ' {
		i++
	}
	for ; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case c == ':':
			return dangerousScheme(string(scheme[:n]), u[i+1:], image)
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z':
		default:
			// Digits, '+', '-' and '.' are legal in schemes but in none of
			// ours; anything else means there is no scheme at all.
			return false
		}
		if n == len(scheme) {
			return false
		}
		scheme[n] = c
		n++
	}
	return false
}

func dangerousScheme(scheme, rest string, image bool) bool {
	switch scheme {
	case "javascript", "vbscript", "file":
		return true
	case "data":
		return !image || !hasPrefixFoldIgnoringTabs(rest, "image/")
	}
	return false
}

// hasPrefixFoldIgnoringTabs is a case-insensitive HasPrefix for an ASCII
// prefix that skips tabs and newlines in s, as URL parsers do.
func hasPrefixFoldIgnoringTabs(s, prefix string) bool {
	j := 0
	for i := 0; i < len(s) && j < len(prefix); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[j] {
			return false
		}
		j++
	}
	return j == len(prefix)
}

// resolveDest undoes backslash escapes and entity references, which goldmark
// keeps in a destination until it renders it.
func resolveDest(raw []byte) string {
	if bytes.IndexByte(raw, '\\') < 0 && bytes.IndexByte(raw, '&') < 0 {
		return string(raw)
	}
	v := util.UnescapePunctuations(raw)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}

// linkCollector gathers links while collect walks the tree. Positions are
// kept as byte offsets until the walk ends, because a reference link may
// come before its definition.
type linkCollector struct {
	src        []byte
	tree       *tree
	blockStart int // source range of the innermost block with lines,
	blockEnd   int // which holds the inline being visited
	offsets    []int
	refs       []int // indexes of reference links, resolved in finish
	refLabels  [][]byte
	defs       []*ast.LinkReferenceDefinition
}

func (lc *linkCollector) enterBlock(n ast.Node) {
	if lines := n.Lines(); lines.Len() > 0 {
		lc.blockStart, lc.blockEnd = lines.At(0).Start, lines.At(lines.Len()-1).Stop
	}
	if def, ok := n.(*ast.LinkReferenceDefinition); ok {
		lc.defs = append(lc.defs, def)
	}
}

// link records a Link or Image node.
func (lc *linkCollector) link(d *Doc, n ast.Node, dest []byte, ref *ast.ReferenceLink, image bool) {
	start := n.Pos() // the opening bracket
	if start < 0 {
		start = lc.blockStart
	}
	off := start
	if ref != nil {
		lc.refs = append(lc.refs, len(d.links))
		lc.refLabels = append(lc.refLabels, ref.Value)
	} else if len(dest) > 0 {
		// goldmark keeps the destination as written, so it is found
		// verbatim after the link text; searching from the end of the text
		// skips a URL that is also the text ([https://x](https://x)).
		from := start
		if end := textEnd(n); end > from {
			from = end
		}
		if i := lc.find(from, lc.blockEnd, dest); i >= 0 {
			off = i
		}
	}
	d.links = append(d.links, Link{Dest: resolveDest(dest), Image: image, Ref: ref != nil})
	lc.tree.linkNodes = append(lc.tree.linkNodes, n)
	lc.offsets = append(lc.offsets, off)
}

// autoLink records an AutoLink node.
func (lc *linkCollector) autoLink(d *Doc, n *ast.AutoLink) {
	label := n.Label(lc.src)
	dest := n.URL(lc.src)
	if n.AutoLinkType == ast.AutoLinkEmail && !hasPrefixFoldIgnoringTabs(string(dest), "mailto:") {
		dest = append([]byte("mailto:"), dest...)
	}
	off := n.Pos()
	if off < 0 {
		off = lc.blockStart
	}
	if i := lc.find(off, lc.blockEnd, label); i >= 0 {
		off = i
	}
	d.links = append(d.links, Link{Dest: string(dest), Auto: true})
	lc.tree.linkNodes = append(lc.tree.linkNodes, n)
	lc.offsets = append(lc.offsets, off)
}

// find returns the offset of the first needle in src[from:end], or -1.
func (lc *linkCollector) find(from, end int, needle []byte) int {
	end = min(end, len(lc.src))
	if from < 0 || from >= end || len(needle) == 0 {
		return -1
	}
	if i := bytes.Index(lc.src[from:end], needle); i >= 0 {
		return from + i
	}
	return -1
}

// textEnd returns where the last text of a link's label ends, or -1.
func textEnd(n ast.Node) int {
	for c := n.LastChild(); c != nil; c = c.LastChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Stop
		}
	}
	return -1
}

// finish resolves reference links to their definitions and turns offsets
// into lines and columns.
func (lc *linkCollector) finish(d *Doc) {
	if len(lc.refs) > 0 && len(lc.defs) > 0 {
		// The first definition of a label wins, as in CommonMark.
		byLabel := make(map[string]*ast.LinkReferenceDefinition, len(lc.defs))
		for _, def := range lc.defs {
			key := util.ToLinkReference(def.Label)
			if _, dup := byLabel[key]; !dup {
				byLabel[key] = def
			}
		}
		for k, i := range lc.refs {
			def, ok := byLabel[util.ToLinkReference(lc.refLabels[k])]
			if !ok || def.Lines().Len() == 0 {
				continue
			}
			lines := def.Lines()
			start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
			lc.offsets[i] = start
			if j := lc.find(start, end, def.Destination); j >= 0 {
				lc.offsets[i] = j
			}
		}
	}
	if len(lc.offsets) == 0 {
		return
	}
	lineStarts := []int{0}
	for i := 0; ; {
		j := bytes.IndexByte(lc.src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		lineStarts = append(lineStarts, i)
	}
	// Columns are counted from the previous link when it is on the same
	// line and before this one, so a long line full of links stays linear.
	prevLine, prevOff, prevCol := 0, 0, 0
	for i, off := range lc.offsets {
		off = min(max(off, 0), len(lc.src))
		line := sort.Search(len(lineStarts), func(k int) bool { return lineStarts[k] > off }) // ≥ 1
		col := 0
		if line == prevLine && off >= prevOff {
			col = prevCol + utf8.RuneCount(lc.src[prevOff:off])
		} else {
			col = utf8.RuneCount(lc.src[lineStarts[line-1]:off]) + 1
		}
		d.links[i].Line, d.links[i].Col = line, col
		prevLine, prevOff, prevCol = line, off, col
	}
}
