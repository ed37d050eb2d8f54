package markdown

import (
	"bytes"
	"unicode/utf8"
)

// leadBytes is how much of the plain text a Doc keeps: Lead's length.
const leadBytes = 1 << 10

// PlainText returns the document's visible text, for search: no markup, no
// raw HTML, no image alt text, no footnote references; code is kept, and
// footnote texts come last, as rendered. Every block (paragraph, heading,
// list item, table row, code block line) is one line; inside a block, line
// breaks become spaces, except between two East Asian wide characters,
// where they vanish as they do in the HTML. Table cells are separated by a
// space.
//
// The text is not kept: a big build holds tens of thousands of documents
// at once, and their texts would be as big as their HTML. It is read back
// from the HTML on each call (see extract), which costs a fraction of
// Parse; call it once per document. After Release it returns ErrReleased,
// and if goldmark failed on the document, its error (see Render).
func (d *Doc) PlainText() (string, error) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.released {
		return "", ErrReleased
	}
	if d.renderErr != nil {
		return "", d.renderErr
	}
	rw := d.c.getWriter()
	defer d.c.putWriter(rw)
	html := d.html
	if d.c.compact {
		var err error
		if html, err = rw.expand(d.html); err != nil {
			return "", err
		}
	}
	return string(rw.extract(html, d.marks)), nil
}

// Lead returns the beginning of PlainText: its first 1 KiB (leadBytes),
// cut at a character boundary, or all of it if it is shorter. That is at
// least 255 characters, enough for a summary, which is all it is kept for;
// it stays available after Release. It is "" if goldmark failed on the
// document, or if it was parsed by ParseNoLead.
func (d *Doc) Lead() string { return d.lead }

// WordCount returns the number of words in PlainText (counted once, at
// Parse); see countWords. It stays available after Release. It is 0 if
// goldmark failed on the document.
func (d *Doc) WordCount() int { return d.words }

// leadOf returns text's first leadBytes bytes, cut at a rune boundary.
func leadOf(text []byte) []byte {
	if len(text) <= leadBytes {
		return text
	}
	n := leadBytes
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}

// extract returns the plain text of html, a Doc's prerendered HTML with
// its marks, in rw.text's buffer (valid until rw is used again). It does
// not depend on link destinations, which html leaves out.
//
// It reads only what goldmark and this package's renderers write, not HTML
// in general; that is what makes a scan enough. Every '<' outside raw HTML
// starts one of their tags, and no attribute value holds a '>' (they are
// escaped), so a tag ends at the first '>'. Text is escaped with &amp;,
// &lt;, &gt; and &quot; only; the one other character reference is the
// no-break space goldmark writes before a footnote's backlink. What the
// tags mean for the text:
//
//   - a block tag (p, h1–h6, li, ul, ol, blockquote, table, thead, tbody,
//     tr, div, hr, pre) ends a block;
//   - a table cell's end, a <br> and a newline in text are line breaks
//     inside a block (the renderer writes a soft line break as a newline,
//     unless it vanishes between two wide characters: see renderText);
//   - inside <pre>, every line is a block, trimmed on the right;
//   - a footnote reference (<sup>…</sup>) and a footnote backlink (<a …
//     role="doc-backlink">…</a>) are skipped, as is a task list's checkbox
//     with the space after it; an image is a tag, its alt text an attribute.
//
// The marks say the rest (see marks.go): where raw HTML is, which is
// skipped; where a code span's line break is; where the tree had two texts
// where the HTML has one run. Text goes through the same textWriter as a
// heading's text, so separators follow the same rules, and the result is
// the text a walk of the tree gives (see oracle_test.go), except where the
// tree's texts were decoded differently from the HTML (listed there).
func (rw *renderWriter) extract(html []byte, marks []mark) []byte {
	tw := &rw.text
	tw.reset()
	var pre, code bool // inside <pre>, inside <code>
	for i := 0; i < len(html); {
		for len(marks) > 0 && marks[0].start < i {
			marks = marks[1:] // inside a skipped tag: cannot happen, but must not panic
		}
		end := len(html)
		if len(marks) > 0 {
			end = marks[0].start
		}
		j := bytes.IndexByte(html[i:end], '<')
		if j < 0 {
			j = end - i
		}
		if j > 0 {
			rw.text1(html[i:i+j], pre, code)
		}
		i += j
		if len(marks) > 0 && i == marks[0].start {
			switch marks[0].kind {
			case markRawBlock:
				tw.endBlock()
			case markBreak:
				tw.softBreak()
			}
			i = max(i, marks[0].end)
			marks = marks[1:]
			continue
		}
		if i >= len(html) {
			break
		}
		k := bytes.IndexByte(html[i:], '>')
		if k < 0 {
			break // not written by a renderer; cannot happen
		}
		tag := html[i : i+k+1]
		i += k + 1
		name, closing := tagName(tag)
		switch string(name) {
		case "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
			"table", "thead", "tbody", "tr", "div", "hr":
			tw.endBlock()
		case "pre":
			tw.endBlock()
			pre = !closing
		case "code":
			code = !closing
		case "th", "td":
			if closing {
				tw.softBreak()
			}
		case "br":
			tw.softBreak()
		case "input": // a task's checkbox, and the space the renderer adds
			if i < len(html) && html[i] == ' ' {
				i++
			}
		case "sup": // a footnote reference
			i = skipPast(html, i, supEnd)
		case "a":
			if !closing && bytes.HasSuffix(tag, backlinkEnd) {
				i = skipPast(html, i, aEnd)
			}
		}
	}
	return tw.buf
}

