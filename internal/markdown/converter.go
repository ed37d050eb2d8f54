package markdown

import (
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Converter. The zero value is a safe English converter.
type Options struct {
	// Lang is the document's BCP 47 tag; its base subtag selects the
	// typographer's quotation marks (“ ” for en, vi, zh; « » for fr, with
	// no-break spaces inside; „ “ for de; 「 」 for ja and zh-Hant; …).
	Lang string
	// Unsafe lets raw HTML through. Off, raw HTML is replaced by a comment
	// and dangerous destinations are written empty. On, raw HTML passes an
	// allow-list sanitizer (no script, style, iframe, form, event handler
	// or javascript: URL) and dangerous destinations are still written
	// empty, unless TrustAuthors is set too.
	Unsafe bool
	// TrustAuthors, with Unsafe, writes raw HTML as it is and lets every
	// URL scheme through: for sites whose authors may embed scripts and
	// players. Without Unsafe it changes nothing.
	TrustAuthors bool
	// HeadingID makes a heading's ID from its plain text; the result is then
	// made unique within the document with -1, -2 suffixes, and an empty one
	// becomes "heading". nil means DefaultHeadingID. It is called from Parse,
	// so it must be safe for concurrent use.
	HeadingID func(text string) string
	// BacklinkLabel, when set, is the accessible name of the ↩ link that
	// leads from a footnote back to its reference (e.g. "Back to content",
	// localized by the caller): the arrow is hidden from screen readers and
	// the label becomes the link's title.
	BacklinkLabel string
	// Compact keeps each Doc's HTML compressed (S2) from Parse until it is
	// released, and expands it for each Render or PlainText. A big build
	// holds every document's HTML between parsing and rendering (386 MB at
	// 10,000 articles × 5 languages); compressed it is about a third of
	// that, for ~1 GB/s of CPU each way. The output is the same either way.
	Compact bool
}

// Converter parses and renders Markdown for one language. It is immutable
// after New and safe for concurrent use by any number of goroutines.
type Converter struct {
	md goldmark.Markdown
	// mdNoLinkify is md without linkify, for documents in which linkify
	// cannot find anything (mayLinkify).
	mdNoLinkify goldmark.Markdown
	headingID   func(string) string
	// unsafe: every URL scheme is written (Unsafe and TrustAuthors).
	unsafe bool
	// compact: Docs keep their HTML compressed (Options.Compact).
	compact bool
	// writers recycles the renderWriters Parse renders into, with their
	// buffers; a sync.Pool is safe to share between goroutines.
	writers sync.Pool
}

// New builds a Converter: CommonMark plus GFM tables, strikethrough,
// linkify, task lists, footnotes, heading attributes ({#id .class}) and a
// typographer with opts.Lang's quotation marks.
func New(opts Options) *Converter {
	base, _ := parseLang(opts.Lang)
	cjk := base == "zh" || base == "ja" || base == "ko"
	c := &Converter{headingID: opts.HeadingID}
	if c.headingID == nil {
		c.headingID = DefaultHeadingID
	}

	var footnoteOpts []extension.FootnoteOption
	if opts.BacklinkLabel != "" {
		footnoteOpts = append(footnoteOpts,
			extension.WithFootnoteBacklinkTitle(opts.BacklinkLabel),
			extension.WithFootnoteBacklinkHTML(`<span aria-hidden="true">&#x21a9;&#xfe0e;</span>`))
	}
	// Soft line breaks between two East Asian wide characters are dropped in
	// every language, by nodeRenderer.renderText rather than by goldmark's
	// CJK extension (see softbreak.go). Escaped spaces ("\ ", which CJK
	// authors use to end emphasis next to a letter) are honoured only in
	// zh, ja and ko, where they are idiomatic.
	var cjkOpts []extension.CJKOption
	writer := html.NewWriter()
	if cjk {
		cjkOpts = append(cjkOpts, extension.WithEscapedSpace())
		writer = html.NewWriter(html.WithEscapedSpace())
	}

	c.unsafe = opts.Unsafe && opts.TrustAuthors
	c.compact = opts.Compact
	nr := &nodeRenderer{writer: writer}
	var htmlOpts []html.Option
	if c.unsafe {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	// goldmark's own renderers of raw HTML, which nr wraps (see marks.go).
	gold := funcCapture{}
	html.NewRenderer(htmlOpts...).RegisterFuncs(gold)
	nr.htmlBlock, nr.rawHTML = gold[ast.KindHTMLBlock], gold[ast.KindRawHTML]
	if opts.Unsafe && !opts.TrustAuthors {
		nr.sanitize = newSanitizer()
		nr.htmlBlock, nr.rawHTML = nr.renderSanitizedBlock, nr.renderSanitizedInline
	}
	rendererOpts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(nr, 100)),
	}
	if c.unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	}
	// Two goldmark instances, with and without linkify: see Parse.
	build := func(linkifyToo bool) goldmark.Markdown {
		exts := []goldmark.Extender{extension.Table, extension.Strikethrough}
		if linkifyToo {
			exts = append(exts, linkify())
		}
		exts = append(exts,
			extension.TaskList,
			extension.NewFootnote(footnoteOpts...),
			typographer{
				q:        quotesFor(opts.Lang),
				english:  base == "en" || base == "",
				unspaced: base == "zh" || base == "ja",
			},
			extension.NewCJK(cjkOpts...),
		)
		return goldmark.New(
			goldmark.WithExtensions(exts...),
			// Heading IDs are assigned after parsing (see assignHeadingIDs), not
			// with parser.WithAutoHeadingID: goldmark hands parser.IDs the raw
			// Markdown line, so "## See [docs](https://x.org)" would become
			// "see-docs-https-x-org" instead of "see-docs".
			goldmark.WithParserOptions(parser.WithAttribute()),
			goldmark.WithRendererOptions(rendererOpts...),
		)
	}
	c.md, c.mdNoLinkify = build(true), build(false)
	return c
}

