package search

import (
	"testing"
	"unicode"
)

// TestClassTable: the table answers exactly what the Unicode tables do, for
// every rune it covers, and classOf falls back beyond it.
func TestClassTable(t *testing.T) {
	tab := bmpClasses()
	for r := rune(0); r < 0x10000; r++ {
		if got, want := tab[r], classOfSlow(r); got != want {
			t.Fatalf("class of %U = %d, want %d", r, got, want)
		}
		// isUnitMark relies on this: in the BMP a CJK rune is never a mark.
		if tab[r] == classCJK && unicode.IsMark(r) {
			t.Fatalf("%U is CJK and a mark", r)
		}
	}
	for _, tc := range []struct {
		r    rune
		want runeClass
	}{
		{'a', classWord}, {'ộ', classWord}, {'\u0301', classMark}, {'对', classCJK}, {' ', classSep},
		{0x20000, classCJK}, {0x16FF0, classCJK}, {0x1F600, classSep}, {0x1D7CE, classWord}, {0x1D167, classMark},
		{unicode.MaxRune, classSep}, {-1, classSep},
	} {
		if got := classOf(tab, tc.r); got != tc.want {
			t.Errorf("classOf(%U) = %d, want %d", tc.r, got, tc.want)
		}
	}
	if !isUnitMark(tab, 0x16FF0) || isUnitMark(tab, '漢') || !isUnitMark(tab, 0x3099) {
		t.Error("isUnitMark disagrees with unicode.IsMark")
	}
}

func TestASCIIClass(t *testing.T) {
	for b := rune(0); b < 0x80; b++ {
		if got, want := asciiClass[b], classOfSlow(b); got != want {
			t.Errorf("asciiClass[%q] = %d, want %d", b, got, want)
		}
	}
}
