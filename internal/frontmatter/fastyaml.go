package frontmatter

import (
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// This file is a fast path for the front matter almost every file has:
// `key: value` lines with quoted or plain one-line scalars, one-line flow
// lists and mappings, block lists and nested mappings. yaml.v3 spends most
// of a Parse building such a tree through its libyaml port; fastYAML builds
// the same *yaml.Node tree directly.
//
// "The same" means every field the decoder reads — Kind, Style, Tag (so
// ShortTag), Value, Line, Column, Content and Anchor — matches what
// yaml.Unmarshal gives; FuzzFastYAML checks that. Comments are skipped and
// not recorded: the decoder never reads HeadComment, LineComment or
// FootComment.
//
// fastYAML never reports an error: on anything outside its subset, or that
// it is not sure yaml.v3 reads the same way, it says so and the caller runs
// yaml.v3, which then also gives the diagnostics.

// fastMaxDepth bounds the nesting of block collections, far above real
// front matter, so the recursion stays shallow on any input.
const fastMaxDepth = 16

// fastMaxKey bounds a key's length: libyaml refuses a simple key longer
// than 1024 characters, and real keys are short.
const fastMaxKey = 128

// fastYAML decodes fm into *doc, as yaml.Unmarshal(fm, doc) would, and
// reports true, when fm is in the subset it handles; otherwise it reports
// false and leaves *doc alone.
func fastYAML(fm []byte, doc *yaml.Node) bool {
	estimate, ascii, ok := fastScan(fm)
	if !ok {
		return false
	}
	p := fastParser{src: string(fm), ascii: ascii}
	p.nodes = make([]yaml.Node, 0, estimate)
	// The Content arena and the stack share one allocation.
	ptrs := make([]*yaml.Node, 2*estimate)
	p.ptrs, p.stack = ptrs[:0:estimate], ptrs[estimate:estimate]
	p.next()
	if p.eof {
		// Only blank and comment lines: yaml.v3 leaves the node zero.
		*doc = yaml.Node{}
		return true
	}
	if p.ind != 0 {
		return false
	}
	root, ok := p.mapping(0, 0)
	if !ok || !p.eof {
		return false
	}
	*doc = yaml.Node{Kind: yaml.DocumentNode, Line: root.Line, Column: root.Column}
	p.stack = append(p.stack[:0], root)
	p.finish(doc, 0)
	return true
}

// fastScan reports whether fm is valid UTF-8 free of everything the parser
// does not want to reason about: tabs, carriage returns and every other
// control character (C1 included, so U+0085, which libyaml takes as a line
// break), U+2028 and U+2029 (line breaks too), U+FEFF (a byte order mark)
// and the non-characters U+FFFE and U+FFFF. That is a superset of what
// badChar reports, so the fast path never hides its diagnostics. ascii
// reports whether every byte is ASCII, so columns are byte offsets;
// estimate is the number of nodes fm is likely to need, so they come in
// one allocation: two a line (key and value), and one an entry of a flow
// collection.
func fastScan(fm []byte) (estimate int, ascii, ok bool) {
	if !utf8.Valid(fm) {
		return 0, false, false
	}
	estimate = 2
	flow := false // a '[' or '{' was seen on this line
	var all byte  // every byte ORed, to tell ASCII
	for i := 0; i < len(fm); i++ {
		c := fm[i]
		all |= c
		switch fastScanClass[c] {
		case scanPlain:
		case scanNewline:
			estimate += 2
			flow = false
		case scanOpen:
			estimate++
			flow = true
		case scanComma:
			if flow {
				estimate++
			}
		case scanBad:
			return 0, false, false
		case scanLead:
			// fm is valid UTF-8, so the continuation bytes are there.
			switch {
			case c == 0xC2 && fm[i+1] < 0xA0: // C1 controls
				return 0, false, false
			case c == 0xE2 && fm[i+1] == 0x80 && (fm[i+2] == 0xA8 || fm[i+2] == 0xA9): // U+2028, U+2029
				return 0, false, false
			case c == 0xEF && (fm[i+1] == 0xBB && fm[i+2] == 0xBF || fm[i+1] == 0xBF && fm[i+2] >= 0xBE): // U+FEFF, U+FFFE, U+FFFF
				return 0, false, false
			}
		}
	}
	return estimate, all < utf8.RuneSelf, true
}

// Byte classes of fastScan.
const (
	scanPlain   = iota // needs no attention
	scanNewline        // '\n'
	scanOpen           // '[' or '{'
	scanComma          // ','
	scanBad            // a control character, tab and '\r' included
	scanLead           // the first byte of a character fastScan checks
)

// fastScanClass is the class of each byte, so that fastScan's loop does
// one lookup for the common byte.
var fastScanClass = func() (t [256]uint8) {
	for c := range 0x20 {
		t[c] = scanBad
	}
	t[0x7F] = scanBad
	t['\n'] = scanNewline
	t['['], t['{'] = scanOpen, scanOpen
	t[','] = scanComma
	t[0xC2], t[0xE2], t[0xEF] = scanLead, scanLead, scanLead
	return t
}()

// fastParser walks the front matter line by line. After next, pos..end is
// the current significant (not blank, not comment-only) line, line its
// 1-based number and ind its indentation in spaces.
type fastParser struct {
	src   string
	ascii bool

	nextPos   int // start of the line after the current one
	nextLine  int // number of the line starting at nextPos, minus one
	pos, end  int // the current line, without its '\n'
	line, ind int
	eof       bool

	// colAt and colOf cache the last column computed on the current line,
	// so that columns on a long non-ASCII line cost one pass, not one each.
	colAt, colOf int

	nodes []yaml.Node     // node arena, allocated in chunks
	ptrs  []*yaml.Node    // Content arena
	stack []*yaml.Node    // children of the collections being built
	sb    strings.Builder // for double-quoted scalars with escapes
}

// next moves to the next significant line, or sets eof.
func (p *fastParser) next() {
	for p.nextPos < len(p.src) {
		start := p.nextPos
		end := strings.IndexByte(p.src[start:], '\n')
		if end < 0 {
			end = len(p.src)
			p.nextPos = end
		} else {
			end += start
			p.nextPos = end + 1
		}
		p.nextLine++
		i := start
		for i < end && p.src[i] == ' ' {
			i++
		}
		if i == end || p.src[i] == '#' {
			continue // blank or comment-only line
		}
		p.pos, p.end, p.line, p.ind = start, end, p.nextLine, i-start
		p.colAt, p.colOf = start, 1
		return
	}
	p.eof = true
}

// col is the 1-based column of byte offset i of the current line, counted
// in characters as libyaml does.
func (p *fastParser) col(i int) int {
	if p.ascii {
		return i - p.pos + 1
	}
	if i < p.colAt {
		p.colAt, p.colOf = p.pos, 1
	}
	p.colOf += utf8.RuneCountInString(p.src[p.colAt:i])
	p.colAt = i
	return p.colOf
}

// node returns a new node from the arena.
func (p *fastParser) node(kind yaml.Kind, style yaml.Style, tag, value string, line, col int) *yaml.Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]yaml.Node, 0, 16)
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column = kind, style, tag, value, line, col
	return n
}