// Doc is one parsed document: what was gathered from it while parsing, and
// its HTML, rendered once at Parse with the link destinations left out (see
// render.go). The syntax tree does not outlive Parse: a big build holds
// tens of thousands of documents at once, and their trees would be most of
// its memory. A Doc is immutable after Parse, except for Release; all of
// its methods are safe for concurrent use.
type Doc struct {
	c *Converter

	links      []Link
	headings   []Heading
	firstImage string
	// words and lead are all that is kept of the plain text (see
	// PlainText, Lead): read from the HTML at Parse.
	words int
	lead  string

	// html is the document rendered with every destination left out,
	// compressed when the Converter is compact (Options.Compact); slots
	// says where each destination goes, marks what the plain text
	// extractor cannot read from it (see marks.go). renderErr is
	// goldmark's failure, if any, returned by every Render.
	html      []byte
	slots     []slot
	marks     []mark
	renderErr error

	// noLead: the Doc keeps no lead (ParseNoLead).
	noLead bool

	// released is set by Release (release.go); mu orders Release after
	// any Render still copying html.
	mu       sync.RWMutex
	released bool
}

// Parse reads src into a Doc. It never fails: any input is some Markdown.
// src is not kept. If it is not valid UTF-8, Parse works on a copy in which
// each invalid byte is replaced by U+FFFD (so lines and columns stay the
// same).
func (c *Converter) Parse(src []byte) *Doc {
	return c.parse(src, true)
}

// ParseNoLead is Parse for a document whose summary is given elsewhere
// (in its front matter): the Doc keeps no Lead, which is 1 KiB a document,
// 50 MB in a build of 50,000.
func (c *Converter) ParseNoLead(src []byte) *Doc {
	return c.parse(src, false)
}

func (c *Converter) parse(src []byte, keepLead bool) *Doc {
	// goldmark assumes UTF-8: its East Asian line-break rendering panics on
	// a stray continuation byte before a newline, and invalid bytes would
	// otherwise reach the HTML.
	src = validUTF8(src)
	md := c.md
	if !mayLinkify(src) {
		md = c.mdNoLinkify
	}
	root := md.Parser().Parse(text.NewReader(src))
	d := &Doc{c: c, noLead: !keepLead}
	t := tree{src: src, root: root}
	d.collect(&t)
	d.prerender(&t)
	return d
}

// tree is a document's source and syntax tree, alive only inside Parse.
type tree struct {
	src       []byte
	root      ast.Node
	linkNodes []ast.Node // linkNodes[i] is the node links[i] came from
}

// Links returns every link, image and autolink destination in document
// order (images inside an image's alt text are not rendered and not listed).
// The slice is the caller's to keep.
func (d *Doc) Links() []Link {
	return append([]Link(nil), d.links...)
}

// Heading is one heading of a document.
type Heading struct {
	Level int    // 1–6
	ID    string // unique within the document; the id attribute written
	Text  string // plain text, as PlainText gives it
}

// Headings returns the document's headings in document order. The slice is
// the caller's to keep.
func (d *Doc) Headings() []Heading {
	return append([]Heading(nil), d.headings...)
}

// FirstImage returns the destination of the document's first image, as
// written in the source (entities and escapes resolved), or "".
func (d *Doc) FirstImage() string { return d.firstImage }

// validUTF8 returns src if it is valid UTF-8, else a copy with every
// invalid byte replaced by U+FFFD, one for one, so that lines and columns
// (counted in code points) do not move.
func validUTF8(src []byte) []byte {
	if utf8.Valid(src) {
		return src
	}
	out := make([]byte, 0, len(src)+len(src)/4)
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, src[i:i+size]...)
		}
		i += size
	}
	return out
}
