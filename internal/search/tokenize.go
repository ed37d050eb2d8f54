package search

import (
	"unicode"
	"unicode/utf8"
)

// maxTermRunes bounds the length of an indexed word: longer "words" are URLs,
// hashes or base64 that nobody searches for, and they would bloat the index.
// Queries are not cut: a longer query word simply finds nothing.
const maxTermRunes = 64

// isCJK reports whether r belongs to a script written without spaces that we
// index as character n-grams: Han, Hiragana, Katakana, plus the prolonged
// sound mark ー, whose Script is Common. search.js: CJK.
func isCJK(r rune) bool {
	if r < 0x2e80 { // below CJK Radicals Supplement: no Han or kana (fast path)
		return false
	}
	return r == 'ー' || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// isWordRune reports whether r is a letter or a digit (L, N), with a fast
// path for ASCII, which is most of any text's punctuation and spaces.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// tokenizer yields the tokens of s, in order: a maximal run of CJK runes
// (each optionally followed by marks), or a maximal run of other letters,
// marks and digits. Everything else (spaces, punctuation, symbols, invalid
// UTF-8) separates tokens. The regular expression TOKEN in search.js is the
// same rule; keep them together.
type tokenizer struct {
	s       string
	i       int // where the next token's search starts
	classes *[0x10000]runeClass
	// plainCJK tells, after next returned a CJK run, whether it is only
	// runes of the BMP (three bytes each) without marks: each rune is then
	// a unit of its own (see cjkTerms), which addPlainCJK makes use of.
	plainCJK bool
	// invalid is set once a byte that is not valid UTF-8 has been seen: at
	// the end of s it tells whether utf8.ValidString(s).
	invalid bool
}

func newTokenizer(s string) tokenizer {
	return tokenizer{s: s, classes: bmpClasses()}
}

// next returns the next token and whether it is a CJK run; ok is false at
// the end of s. ASCII, most of the spaces and punctuation of any text and
// all of English, is classified inline; other runes by classAt.
func (t *tokenizer) next() (tok string, cjk, ok bool) {
	s, i := t.s, t.i
	// Skip to the first rune of a token.
	var c runeClass
	size := 1
	for {
		if i >= len(s) {
			t.i = i
			return "", false, false
		}
		if b := s[i]; b < utf8.RuneSelf {
			c, size = asciiClass[b], 1
		} else {
			c, size = t.classAt(i)
		}
		if c != classSep {
			break
		}
		i += size
	}
	start, state := i, c
	if c == classMark { // a mark starts a word
		state = classWord
	}
	plain := c == classCJK && size < 4
	// Take every rune of the same class, and marks, which continue
	// whatever token they follow.
	for i += size; i < len(s); i += size {
		if b := s[i]; b < utf8.RuneSelf {
			if asciiClass[b] != state {
				break
			}
			size = 1
			continue
		}
		c, size = t.classAt(i)
		if c == classMark {
			plain = false
			continue
		}
		if c != state {
			break
		}
		plain = plain && size < 4
	}
	t.i, t.plainCJK = i, plain
	return s[start:i], state == classCJK, true
}

// classAt classifies the non-ASCII rune at s[i] and returns its size,
// noting invalid UTF-8 on the way.
func (t *tokenizer) classAt(i int) (runeClass, int) {
	r, size := decodeRune(t.s, i)
	t.invalid = t.invalid || size == 1
	return classOf(t.classes, r), size
}

// decodeRune is utf8.DecodeRuneInString(s[i:]), with the two- and
// three-byte sequences that make up Vietnamese, Arabic and Chinese text
// decoded inline rather than in a call and two table lookups. Lead bytes
// E0 and ED, whose second byte has a narrower range, go the long way.
func decodeRune(s string, i int) (rune, int) {
	if i+2 < len(s) {
		b0, b1, b2 := s[i], s[i+1], s[i+2]
		switch {
		case 0xC2 <= b0 && b0 < 0xE0 && b1&0xC0 == 0x80:
			return rune(b0&0x1F)<<6 | rune(b1&0x3F), 2
		case 0xE1 <= b0 && b0 < 0xF0 && b0 != 0xED && b1&0xC0 == 0x80 && b2&0xC0 == 0x80:
			return rune(b0&0x0F)<<12 | rune(b1&0x3F)<<6 | rune(b2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// isUnitMark reports whether r, a rune of a CJK run, continues the unit
// before it: unicode.IsMark. In the BMP no CJK rune is a mark, so the class
// table answers; beyond it U+16FF0 and U+16FF1 are both Han and marks.
func isUnitMark(classes *[0x10000]runeClass, r rune) bool {
	if uint32(r) < uint32(len(classes)) {
		return classes[r] == classMark
	}
	return unicode.IsMark(r)
}

// asciiClass is the class of each ASCII byte: letters and digits are words,
// everything else separates.
var asciiClass = func() (t [utf8.RuneSelf]runeClass) {
	for b := range t {
		if isWordRune(rune(b)) {
			t[b] = classWord
		}
	}
	return t
}()

// scanTerms calls fn with the raw (unnormalised) text of every term of s:
// each word, and for CJK runs each character (unigram) and each pair of
// adjacent characters (bigram). With query set it produces the terms a
// search.js query would: words of any length, and for CJK runs the bigrams,
// or the unigram when the run is a single character.
func scanTerms(s string, query bool, fn func(raw string)) {
	t := newTokenizer(s)
	for {
		tok, cjk, ok := t.next()
		if !ok {
			return
		}
		if !cjk {
			if query || indexedWord(tok) {
				fn(tok)
			}
			continue
		}
		cjkTerms(tok, query, t.classes, fn)
	}
}

// indexedWord reports whether a word is short enough to be indexed.
func indexedWord(tok string) bool {
	return len(tok) <= maxTermRunes || utf8.RuneCountInString(tok) <= maxTermRunes
}

// cjkTerms calls fn with the terms of a CJK run (see scanTerms). The run's
// units are its characters, each with its trailing marks; the run starts
// with a CJK rune (the tokenizer guarantees it), so no unit is empty. Units
// are emitted as their ends become known: unit k and the bigram k, k+1 once
// unit k+2 starts (or the run ends).
func cjkTerms(run string, query bool, classes *[0x10000]runeClass, fn func(raw string)) {
	prev, cur := -1, 0 // starts of the previous and current unit
	for i, r := range run {
		if i == 0 || isUnitMark(classes, r) {
			continue
		}
		// A new unit starts at i: the one at prev is complete, with its bigram.
		if prev >= 0 {
			if !query {
				fn(run[prev:cur])
			}
			fn(run[prev:i])
		}
		prev, cur = cur, i
	}
	switch {
	case prev < 0: // one unit
		fn(run)
	default:
		if !query {
			fn(run[prev:cur])
		}
		fn(run[prev:])
		if !query {
			fn(run[cur:])
		}
	}
}