// plain returns a plain scalar node, tagged as yaml.v3's parser tags one:
// `<<` is a merge key wherever it stands, and any other value is resolved
// by yaml.v3's own rules (ShortTag resolves an untagged plain scalar with
// the resolver the parser uses), so `false`, `3`, `~` and dates get the
// tags yaml.v3 gives.
func (p *fastParser) plain(value string, line, col int) *yaml.Node {
	n := p.node(yaml.ScalarNode, 0, plainTag(value), value, line, col)
	if n.Tag == "" {
		n.Tag = n.ShortTag()
	}
	return n
}

// plainTag is the tag yaml.v3 gives the plain scalar v when that needs no
// number or date parsing, else "". It follows yaml.v3's resolve (v3.0.1,
// resolve.go): a value not starting with a sign, a digit or '.' is one of
// the spellings of true, false and null in its resolveMap, or a string.
// Calling resolve for those would cost an allocation a key.
func plainTag(v string) string {
	switch v {
	case "<<":
		return "!!merge"
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "~", "null", "Null", "NULL", "":
		return "!!null"
	}
	if c := v[0]; c == '+' || c == '-' || c == '.' || '0' <= c && c <= '9' {
		return ""
	}
	return "!!str"
}

// content copies children into the Content arena.
func (p *fastParser) content(children []*yaml.Node) []*yaml.Node {
	if len(children) == 0 {
		return nil
	}
	if len(p.ptrs)+len(children) > cap(p.ptrs) {
		p.ptrs = make([]*yaml.Node, 0, max(64, len(children)))
	}
	start := len(p.ptrs)
	p.ptrs = append(p.ptrs, children...)
	return p.ptrs[start:len(p.ptrs):len(p.ptrs)]
}

