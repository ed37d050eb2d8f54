package markdown

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// apostrophe is the typographic apostrophe in every language.
const apostrophe = "’"

// typographer is goldmark's typographer with q's quotation marks and
// literal characters for every replacement. Literal UTF-8 (not goldmark's
// default named entities) keeps PlainText free of entity decoding.
//
// Outside English, quotes go through quoteParser first, because goldmark's
// typographer guesses English elisions ('twas, 'em, 'n', 'tis) and so would
// turn the opening quote of Vietnamese 'nhỏ' or French 'le' into an
// apostrophe, and because its flanking rules need spaces around quotes,
// which Chinese and Japanese do not write.
type typographer struct {
	q        quotes
	english  bool
	unspaced bool // Chinese or Japanese: no spaces between words
}

func (e typographer) Extend(m goldmark.Markdown) {
	var p parser.InlineParser = extension.NewTypographerParser(
		extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
			extension.LeftDoubleQuote:  e.q.open,
			extension.RightDoubleQuote: e.q.close,
			extension.LeftSingleQuote:  e.q.openInner,
			extension.RightSingleQuote: e.q.closeInner,
			extension.Apostrophe:       apostrophe,
			extension.EnDash:           "–",
			extension.EmDash:           "—",
			extension.Ellipsis:         "…",
			extension.LeftAngleQuote:   "«",
			extension.RightAngleQuote:  "»",
		}))
	if !e.english {
		p = &quoteParser{
			InlineParser: p,
			open:         []byte(e.q.open), close: []byte(e.q.close),
			openInner: []byte(e.q.openInner), closeInner: []byte(e.q.closeInner),
			unspaced: e.unspaced,
		}
	}
	// Same priority as goldmark's own typographer extension.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(p, 9999)))
}

// Context keys for the quotes quoteParser has opened and not closed in the
// current block.
var (
	singleQuoteDepthKey = parser.NewContextKey()
	doubleQuoteDepthKey = parser.NewContextKey()
)

// quoteParser decides quotation marks where goldmark's English rules would
// get them wrong, and leaves everything else to goldmark's typographer.
//
// In spaced languages it decides single quotes by position alone: a ' after
// a space or punctuation and before a letter or digit opens; one after a
// non-space and before a space, punctuation or the end of the line closes,
// if one is open; any other is an apostrophe (l'État, aujourd'hui). Double
// quotes keep goldmark's rules, which work when words are spaced.
//
// In Chinese and Japanese, quotes alternate within a paragraph: the first "
// opens, the next closes, and likewise for ', except for an apostrophe
// between two Latin letters (Alice's).
type quoteParser struct {
	parser.InlineParser // goldmark's typographer
	open, close         []byte
	openInner           []byte
	closeInner          []byte
	unspaced            bool
}

func (p *quoteParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) == 0 || (line[0] != '\'' && line[0] != '"') {
		return p.InlineParser.Parse(parent, block, pc)
	}
	before := block.PrecendingCharacter()
	next := rune(-1)
	if len(line) > 1 {
		next, _ = utf8.DecodeRune(line[1:])
	}
	if p.unspaced {
		if line[0] == '"' {
			return p.alternate(parent, block, pc, doubleQuoteDepthKey, p.open, p.close, next)
		}
		if isASCIILetter(before) && isASCIILetter(next) {
			return p.InlineParser.Parse(parent, block, pc)
		}
		return p.alternate(parent, block, pc, singleQuoteDepthKey, p.openInner, p.closeInner, next)
	}
	if line[0] == '"' {
		return p.InlineParser.Parse(parent, block, pc)
	}
	depth, _ := pc.Get(singleQuoteDepthKey).(int)
	switch {
	case isBoundary(before) && (unicode.IsLetter(next) || unicode.IsDigit(next)):
		pc.Set(singleQuoteDepthKey, depth+1)
		return quoteNode(block, p.openInner)
	case depth > 0 && !unicode.IsSpace(before) && isBoundary(next) && next != '\'':
		pc.Set(singleQuoteDepthKey, depth-1)
		return quoteNode(block, p.closeInner)
	}
	n := p.InlineParser.Parse(parent, block, pc)
	if s, ok := n.(*ast.String); ok && depth == 0 && bytes.Equal(s.Value, p.closeInner) {
		// goldmark's guess at a closing quote with none open (an English
		// plural possessive, "Smiths'"): an apostrophe here.
		s.Value = []byte(apostrophe)
	}
	return n
}

// alternate opens a quote when none is open (and one can open: not before a
// space or the end of the line) and closes the open one otherwise.
func (p *quoteParser) alternate(parent ast.Node, block text.Reader, pc parser.Context,
	key parser.ContextKey, open, close []byte, next rune) ast.Node {
	if open, _ := pc.Get(key).(bool); open {
		pc.Set(key, false)
		return quoteNode(block, close)
	}
	if next < 0 || unicode.IsSpace(next) {
		return p.InlineParser.Parse(parent, block, pc)
	}
	pc.Set(key, true)
	return quoteNode(block, open)
}

func quoteNode(block text.Reader, mark []byte) ast.Node {
	n := ast.NewString(mark)
	n.SetCode(true)
	block.Advance(1)
	return n
}

func isBoundary(r rune) bool {
	return r < 0 || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// CloseBlock forgets quotes left open when a paragraph ends.
func (p *quoteParser) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	pc.Set(singleQuoteDepthKey, nil)
	pc.Set(doubleQuoteDepthKey, nil)
	if cb, ok := p.InlineParser.(parser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}
