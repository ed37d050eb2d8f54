package markdown

import (
	"unicode"
	"unicode/utf8"
)

// Thai, Lao, Khmer and Myanmar do not separate words with spaces; without
// an estimate a whole Lao sentence would count as one word and reading
// times would be absurd. A word is taken to be about four letters in Thai
// and Lao (whose vowels are mostly letters) and three in Khmer and Myanmar
// (whose vowels are mostly combining marks, which are not counted). Letters
// are weighed in twelfths of a word to keep the arithmetic in integers.
const (
	unspacedWord       = 12
	thaiLaoLetter      = unspacedWord / 4
	khmerBurmeseLetter = unspacedWord / 3
)

// countWords counts words the way readers of each script would:
//   - in spaced scripts (Latin, Vietnamese, Cyrillic, Arabic, …) a word is a
//     run of non-space characters holding at least one letter or digit, so
//     "state-of-the-art" and "16-KL/TW" are one word and a lone "–" none;
//   - every Han, Hiragana, Katakana or Hangul character is a word of its own;
//   - Thai and Lao runs count one word per four letters, Khmer and Myanmar
//     runs one per three, rounded up (see unspacedWord).
//
// Mixed text is counted script by script: "Hà Nội 2024年5月" is 6 words.
func countWords(s string) int {
	words := 0
	inWord, counted := false, false // in a spaced word; has it been counted
	unspaced := 0                   // weight of the current unspaced run
	flushUnspaced := func() {
		if unspaced > 0 {
			words += (unspaced + unspacedWord - 1) / unspacedWord
			unspaced = 0
		}
	}
	for i := 0; i < len(s); {
		if inWord && counted {
			// The rest of a counted word changes nothing: skip it without
			// decoding, up to a space or a rune that needs a look. Two-byte
			// runes (U+0080–07FF: Latin, Arabic, Cyrillic…) hold two spaces,
			// U+0085 and U+00A0, and nothing spaceless or counted alone;
			// U+1E00–1EFF (Vietnamese's accented letters) are all letters.
			// Inside a word nothing spaceless is pending (unspaced is 0).
			i = skipInWord(s, i)
			if i >= len(s) {
				break
			}
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r < utf8.RuneSelf:
			flushUnspaced()
			switch {
			case r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v':
				inWord = false
			case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9':
				if !counted || !inWord {
					words++
				}
				inWord, counted = true, true
			default: // ASCII punctuation: part of a word, not one by itself
				if !inWord {
					inWord, counted = true, false
				}
			}
		case countsAsWord(r):
			flushUnspaced()
			words++
			inWord = false
		case isUnspaced(r):
			if unicode.IsLetter(r) {
				if r <= 0x0EFF {
					unspaced += thaiLaoLetter
				} else {
					unspaced += khmerBurmeseLetter
				}
			}
			inWord = false
		case isSpace(r):
			flushUnspaced()
			inWord = false
		default:
			flushUnspaced()
			if inWord && counted {
				continue // the middle of a counted word: no need to classify r
			}
			wordish := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
			switch {
			case !inWord:
				inWord, counted = true, wordish
				if wordish {
					words++
				}
			case wordish && !counted:
				words++
				counted = true
			}
		}
	}
	flushUnspaced()
	return words
}

// skipInWord returns where, from i, the counted word of s may end or a
// rune needs classifying (see countWords).
func skipInWord(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if asciiSpace[c] {
				return i
			}
			i++
		case 0xC2 <= c && c <= 0xDF && i+1 < len(s) && isCont(s[i+1]) && !(c == 0xC2 && (s[i+1] == 0x85 || s[i+1] == 0xA0)):
			i += 2
		case c == 0xE1 && i+2 < len(s) && 0xB8 <= s[i+1] && s[i+1] <= 0xBB && isCont(s[i+2]):
			i += 3
		default:
			return i
		}
	}
	return i
}

// asciiSpace marks the ASCII spaces countWords ends words at.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\n': true, '\t': true, '\r': true, '\f': true, '\v': true}

// isCont reports whether b is a UTF-8 continuation byte.
func isCont(b byte) bool { return b&0xC0 == 0x80 }

// countsAsWord reports whether r is a Han, Hiragana, Katakana or Hangul
// character, each of which counts as one word.
func countsAsWord(r rune) bool {
	if r < 0x1100 || 0x11FF < r && r < 0x2E80 { // fast path: Latin, Vietnamese, Arabic, …
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// isUnspaced reports whether r belongs to a script written without spaces
// between words: Thai, Lao (U+0E00–0EFF), Myanmar (U+1000–109F), Khmer
// (U+1780–17FF).
func isUnspaced(r rune) bool {
	return 0x0E00 <= r && r <= 0x0EFF || 0x1000 <= r && r <= 0x109F || 0x1780 <= r && r <= 0x17FF
}

// isSpace is unicode.IsSpace for runes from U+0080 on, without its table
// search: every letter of Vietnamese, Arabic or Cyrillic text is asked.
// TestIsSpaceMatchesUnicode checks every rune.
func isSpace(r rune) bool {
	switch {
	case r < 0x2000:
		return r == 0x85 || r == 0xA0 || r == 0x1680
	case r <= 0x200A:
		return true
	}
	return r == 0x2028 || r == 0x2029 || r == 0x202F || r == 0x205F || r == 0x3000
}