// finish sets the Content of n to the children pushed since mark.
func (p *fastParser) finish(n *yaml.Node, mark int) {
	n.Content = p.content(p.stack[mark:])
	p.stack = p.stack[:mark]
}

// mapping parses a block mapping whose keys are indented by ind; the
// current line is its first key.
func (p *fastParser) mapping(ind, depth int) (*yaml.Node, bool) {
	if depth > fastMaxDepth {
		return nil, false
	}
	m := p.node(yaml.MappingNode, 0, "!!map", "", p.line, ind+1)
	mark := len(p.stack)
	for !p.eof && p.ind == ind {
		i := p.pos + ind
		kEnd := fastKeyEnd(p.src, i, p.end)
		if kEnd < 0 || kEnd >= p.end || p.src[kEnd] != ':' || kEnd+1 < p.end && p.src[kEnd+1] != ' ' {
			return nil, false
		}
		key := p.plain(p.src[i:kEnd], p.line, p.col(i))
		j := skipSpaces(p.src, kEnd+1, p.end)
		var val *yaml.Node
		if j == p.end || p.src[j] == '#' {
			// No value on the key's line: a nested block, or null.
			keyLine, nullCol := p.line, p.col(kEnd+1)
			p.next()
			var ok bool
			switch {
			case !p.eof && p.ind > ind && p.seqEntry():
				val, ok = p.sequence(p.ind, depth+1)
			case !p.eof && p.ind > ind:
				val, ok = p.mapping(p.ind, depth+1)
			case !p.eof && p.ind == ind && p.seqEntry():
				// A list may sit at its key's indentation.
				val, ok = p.sequence(ind, depth+1)
			default:
				// yaml.v3 puts an empty value just after the colon.
				val, ok = p.node(yaml.ScalarNode, 0, "!!null", "", keyLine, nullCol), true
			}
			if !ok {
				return nil, false
			}
		} else {
			var ok bool
			if val, ok = p.inline(j); !ok {
				return nil, false
			}
			p.next()
		}
		// A deeper line here would continue a scalar over lines or be an
		// error: both are yaml.v3's to read.
		if !p.eof && p.ind > ind {
			return nil, false
		}
		p.stack = append(p.stack, key, val)
	}
	p.finish(m, mark)
	return m, true
}

// seqEntry reports whether the current line starts a block list entry.
func (p *fastParser) seqEntry() bool {
	i := p.pos + p.ind
	return p.src[i] == '-' && (i+1 == p.end || p.src[i+1] == ' ')
}

// sequence parses a block list whose `-` are indented by ind; the current
// line is its first entry. Entries are one-line values only: an entry that
// is a mapping or a list (`- a: b`, `- - a`) is refused by inline.
func (p *fastParser) sequence(ind, depth int) (*yaml.Node, bool) {
	if depth > fastMaxDepth {
		return nil, false
	}
	s := p.node(yaml.SequenceNode, 0, "!!seq", "", p.line, ind+1)
	mark := len(p.stack)
	for !p.eof && p.ind == ind && p.seqEntry() {
		j := skipSpaces(p.src, p.pos+ind+1, p.end)
		if j == p.end || p.src[j] == '#' {
			return nil, false // empty entry
		}
		item, ok := p.inline(j)
		if !ok {
			return nil, false
		}
		p.next()
		if !p.eof && p.ind > ind {
			return nil, false
		}
		p.stack = append(p.stack, item)
	}
	p.finish(s, mark)
	return s, true
}

// inline parses the value starting at byte i of the current line, which
// must take the rest of the line, up to an optional comment.
func (p *fastParser) inline(i int) (*yaml.Node, bool) {
	var n *yaml.Node
	var end int
	var ok bool
	switch p.src[i] {
	case '"', '\'':
		n, end, ok = p.quoted(i)
	case '[':
		n, end, ok = p.flowSeq(i)
	case '{':
		n, end, ok = p.flowMap(i)
	default:
		n, end, ok = p.blockPlain(i)
	}
	if !ok || !p.restIsComment(end) {
		return nil, false
	}
	return n, true
}

