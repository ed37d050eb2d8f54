package search

import (
	"sync"
	"unicode"
)

// runeClass is what a rune does to tokenisation (see tokenizer).
type runeClass uint8

const (
	classSep  runeClass = iota // ends a token: space, punctuation, symbol, invalid UTF-8
	classWord                  // letter or digit: part of a word
	classMark                  // combining mark: continues the token before it
	classCJK                   // Han, kana: indexed as n-grams
)

// classOfSlow is the definition of the classes, straight from the Unicode
// tables. classOf answers the same from a table for the Basic Multilingual
// Plane, where a binary search over unicode.L for every rune of Vietnamese,
// Arabic or Chinese text would dominate the build of the index.
func classOfSlow(r rune) runeClass {
	switch {
	case isCJK(r):
		return classCJK
	case isWordRune(r):
		return classWord
	case r >= 0x300 && unicode.IsMark(r): // no marks below U+0300
		return classMark
	}
	return classSep
}

// bmpClasses is the class of every rune below U+10000, built on first use
// (64 KiB, under a millisecond) so that programs that never build an
// index do not pay for it. A test checks it against classOfSlow rune by rune.
var bmpClasses = sync.OnceValue(func() *[0x10000]runeClass {
	var t [0x10000]runeClass
	set := func(tab *unicode.RangeTable, c runeClass, from rune) {
		for _, r16 := range tab.R16 {
			for r := rune(r16.Lo); r <= rune(r16.Hi); r += rune(r16.Stride) {
				if r >= from {
					t[r] = c
				}
			}
		}
	}
	// General categories are disjoint; the CJK scripts go last because
	// isCJK is tested first and takes, for example, Han's numerals.
	set(unicode.M, classMark, 0x300)
	set(unicode.L, classWord, 0)
	set(unicode.N, classWord, 0)
	for _, tab := range []*unicode.RangeTable{unicode.Han, unicode.Hiragana, unicode.Katakana} {
		set(tab, classCJK, 0x2e80)
	}
	t['ー'] = classCJK
	return &t
})

// classOf is classOfSlow(r) for a rune decoded from text, given the table
// bmpClasses returns.
func classOf(t *[0x10000]runeClass, r rune) runeClass {
	if uint32(r) < uint32(len(t)) {
		return t[r]
	}
	return classOfSlow(r)
}
