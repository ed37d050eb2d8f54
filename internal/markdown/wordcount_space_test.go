package markdown

import (
	"testing"
	"unicode"
)

func TestIsSpaceMatchesUnicode(t *testing.T) {
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v, unicode.IsSpace says %v", r, isSpace(r), unicode.IsSpace(r))
		}
	}
}
