package slug

import (
	"unicode"
	"unicode/utf8"
)

// Transliteration tables. They are keyed by lower-case runes (Make lower-cases
// before looking up) and hold ASCII only. A letter that is not in a table and
// has a canonical decomposition is looked up again by its base letter, so the
// tables list only letters that Unicode does not decompose (đ, ø, ł, ß…) and
// the letters of alphabets that have no ASCII form at all (Cyrillic, Greek).

// latinSpecial folds the Latin letters whose diacritic or ligature is not a
// combining mark in Unicode, so NFD leaves them whole.
var latinSpecial = map[rune]string{
	'đ': "d", // Vietnamese, Croatian
	'ð': "d", // Icelandic eth
	'ø': "o",
	'ß': "ss",
	'æ': "ae",
	'œ': "oe",
	'ł': "l",
	'þ': "th",
	'ħ': "h",
	'ı': "i", // Turkish dotless i
	'ŧ': "t",
	'ĸ': "k",
	'ŋ': "ng",
	'ƒ': "f",
	'ə': "e", // Azerbaijani schwa
	'ǝ': "e",
	'ɛ': "e",
	'ɔ': "o",
	'ƀ': "b",
	'ɓ': "b", // Hausa hooked letters
	'ɗ': "d",
	'ƙ': "k",
	'ƴ': "y",
	'ɨ': "i",
	'ʉ': "u",
	'ƶ': "z",
	'ȥ': "z",
}

// cyrillic is a simplified BGN/PCGN romanisation without diacritics, the one
// Russian-language news sites commonly use in URLs (Москва → moskva,
// Щукин → shchukin, объявление → obyavlenie), extended with the letters of
// Ukrainian, Belarusian, Serbian, Macedonian and Kazakh. One table serves
// every language, so и is i as in Russian, also in Ukrainian (Київ → kiyiv).
// Index: rune-0x400.
var cyrillic = [0x100]string{
	0x430 - 0x400: "a", 0x431 - 0x400: "b", 0x432 - 0x400: "v", 0x433 - 0x400: "g",
	0x434 - 0x400: "d", 0x435 - 0x400: "e", 0x451 - 0x400: "e", 0x436 - 0x400: "zh",
	0x437 - 0x400: "z", 0x438 - 0x400: "i", 0x439 - 0x400: "y", 0x43A - 0x400: "k",
	0x43B - 0x400: "l", 0x43C - 0x400: "m", 0x43D - 0x400: "n", 0x43E - 0x400: "o",
	0x43F - 0x400: "p", 0x440 - 0x400: "r", 0x441 - 0x400: "s", 0x442 - 0x400: "t",
	0x443 - 0x400: "u", 0x444 - 0x400: "f", 0x445 - 0x400: "kh", 0x446 - 0x400: "ts",
	0x447 - 0x400: "ch", 0x448 - 0x400: "sh", 0x449 - 0x400: "shch", 0x44B - 0x400: "y",
	0x44D - 0x400: "e", 0x44E - 0x400: "yu", 0x44F - 0x400: "ya",
	// ъ and ь have no sound of their own: translit maps them to "".

	// Ukrainian, Belarusian.
	0x454 - 0x400: "ye", 0x456 - 0x400: "i", 0x457 - 0x400: "yi", 0x491 - 0x400: "g",
	0x45E - 0x400: "u",
	// Serbian, Macedonian.
	0x452 - 0x400: "dj", 0x458 - 0x400: "j", 0x459 - 0x400: "lj", 0x45A - 0x400: "nj",
	0x45B - 0x400: "c", 0x45F - 0x400: "dz", 0x453 - 0x400: "gj", 0x45C - 0x400: "kj",
	0x455 - 0x400: "dz",
	// Kazakh and other Turkic alphabets.
	0x4D9 - 0x400: "a", 0x493 - 0x400: "g", 0x49B - 0x400: "k", 0x4A3 - 0x400: "n",
	0x4E9 - 0x400: "o", 0x4B1 - 0x400: "u", 0x4AF - 0x400: "u", 0x4BB - 0x400: "h",
	0x497 - 0x400: "zh", 0x4E3 - 0x400: "i", 0x4EF - 0x400: "u",
}

// greek follows ELOT 743 letter by letter (Αθήνα → athina); the digraphs ου,
// αυ, ευ, ηυ are handled in Make. Index: rune-0x370.
var greek = [0x90]string{
	0x3B1 - 0x370: "a", 0x3B2 - 0x370: "v", 0x3B3 - 0x370: "g", 0x3B4 - 0x370: "d",
	0x3B5 - 0x370: "e", 0x3B6 - 0x370: "z", 0x3B7 - 0x370: "i", 0x3B8 - 0x370: "th",
	0x3B9 - 0x370: "i", 0x3BA - 0x370: "k", 0x3BB - 0x370: "l", 0x3BC - 0x370: "m",
	0x3BD - 0x370: "n", 0x3BE - 0x370: "x", 0x3BF - 0x370: "o", 0x3C0 - 0x370: "p",
	0x3C1 - 0x370: "r", 0x3C2 - 0x370: "s", 0x3C3 - 0x370: "s", 0x3C4 - 0x370: "t",
	0x3C5 - 0x370: "y", 0x3C6 - 0x370: "f", 0x3C7 - 0x370: "ch", 0x3C8 - 0x370: "ps",
	0x3C9 - 0x370: "o",
}

// translit returns the ASCII form of the lower-case letter r, and whether r
// has one. The form may be empty (ъ, ь).
func translit(r rune) (string, bool) {
	switch {
	case r >= 0x400 && r < 0x500:
		if r == 'ъ' || r == 'ь' {
			return "", true
		}
		t := cyrillic[r-0x400]
		return t, t != ""
	case r >= 0x370 && r < 0x400:
		t := greek[r-0x370]
		return t, t != ""
	case r >= 0xC0 && r < 0x300:
		t, ok := latinSpecial[r]
		return t, ok
	}
	return "", false
}

// The ASCII base letters of the precomposed Latin letters of Latin-1,
// Latin Extended-A and -B, and Latin Extended Additional (all of Vietnamese),
// worked out once from the Unicode decompositions: asking the norm tables
// for every letter of every title is the slowest part of Make otherwise.
var (
	latinBase1 = latinBaseTable(0xC0, 0x250)
	latinBase2 = latinBaseTable(0x1E00, 0x1F00)
)

func latinBaseTable(lo, hi rune) []byte {
	t := make([]byte, hi-lo)
	for r := lo; r < hi; r++ {
		if base := baseLetter(unicode.ToLower(r)); base < utf8.RuneSelf && 'a' <= base && base <= 'z' {
			t[r-lo] = byte(base)
		}
	}
	return t
}

// latinBase returns the ASCII base letter of the lower-case Latin letter r
// (ộ → o), or 0 when r is not a precomposed Latin letter it knows.
func latinBase(r rune) byte {
	switch {
	case 0xC0 <= r && r < 0x250:
		return latinBase1[r-0xC0]
	case 0x1E00 <= r && r < 0x1F00:
		return latinBase2[r-0x1E00]
	}
	return 0
}