// restIsComment reports whether the current line from byte i on holds only
// spaces, or spaces then a comment.
func (p *fastParser) restIsComment(i int) bool {
	j := skipSpaces(p.src, i, p.end)
	return j == p.end || p.src[j] == '#' && j > i
}

// blockPlain parses a plain scalar outside flow collections, which runs to
// the end of the line. It refuses what libyaml reads differently or an
// author may not mean: a start with an indicator, `: ` or a final `:` (a
// key), and ` #`, which starts a comment (`title: Issue #5` is "Issue"):
// yaml.v3 is left to read those.
func (p *fastParser) blockPlain(i int) (*yaml.Node, int, bool) {
	if !plainStart(p.src, i, p.end) {
		return nil, 0, false
	}
	last := i // end of the last non-space byte
	for j := i; j < p.end; j++ {
		switch c := p.src[j]; {
		case c == ' ':
			if j+1 < p.end && p.src[j+1] == '#' {
				return nil, 0, false
			}
		case c == ':' && (j+1 == p.end || p.src[j+1] == ' '):
			return nil, 0, false
		default:
			last = j + 1
		}
	}
	return p.plain(p.src[i:last], p.line, p.col(i)), p.end, true
}

// flowPlain parses a plain scalar inside a flow list or mapping, up to `,`,
// `]` or `}`. It refuses every character that would need the finer flow
// rules (`:`, `#`, `?`, nested brackets) and an empty scalar.
func (p *fastParser) flowPlain(i int) (*yaml.Node, int, bool) {
	if !plainStart(p.src, i, p.end) {
		return nil, 0, false
	}
	last := i
	j := i
	for ; j < p.end; j++ {
		c := p.src[j]
		switch c {
		case ',', ']', '}':
			if last == i {
				return nil, 0, false
			}
			return p.plain(p.src[i:last], p.line, p.col(i)), j, true
		case ':', '#', '?', '[', '{':
			return nil, 0, false
		case ' ':
		default:
			last = j + 1
		}
	}
	return nil, 0, false // not closed on this line
}

// plainStart reports whether a plain scalar may start at byte i: not with
// an indicator, except `-` before a non-space (`-1`, `-x`).
func plainStart(s string, i, end int) bool {
	switch s[i] {
	case '-':
		return i+1 < end && s[i+1] != ' ' && !strings.ContainsRune(",[]{}#", rune(s[i+1]))
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ':
		return false
	}
	return true
}

// quoted parses a one-line single- or double-quoted scalar starting at the
// quote at byte i; it returns the byte after the closing quote.
func (p *fastParser) quoted(i int) (*yaml.Node, int, bool) {
	q := p.src[i]
	style := yaml.DoubleQuotedStyle
	if q == '\'' {
		style = yaml.SingleQuotedStyle
	}
	// Most quoted scalars have no escape: find the closing quote at once,
	// and the value is a substring of src.
	if k := strings.IndexByte(p.src[i+1:p.end], q); k >= 0 {
		j := i + 1 + k
		if q == '"' && strings.IndexByte(p.src[i+1:j], '\\') < 0 || q == '\'' && (j+1 == p.end || p.src[j+1] != '\'') {
			return p.node(yaml.ScalarNode, style, "!!str", p.src[i+1:j], p.line, p.col(i)), j + 1, true
		}
	}
	j := i + 1
	simple := true
	for ; j < p.end; j++ {
		c := p.src[j]
		if c == q {
			if q == '\'' && j+1 < p.end && p.src[j+1] == '\'' {
				simple = false
				j++
				continue
			}
			break
		}
		if c == '\\' && q == '"' {
			if j+1 == p.end || unescape(p.src[j+1]) == 0 {
				return nil, 0, false
			}
			simple = false
			j++
		}
	}
	if j == p.end {
		return nil, 0, false // runs onto the next line
	}
	value := p.src[i+1 : j]
	if !simple {
		value = p.unquote(value, q)
	}
	return p.node(yaml.ScalarNode, style, "!!str", value, p.line, p.col(i)), j + 1, true
}

// unescape returns what the double-quoted escape `\c` stands for, or 0 for
// the escapes left to yaml.v3 (\x, \u, \U, \N, line continuations…).
func unescape(c byte) byte {
	switch c {
	case '"', '\\':
		return c
	case 'n':
		return '\n'
	case 't':
		return '\t'
	}
	return 0
}

