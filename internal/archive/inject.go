package archive

import (
	"bytes"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// doc is what scanHTML finds in a page, as byte offsets into it.
type doc struct {
	lang       string // <html lang>, "" when absent
	afterBody  int    // just after the <body …> start tag; -1 when none
	afterHead  int    // just after the </head> end tag; -1 when none
	headClose  int    // where the </head> end tag starts; -1 when none
	headOpen   int    // just after the <head …> start tag; -1 when none
	canonicals []span // every <link rel="canonical"> before the body
}

type span struct{ start, end int }

// scanHTML tokenizes b up to the <body> start tag. The tokenizer's raw
// token texts, laid end to end, are the input, so their lengths give exact
// offsets; markup inside comments, scripts and attribute values is text to
// the tokenizer and never matches.
func scanHTML(b []byte) doc {
	d := doc{afterBody: -1, afterHead: -1, headClose: -1, headOpen: -1}
	z := html.NewTokenizer(bytes.NewReader(b))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return d
		}
		start := off
		off += len(z.Raw())
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if _, dup := attrs[string(k)]; !dup { // the first of duplicate attributes counts, as in browsers
					attrs[string(k)] = string(v)
				}
			}
			switch string(name) {
			case "html":
				if d.lang == "" {
					d.lang = strings.TrimSpace(attrs["lang"])
				}
			case "head":
				if d.headOpen < 0 {
					d.headOpen = off
				}
			case "link":
				if hasToken(attrs["rel"], "canonical") {
					d.canonicals = append(d.canonicals, span{start, off})
				}
			case "body":
				d.afterBody = off
				return d
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "head" && d.headClose < 0 {
				d.headClose = start
				d.afterHead = off
			}
		}
	}
}

// hasToken reports whether a space-separated attribute value holds tok,
// ignoring ASCII case (rel="Canonical" counts).
func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// edit replaces b[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// rewrite applies the two changes an archived or mirrored page gets: notice
// (HTML) inserted right after the <body> start tag, and, when canonical is
// not empty, a <link rel="canonical"> to it replacing the page's own (or
// added at the end of the head). ok is false when b has neither a <body>
// start tag nor a </head> end tag to place the notice after: it is no page
// and stays as it is.
func rewrite(b []byte, d doc, notice, canonical string) (out []byte, ok bool) {
	var edits []edit
	switch {
	case d.afterBody >= 0:
		edits = append(edits, edit{d.afterBody, d.afterBody, notice})
	case d.afterHead >= 0:
		edits = append(edits, edit{d.afterHead, d.afterHead, notice})
	default:
		return b, false
	}
	if canonical != "" {
		tag := `<link rel="canonical" href="` + html.EscapeString(canonical) + `">`
		switch {
		case len(d.canonicals) > 0:
			edits = append(edits, edit{d.canonicals[0].start, d.canonicals[0].end, tag})
			for _, c := range d.canonicals[1:] { // one page, one canonical
				edits = append(edits, edit{c.start, c.end, ""})
			}
		case d.headClose >= 0:
			edits = append(edits, edit{d.headClose, d.headClose, tag + "\n"})
		case d.headOpen >= 0:
			edits = append(edits, edit{d.headOpen, d.headOpen, "\n" + tag})
		default: // no head at all: the link goes before the notice, still in the implied head
			at := edits[0].start
			edits = append([]edit{{at, at, tag}}, edits...)
		}
	}
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var buf bytes.Buffer
	buf.Grow(len(b) + len(notice) + len(canonical) + 64)
	at := 0
	for _, e := range edits {
		buf.Write(b[at:e.start])
		buf.WriteString(e.text)
		at = e.end
	}
	buf.Write(b[at:])
	return buf.Bytes(), true
}
