package slug

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// TestNFKCInertIsTrue checks the hand-written range table against the norm
// tables: a rune it calls inert must be its own NFKC form and must not
// combine with the rune before it.
func TestNFKCInertIsTrue(t *testing.T) {
	n := 0
	for r := rune(0); r <= 0x10FFFF; r++ {
		if !nfkcInert(r) || !utf8.ValidRune(r) {
			continue
		}
		n++
		p := norm.NFKC.PropertiesString(string(r))
		if !p.BoundaryBefore() || norm.NFKC.String(string(r)) != string(r) {
			t.Errorf("U+%04X is called NFKC-inert but is not", r)
		}
	}
	if n < 20000 {
		t.Errorf("only %d inert runes: the fast path would rarely apply", n)
	}
}

// TestFastPathsAgree checks the range tests of isMark, isFormat, isArabic,
// isCJK and folds against the Unicode tables, over every code point.
func TestFastPathsAgree(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isMark(r), unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me); got != want {
			t.Errorf("isMark(U+%04X) = %v, want %v", r, got, want)
		}
		if got, want := isFormat(r), unicode.Is(unicode.Cf, r); got != want {
			t.Errorf("isFormat(U+%04X) = %v, want %v", r, got, want)
		}
		if unicode.IsLetter(r) && r != 0x640 && isArabic(r) != unicode.Is(unicode.Arabic, r) {
			t.Errorf("isArabic(U+%04X) = %v", r, isArabic(r))
		}
		if isCJK(r) && (!unicode.IsLetter(r) || unicode.ToLower(r) != r) {
			t.Errorf("isCJK(U+%04X) but it is not a caseless letter", r)
		}
		f := unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) && unicode.IsLetter(r) &&
			!(0x2B0 <= r && r <= 0x2FF) && !unicode.Is(unicode.Coptic, r)
		if folds(r) != f {
			t.Errorf("folds(U+%04X) = %v, want %v", r, folds(r), f)
		}
	}
}
