package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// foldMap replaces letters that NFD does not decompose but that readers type
// without their stroke or ligature, and applies the Arabic spelling
// equivalences that NFD does not cover (أ إ آ ؤ ئ lose their hamza or madda
// as combining marks already). An empty replacement deletes the rune.
// search.js holds the same table (FOLD_MAP); change both together.
var foldMap = map[rune]string{
	'đ': "d",  // Vietnamese, Croatian: "doi" finds "đối"
	'ø': "o",  // Danish, Norwegian
	'ł': "l",  // Polish
	'œ': "oe", // French "oeuvre" finds "œuvre"
	'æ': "ae",
	'ß': "ss",
	'ı': "i", // Turkish dotless i
	'ς': "σ", // Greek final sigma is the same letter
	'ٱ': "ا", // alef wasla
	'ة': "ه", // ta marbuta
	'ى': "ي", // alef maqsura
	'ـ': "",  // tatweel (kashida) is only a stretch
}

// Fold returns the form of s used for matching: lowercase (full Unicode
// mapping, as JavaScript's toLowerCase), canonical decomposition with every
// nonspacing mark (Mn: Latin accents, Arabic harakat and hamza above/below,
// kana voicing marks) removed, recomposed (NFC), then foldMap applied.
// "Hội nghị" folds to "hoi nghi", "الإعلام" to "الاعلام".
//
// The rules do not depend on the language, so a query in any script behaves
// the same on every language's index.
// Invalid UTF-8 becomes U+FFFD first (as in the browser, where text
// arrives decoded), so folding never stops at a bad byte.
func Fold(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return foldLower(cases.Lower(language.Und).String(s))
}

// foldLower is Fold for an already lowercased string.
func foldLower(lower string) string {
	if isASCII(lower) {
		return lower // nothing to decompose, strip or map
	}
	return foldLowerUnicode(lower)
}

// foldLowerUnicode is foldLower without the ASCII shortcut.
func foldLowerUnicode(lower string) string {
	d := norm.NFD.String(lower)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if rep, ok := foldMap[r]; ok {
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// exactForm is the spelling a term is kept under inside its folded entry:
// lowercase and NFC, so "Hội" and "hội" (and a decomposed "hội") are one
// spelling, with final sigma unified because JavaScript lowercases by context.
// c must be a lowercasing Caser; Casers are stateful, so callers own one each.
func exactForm(c cases.Caser, raw string) string {
	if isASCII(raw) {
		return asciiLower(raw)
	}
	return exactFormUnicode(c, raw)
}

// exactFormUnicode is exactForm without the ASCII shortcut.
func exactFormUnicode(c cases.Caser, raw string) string {
	s := norm.NFC.String(c.String(raw))
	return strings.ReplaceAll(s, "ς", "σ")
}

// isASCII reports whether s is all ASCII, for which lowercasing is a byte
// mapping and NFC and NFD change nothing: English words and all numbers
// skip golang.org/x/text, which allocates several times per call.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiLower lowercases an ASCII string; it returns s itself if s has no
// capital letter.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for ; i < len(b); i++ {
				if 'A' <= b[i] && b[i] <= 'Z' {
					b[i] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
