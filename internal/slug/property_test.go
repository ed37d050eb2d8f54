package slug

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkInvariants fails t when Make(s) breaks a promise of the package doc.
func checkInvariants(t *testing.T, s string) {
	t.Helper()
	got := Make(s)
	switch {
	case !utf8.ValidString(got):
		t.Fatalf("Make(%q) = %q: invalid UTF-8", s, got)
	case len(got) > MaxLen:
		t.Fatalf("Make(%q) = %q: %d bytes", s, got, len(got))
	case strings.ContainsAny(got, `/\.`) || strings.Contains(got, "--"):
		t.Fatalf("Make(%q) = %q: unsafe character", s, got)
	case strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-"):
		t.Fatalf("Make(%q) = %q: dash at an end", s, got)
	case isReserved(got):
		t.Fatalf("Make(%q) = %q: device name", s, got)
	}
	if again := Make(got); again != got {
		t.Fatalf("Make(%q) = %q, but Make(%q) = %q", s, got, got, again)
	}
	if IsValid(got) != (got != "") {
		t.Fatalf("IsValid(%q) = %v", got, IsValid(got))
	}
}

// TestMakeInvariantsOnMixedScripts throws deterministic random mixtures of
// the characters that make slugging hard at Make: the byte-level fuzzer
// rarely builds such multi-byte sequences on its own.
func TestMakeInvariantsOnMixedScripts(t *testing.T) {
	pool := []rune(
		"aZ0 -./\\'’.\x00\t" + // ASCII and separators
			"ĐđôơưộẫÆßØłÞĳǅſ" + // Latin, incl. compatibility forms
			"\u0300\u0301\u0302\u0306\u0308\u0323\u031b\u0345" + // Latin combining marks
			"МоскваЁёЙйЪЬїЃ\u0306\u0308" + // Cyrillic (decomposed й, ё too)
			"ΑθήναΥϋΰϒϔουευ" + // Greek
			"الإعلامٷﻻـ\u064e\u064f\u0651\u0655\u0670" + // Arabic, presentation forms, tatweel, harakat
			"对外信息，。ﾆｭｰｽか\u3099\u309aー々" + // CJK, half-width kana, dakuten
			"외교\u1100\u1161\u11a8" + // Hangul syllables and conjoining jamo
			"ข่าวຂ່າວព័ត៌विदेश\u094d\u093f" + // Thai, Lao, Khmer, Devanagari
			"ՀայDeseret\U00010400\U00010428" + // cased scripts kept as written
			"\u200c\u200d\u00ad\u200f\ufeff" + // format characters
			"①½²™℅…‥ﬁＡ🎉\ufffd", // compatibility symbols, emoji
	)
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for range 10000 {
		b.Reset()
		n := rng.IntN(60)
		if rng.IntN(10) == 0 {
			n = 100 + rng.IntN(200) // long enough to be cut
		}
		for range n {
			b.WriteRune(pool[rng.IntN(len(pool))])
		}
		checkInvariants(t, b.String())
	}
}
