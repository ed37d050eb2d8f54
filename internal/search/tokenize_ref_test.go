package search

import (
	"unicode"
	"unicode/utf8"
)

// scanTermsRef is the first, straightforward implementation of scanTerms,
// kept as the reference the fast one is fuzzed against (FuzzScanTerms).
func scanTermsRef(s string, query bool, fn func(raw string)) {
	var units []string
	scanRef(s, func(tok string, cjk bool) {
		if !cjk {
			if query || utf8.RuneCountInString(tok) <= maxTermRunes {
				fn(tok)
			}
			return
		}
		units = units[:0]
		start := 0
		for i, r := range tok {
			if i > 0 && !unicode.IsMark(r) {
				units = append(units, tok[start:i])
				start = i
			}
		}
		units = append(units, tok[start:])
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

func scanRef(s string, fn func(tok string, cjk bool)) {
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
			if state == none {
				state, start = word, i
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
}
