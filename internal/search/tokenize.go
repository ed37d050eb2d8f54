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

// scan calls fn for every token of s, in order: a maximal run of CJK runes
// (each optionally followed by marks), or a maximal run of other letters,
// marks and digits. Everything else (spaces, punctuation, symbols, invalid
// UTF-8) separates tokens. The regular expression TOKEN in search.js is the
// same rule; keep them together.
func scan(s string, fn func(tok string, cjk bool)) {
	const (
		none = iota
		word
		cjk
	)
	state, start := none, 0
	flush := func(end int) {
		if state != none {
			fn(s[start:end], state == cjk)
		}
		state = none
	}
	for i, r := range s {
		switch {
		case isCJK(r):
			if state != cjk {
				flush(i)
				state, start = cjk, i
			}
		case isWordRune(r):
			if state != word {
				flush(i)
				state, start = word, i
			}
		case r >= 0x300 && unicode.IsMark(r):
			// A mark continues whatever token it follows.
			if state == none {
				state, start = word, i
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
}

// cjkUnits splits a CJK run into characters, each with its trailing marks.
// The run starts with a CJK rune (scan guarantees it), so no unit is empty.
func cjkUnits(run string, units []string) []string {
	units = units[:0]
	start := 0
	for i, r := range run {
		if i > 0 && !unicode.IsMark(r) {
			units = append(units, run[start:i])
			start = i
		}
	}
	return append(units, run[start:])
}

// scanTerms calls fn with the raw (unnormalised) text of every term of s:
// each word, and for CJK runs each character (unigram) and each pair of
// adjacent characters (bigram). With query set it produces the terms a
// search.js query would: words of any length, and for CJK runs the bigrams,
// or the unigram when the run is a single character.
func scanTerms(s string, query bool, fn func(raw string)) {
	var units []string
	scan(s, func(tok string, cjk bool) {
		if !cjk {
			if query || len(tok) <= maxTermRunes || utf8.RuneCountInString(tok) <= maxTermRunes {
				fn(tok)
			}
			return
		}
		units = cjkUnits(tok, units)
		if query && len(units) == 1 {
			fn(units[0])
			return
		}
		off := 0
		for i, u := range units {
			if !query {
				fn(u)
			}
			if i+1 < len(units) {
				fn(tok[off : off+len(u)+len(units[i+1])])
			}
			off += len(u)
		}
	})
}
