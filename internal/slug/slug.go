// Package slug turns titles, file names and taxonomy terms into URL path
// segments.
//
// Make is pure and deterministic. Its result:
//   - is valid UTF-8 in Unicode NFKC, at most MaxLen bytes;
//   - holds only lower-case ASCII letters and digits, '-', and the letters,
//     digits and combining marks of scripts that have no ASCII form (Arabic,
//     Han, Kana, Hangul, Thai, Lao, Khmer, Devanagari…), lower-cased where
//     the script has case;
//   - never starts or ends with '-', never holds "--", '/', '\\' or '.', so
//     it is always one safe path segment;
//   - is never a Windows device name (con, nul, com1…);
//   - is a fixed point: Make(Make(s)) == Make(s).
//
// How text is folded:
//   - Latin letters lose their diacritics (ộ → o) and the letters Unicode
//     does not decompose are spelled out (đ → d, ø → o, ß → ss, æ → ae,
//     œ → oe, ł → l, þ → th); compatibility forms are folded by NFKC
//     (ﬁ → fi, full-width Ａ → a, ² → 2).
//   - Cyrillic is romanised with a simplified BGN/PCGN table (Москва → moskva,
//     ж → zh, щ → shch, ю → yu, ъ and ь dropped), Greek letter by letter after
//     ELOT 743 (Αθήνα → athina, ου → ou, ευ → ev).
//   - Other scripts are kept as written. Arabic harakat and tatweel are
//     dropped, as are invisible format characters (ZWJ, ZWNJ, soft hyphen,
//     bidi marks): they vanish without splitting the word.
//   - Every other run of characters — spaces, punctuation, symbols, control
//     characters, invalid UTF-8 — becomes one '-'. Apostrophes count as
//     punctuation: l'information → l-information, Vietnam's → vietnam-s.
//     This keeps French elisions readable and needs no per-language rule.
//   - A result longer than MaxLen bytes is cut at the last '-' in its second
//     half when there is one, else at a character boundary that does not
//     separate a letter from its combining marks.
//   - A Windows device name gets "-1" appended (con → con-1).
//
// Make does not strip file extensions: a caller slugging a file name removes
// ".md" first. Make returns "" when nothing usable remains; callers report it.
package slug

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest slug Make returns, in bytes: room for the long
// descriptive file names newsrooms use (at 80 bytes, distinct file names of
// the reference corpus collided), and still under the 255-byte name limit.
const MaxLen = 200

// stopAt is how much output Make builds before it stops reading at the next
// word boundary: well past MaxLen, so the cut sees everything it needs,
// whatever a hostile megabyte-long title holds.
const stopAt = 2 * MaxLen

// Make returns the slug of s. See the package documentation for the rules.
func Make(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return makeUnicode(s)
		}
	}
	if isCleanASCII(s) {
		return s // the common case for authored slugs and file names: no allocation
	}
	var b builder
	b.grow(len(s))
	for i := 0; i < len(s); i++ {
		if !b.ascii(s[i]) {
			break
		}
	}
	return b.finish()
}

// IsValid reports whether s is already a clean, non-empty slug, that is
// Make(s) == s. Use it to check a `slug:` written by an author.
func IsValid(s string) bool {
	return s != "" && Make(s) == s
}

func makeUnicode(s string) string {
	// NFKC first: it composes what the rules below see as one letter
	// (Vietnamese typed as NFD, Cyrillic й, Arabic letters with hamza) and
	// folds compatibility forms, so "ﬁ" and "fi" give the same slug. Titles
	// in Vietnamese, French or German are usually NFKC already, and proving
	// that by range is much cheaper than asking the norm tables.
	if !isNFKCInert(s) {
		if !utf8.ValidString(s) {
			// norm leaves the text after an invalid byte partly
			// unnormalised; invalid bytes are separators anyway.
			s = strings.ToValidUTF8(s, " ")
		}
		s = norm.NFKC.String(s)
	}
	var b builder
	b.grow(len(s))
	for _, r := range s {
		var more bool
		if r < utf8.RuneSelf {
			more = b.ascii(byte(r))
		} else {
			more = b.rune(r)
		}
		if !more {
			break
		}
	}
	return b.finish()
}