var (
	supEnd      = []byte("</sup>")
	aEnd        = []byte("</a>")
	backlinkEnd = []byte(`role="doc-backlink">`)
)

// skipPast returns the offset just past the first end in html[i:], or
// len(html).
func skipPast(html []byte, i int, end []byte) int {
	if k := bytes.Index(html[i:], end); k >= 0 {
		return i + k + len(end)
	}
	return len(html)
}

// tagName returns the name of tag ("<p>", "</h2>", `<a href="">`) and
// whether it is a closing tag.
func tagName(tag []byte) (name []byte, closing bool) {
	name = tag[1:]
	if len(name) > 0 && name[0] == '/' {
		name, closing = name[1:], true
	}
	for i, c := range name {
		if c == ' ' || c == '>' || c == '/' || c == '\n' {
			return name[:i], closing
		}
	}
	return name, closing
}

// text1 writes one run of text between tags.
func (rw *renderWriter) text1(b []byte, pre, code bool) {
	tw := &rw.text
	if bytes.IndexByte(b, '&') >= 0 {
		rw.scratch = unescapeHTML(rw.scratch[:0], b)
		b = rw.scratch
	}
	switch {
	case pre: // a code block: one block per line
		for {
			line, rest, more := bytes.Cut(b, newline)
			tw.write(bytes.TrimRight(line, " \t\r\n"))
			tw.endBlock()
			if !more {
				return
			}
			b = rest
		}
	case code: // a code span: its line breaks are marks
		tw.write(b)
	default:
		for {
			line, rest, more := bytes.Cut(b, newline)
			tw.write(line)
			if !more {
				return
			}
			tw.softBreak()
			b = rest
		}
	}
}

var newline = []byte("\n")

// unescapeHTML appends b to dst with the references goldmark's writer
// makes decoded, and the no-break space before a footnote backlink
// dropped.
func unescapeHTML(dst, b []byte) []byte {
	for {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:i]...)
		b = b[i:]
		switch {
		case bytes.HasPrefix(b, []byte("&amp;")):
			dst, b = append(dst, '&'), b[5:]
		case bytes.HasPrefix(b, []byte("&lt;")):
			dst, b = append(dst, '<'), b[4:]
		case bytes.HasPrefix(b, []byte("&gt;")):
			dst, b = append(dst, '>'), b[4:]
		case bytes.HasPrefix(b, []byte("&quot;")):
			dst, b = append(dst, '"'), b[6:]
		case bytes.HasPrefix(b, []byte("&#160;")):
			b = b[6:]
		default:
			dst, b = append(dst, '&'), b[1:]
		}
	}
}