// unquote decodes the body of a quoted scalar that quoted validated.
func (p *fastParser) unquote(s string, q byte) string {
	p.sb.Reset()
	p.sb.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q == '\'' && c == '\'':
			i++ // '' is one quote
		case q == '"' && c == '\\':
			i++
			c = unescape(s[i])
		}
		p.sb.WriteByte(c)
	}
	return p.sb.String()
}

// flowItem parses a scalar in a flow collection: quoted or plain.
func (p *fastParser) flowItem(i int) (*yaml.Node, int, bool) {
	if c := p.src[i]; c == '"' || c == '\'' {
		return p.quoted(i)
	}
	return p.flowPlain(i)
}

// flowSeq parses a one-line flow list of scalars, `[a, "b"]`, starting at
// the `[` at byte i.
func (p *fastParser) flowSeq(i int) (*yaml.Node, int, bool) {
	s := p.node(yaml.SequenceNode, yaml.FlowStyle, "!!seq", "", p.line, p.col(i))
	mark := len(p.stack)
	j := skipSpaces(p.src, i+1, p.end)
	if j < p.end && p.src[j] == ']' {
		return s, j + 1, true
	}
	for j < p.end {
		item, end, ok := p.flowItem(j)
		if !ok {
			return nil, 0, false
		}
		p.stack = append(p.stack, item)
		next, done, ok := p.flowSep(end, ']')
		if !ok {
			return nil, 0, false
		}
		if done {
			p.finish(s, mark)
			return s, next, true
		}
		j = next
	}
	return nil, 0, false
}

// flowSep reads what follows an entry of a flow collection that close
// ends, from byte j: that end (done, next is after it), or a comma and
// the start of the next entry (next). A trailing comma is valid YAML, but
// rare: it is refused.
func (p *fastParser) flowSep(j int, close byte) (next int, done, ok bool) {
	j = skipSpaces(p.src, j, p.end)
	if j == p.end {
		return 0, false, false
	}
	switch p.src[j] {
	case close:
		return j + 1, true, true
	case ',':
		j = skipSpaces(p.src, j+1, p.end)
		if j == p.end || p.src[j] == close {
			return 0, false, false
		}
		return j, false, true
	}
	return 0, false, false
}

// flowMap parses a one-line flow mapping of names to scalars,
// `{lang: vi, hash: 3f2a9c0b1d2e}`, starting at the `{` at byte i.
func (p *fastParser) flowMap(i int) (*yaml.Node, int, bool) {
	m := p.node(yaml.MappingNode, yaml.FlowStyle, "!!map", "", p.line, p.col(i))
	mark := len(p.stack)
	j := skipSpaces(p.src, i+1, p.end)
	if j < p.end && p.src[j] == '}' {
		return m, j + 1, true
	}
	for j < p.end {
		kEnd := fastKeyEnd(p.src, j, p.end)
		if kEnd < 0 || kEnd+1 >= p.end || p.src[kEnd] != ':' || p.src[kEnd+1] != ' ' {
			return nil, 0, false
		}
		key := p.plain(p.src[j:kEnd], p.line, p.col(j))
		j = skipSpaces(p.src, kEnd+1, p.end)
		if j == p.end {
			return nil, 0, false
		}
		val, end, ok := p.flowItem(j)
		if !ok {
			return nil, 0, false
		}
		p.stack = append(p.stack, key, val)
		next, done, ok := p.flowSep(end, '}')
		if !ok {
			return nil, 0, false
		}
		if done {
			p.finish(m, mark)
			return m, next, true
		}
		j = next
	}
	return nil, 0, false
}

// fastKeyEnd returns the end of the name starting at byte i — ASCII
// letters, digits, `_`, `-` and `.`, not starting with `-` or `.` — or -1
// when there is none or it is too long.
func fastKeyEnd(s string, i, end int) int {
	j := i
	for j < end && j-i <= fastMaxKey {
		c := s[j]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' ||
			j > i && (c == '-' || c == '.') {
			j++
			continue
		}
		break
	}
	if j == i || j-i > fastMaxKey {
		return -1
	}
	return j
}

// skipSpaces returns the first byte at or after i, before end, that is not
// a space.
func skipSpaces(s string, i, end int) int {
	for i < end && s[i] == ' ' {
		i++
	}
	return i
}