// builder accumulates a slug. Separators are deferred (dash) so that a run
// of them becomes one '-' and none leads or trails.
type builder struct {
	// buf is written only at its end, so its String needs no copy.
	buf strings.Builder
	// dash records a separator seen since the last character written.
	dash bool
	// keepMarks says whether combining marks that follow belong to a letter
	// that is kept as written (Thai vowel signs, Devanagari matras); marks
	// after a folded letter or a separator are dropped.
	keepMarks bool
	// prevGreek is the last Greek letter written, for the digraphs ου, ευ.
	prevGreek rune
	// denormal records that the output may not be in NFKC though the input
	// was: a character dropped between a letter and a mark (tatweel, ZWJ)
	// can leave a composable pair, and lower-casing may decompose.
	denormal bool
}

// grow reserves room for the slug of an n-byte input: the output is rarely
// longer than the input, and Make stops reading soon after stopAt.
func (b *builder) grow(n int) {
	b.buf.Grow(min(n, stopAt+2*utf8.UTFMax))
}

// finish normalises, cuts and de-reserves the built slug.
func (b *builder) finish() string {
	s := b.buf.String()
	if b.denormal {
		s = norm.NFKC.String(s)
	}
	s = cut(s)
	if isReserved(s) {
		return s + "-1"
	}
	return s
}

// ascii handles one ASCII byte and reports whether to go on reading.
func (b *builder) ascii(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
	case 'A' <= c && c <= 'Z':
		c += 'a' - 'A'
	default:
		return b.sep()
	}
	b.open()
	b.buf.WriteByte(c)
	b.keepMarks, b.prevGreek = false, 0
	return true
}

// rune handles one non-ASCII rune and reports whether to go on reading.
func (b *builder) rune(r rune) bool {
	switch {
	case isCJK(r):
		// Fast path for the bulk of Chinese, Japanese and Korean text.
		b.keep(r, true)
		return true
	case 0x621 <= r && r <= 0x64A && r != 0x640:
		// Fast path for the Arabic letters proper: no case, marks dropped.
		b.keep(r, false)
		return true
	case r == 0x640 || isFormat(r):
		// Tatweel and invisible format characters vanish inside a word.
		b.denormal = true
		return true
	case isMark(r):
		if b.keepMarks {
			b.buf.WriteRune(r)
		}
		return true
	}
	lr := unicode.ToLower(r)
	if lr != r {
		b.denormal = true
	}
	if folds(lr) {
		b.fold(lr)
		return true
	}
	if isWordRune(lr) {
		// Arabic diacritics (harakat) are dropped; other scripts keep theirs.
		b.keep(lr, !isArabic(lr))
		return true
	}
	return b.sep()
}

// fold writes the ASCII form of the lower-case Latin, Greek or Cyrillic
// letter lr.
func (b *builder) fold(lr rune) {
	if c := latinBase(lr); c != 0 {
		b.ascii(c)
		return
	}
	base := lr
	t, ok := translit(lr)
	if !ok {
		base = baseLetter(lr)
		if base < utf8.RuneSelf {
			b.ascii(byte(base))
			return
		}
		t, ok = translit(base)
	}
	if base == 'υ' && lr != 'ϋ' && lr != 'ΰ' { // a dialytika keeps υ a vowel of its own
		// ELOT 743 digraphs: ου is one vowel, αυ ευ ηυ are av ev iv.
		switch b.prevGreek {
		case 'ο':
			t = "u"
		case 'α', 'ε', 'η':
			t = "v"
		}
	}
	switch {
	case ok && t == "":
		// ъ, ь: silent, and no reason to write a pending separator.
	case ok:
		b.open()
		b.buf.WriteString(t)
	default:
		b.open()
		// A letter with no known ASCII form (rare: IPA, Coptic, old
		// orthographies) is kept rather than lost.
		b.buf.WriteRune(base)
		b.denormal = true
	}
	b.keepMarks = false
	b.prevGreek = 0
	if 0x370 <= base && base < 0x400 {
		b.prevGreek = base
	}
}

// keep writes the letter or digit r as it is; marks says whether combining
// marks that follow it are kept too.
func (b *builder) keep(r rune, marks bool) {
	b.open()
	b.buf.WriteRune(r)
	b.keepMarks = marks
	b.prevGreek = 0
}

// sep records a separator and reports whether to go on reading: once the
// slug is well past MaxLen, the rest of the input cannot change the result.
func (b *builder) sep() bool {
	b.dash = b.buf.Len() > 0
	b.keepMarks, b.prevGreek = false, 0
	return b.buf.Len() < stopAt
}

// open writes the pending separator, if any, before a character.
func (b *builder) open() {
	if b.dash {
		b.buf.WriteByte('-')
		b.dash = false
	}
}

// folds reports whether the lower-case letter r is written in ASCII in a
// slug: Latin, Greek and Cyrillic letters, but not the spacing modifier
// letters (ʰ, ʼ: punctuation in practice, see isWordRune) nor Coptic. The blocks that hold nearly all
// such letters are tested by range; unicode.In is slow on the hot path.
func folds(r rune) bool {
	switch {
	case r < 0x80: // handled by builder.ascii; here for completeness
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	case r < 0x250: // Latin-1 Supplement, Latin Extended-A and -B
		return r >= 0xC0 && r != 0xD7 && r != 0xF7 || r == 0xAA || r == 0xBA
	case r < 0x2B0: // IPA Extensions
		return true
	case r < 0x370: // spacing modifiers and combining marks
		return false
	case r < 0x530: // Greek and Cyrillic, but for the Coptic letters among them
		return unicode.IsLetter(r) && r != 0x374 && (r < 0x3E2 || r > 0x3EF)
	case r < 0x1C80: // Armenian … Khmer, Mongolian…: scripts kept as written
		return false
	case 0x1E00 <= r && r < 0x1F00: // Latin Extended Additional: Vietnamese
		return true
	}
	return unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic) && unicode.IsLetter(r)
}

// isCJK reports whether r is a Han ideograph, a kana or a Hangul syllable:
// letters without case or decomposition, kept as written.
func isCJK(r rune) bool {
	return 0x4E00 <= r && r <= 0x9FFF || 0xAC00 <= r && r <= 0xD7A3 ||
		0x3041 <= r && r <= 0x3096 || 0x30A1 <= r && r <= 0x30FA || 0x30FC <= r && r <= 0x30FE
}

// isArabic reports whether r belongs to the Arabic script.
func isArabic(r rune) bool {
	if r < 0x900 {
		return 0x600 <= r && r < 0x700 || 0x750 <= r && r < 0x780 || 0x870 <= r
	}
	return unicode.Is(unicode.Arabic, r)
}

// baseLetter returns the first rune of r's compatibility decomposition,
// lower-cased (ộ → o, ϔ → υ), or r itself when it has none.
func baseLetter(r rune) rune {
	var enc [utf8.UTFMax]byte
	n := utf8.EncodeRune(enc[:], r)
	if d := norm.NFKD.Properties(enc[:n]).Decomposition(); len(d) > 0 {
		base, _ := utf8.DecodeRune(d)
		return unicode.ToLower(base)
	}
	return r
}

// isWordRune reports whether r is kept as written: a letter or digit of a
// script without an ASCII form. Spacing modifier letters (ʼ, ˈ…) are
// punctuation in practice.
func isWordRune(r rune) bool {
	if r >= 0x2B0 && r <= 0x2FF {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Nl, r)
}

// isNFKCInert reports whether every rune of s is one that NFKC leaves as
// it is whatever surrounds it (no decomposition, no combining with the rune
// before), so NFKC(s) == s. It knows only the common Latin letters and
// punctuation and answers false for anything else.
func isNFKCInert(s string) bool {
	for _, r := range s {
		if !nfkcInert(r) {
			return false
		}
	}
	return true
}

func nfkcInert(r rune) bool {
	switch {
	case r < 0xA0: // ASCII, C1 controls
		return true
	case r < 0xC0: // Latin-1 punctuation, some with compatibility forms
		switch r {
		case 0xA0, 0xA8, 0xAA, 0xAF, 0xB2, 0xB3, 0xB4, 0xB5, 0xB8, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE:
			return false
		}
		return true
	case r < 0x250: // Latin letters, but for ligatures and old forms
		switch {
		case r == 0x132, r == 0x133, r == 0x13F, r == 0x140, r == 0x149, r == 0x17F,
			0x1C4 <= r && r <= 0x1CC, 0x1F1 <= r && r <= 0x1F3:
			return false
		}
		return true
	case 0x1E00 <= r && r < 0x1F00: // Latin Extended Additional: Vietnamese
		return r != 0x1E9A && r != 0x1E9B
	case 0x400 <= r && r < 0x483, 0x48A <= r && r < 0x530: // Cyrillic but for its marks
		return true
	case 0x621 <= r && r <= 0x64A, 0x660 <= r && r <= 0x669: // Arabic letters, digits
		return true
	case 0x2012 <= r && r <= 0x2016, 0x2018 <= r && r <= 0x2023: // dashes, quotes
		return true
	case r == 0x3001 || r == 0x3002: // ideographic comma, full stop
		return true
	}
	return isCJK(r)
}

// isFormat reports whether r is an invisible format character (Cf).
func isFormat(r rune) bool {
	switch {
	case r < 0x600:
		return r == 0xAD // soft hyphen
	case 0x1E00 <= r && r < 0x2000:
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

// isMark reports whether r is a combining mark. The blocks of the scripts
// slugs are most often made of are tested by range.
func isMark(r rune) bool {
	switch {
	case r < 0x300:
		return false
	case r < 0x370: // Combining Diacritical Marks
		return true
	case r < 0x483: // Greek, Cyrillic
		return false
	case r < 0x48A: // Cyrillic combining marks
		return true
	case r < 0x591: // Cyrillic Supplement, Armenian
		return false
	case 0x1E00 <= r && r < 0x2000, isCJK(r): // Latin Extended Additional, Greek Extended
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me)
}

// cut shortens s to at most MaxLen bytes, preferring a word boundary in the
// second half, else a character boundary that keeps each letter with its
// combining marks.
func cut(s string) string {
	if len(s) <= MaxLen {
		return s
	}
	if i := strings.LastIndexByte(s[:MaxLen+1], '-'); i >= MaxLen/2 {
		return s[:i]
	}
	i := MaxLen
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	j := i
	for j > 0 {
		r, _ := utf8.DecodeRuneInString(s[j:])
		if !isMark(r) {
			break
		}
		_, n := utf8.DecodeLastRuneInString(s[:j])
		j -= n
	}
	if j > 0 {
		i = j
	} // else one letter with more than MaxLen bytes of marks: cut among them.
	return strings.TrimRight(s[:i], "-")
}

// isCleanASCII reports whether the ASCII string s is already a slug.
func isCleanASCII(s string) bool {
	if s == "" || len(s) > MaxLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-':
			if s[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return !isReserved(s)
}

// isReserved reports whether s names a Windows device (CON, PRN, AUX, NUL,
// COM0–COM9, LPT0–LPT9), which no file or directory may be called there,
// whatever its extension.
func isReserved(s string) bool {
	switch len(s) {
	case 3:
		return s == "con" || s == "prn" || s == "aux" || s == "nul"
	case 4:
		return (s[:3] == "com" || s[:3] == "lpt") && '0' <= s[3] && s[3] <= '9'
	}
	return false
}
