package search

import (
	"unicode/utf8"
)

// The index files are a few fixed shapes of JSON (fragment, shard), written
// by hand because encoding/json's reflection and buffering were a sixth of
// the time of Build. The output must stay byte-identical to encoding/json's:
// TestAppendJSONString and FuzzAppendJSONString hold appendJSONString to it,
// and TestAppendFragment does the same for appendFragment.

// jsonEscape marks the bytes appendJSONString must look at: ASCII that
// needs escaping always (controls, quote, backslash) or only with HTML
// escaping (<, >, &), and 0xE2, the lead byte of U+2028 and U+2029, which
// encoding/json escapes too.
var jsonEscape = func() (t [256]uint8) {
	for b := 0; b < 0x20; b++ {
		t[b] = escAlways
	}
	t['"'], t['\\'] = escAlways, escAlways
	t['<'], t['>'], t['&'] = escHTML, escHTML, escHTML
	t[0xE2] = escLineSep
	return t
}()

const (
	escAlways  = 1 + iota // always escaped
	escHTML               // escaped when escapeHTML is set
	escLineSep            // may start U+2028 or U+2029
)

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string exactly as encoding/json
// encodes it: with escapeHTML as json.Marshal does, without as an Encoder
// after SetEscapeHTML(false). Invalid UTF-8 becomes \ufffd there, so text
// that is not valid takes appendJSONStringSlow, a copy of encoding/json's
// loop; valid text (nearly all) only needs a look at each byte.
func appendJSONString(dst []byte, s string, escapeHTML bool) []byte {
	if !utf8.ValidString(s) {
		return appendJSONStringSlow(dst, s, escapeHTML)
	}
	return appendValidJSONString(dst, s, escapeHTML)
}

// appendValidJSONString is appendJSONString for s known to be valid UTF-8
// (the tokenizer reports it for titles and texts).
func appendValidJSONString(dst []byte, s string, escapeHTML bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		e := jsonEscape[s[i]]
		if e == 0 || e == escHTML && !escapeHTML {
			continue
		}
		if e == escLineSep {
			// U+2028 and U+2029 are E2 80 A8 and E2 80 A9; other runes that
			// start with E2 (dashes, curly quotes) pass.
			if i+2 >= len(s) || s[i+1] != 0x80 || s[i+2]&^1 != 0xA8 {
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0xF])
			i += 2
			start = i + 1
			continue
		}
		dst = append(dst, s[start:i]...)
		dst = appendEscapedASCII(dst, s[i])
		start = i + 1
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendEscapedASCII appends the escape encoding/json writes for b.
func appendEscapedASCII(dst []byte, b byte) []byte {
	switch b {
	case '\\', '"':
		return append(dst, '\\', b)
	case '\b':
		return append(dst, '\\', 'b')
	case '\f':
		return append(dst, '\\', 'f')
	case '\n':
		return append(dst, '\\', 'n')
	case '\r':
		return append(dst, '\\', 'r')
	case '\t':
		return append(dst, '\\', 't')
	}
	return append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
}

// appendJSONStringSlow is encoding/json's appendString, for invalid UTF-8.
func appendJSONStringSlow(dst []byte, s string, escapeHTML bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if e := jsonEscape[b]; e == 0 || e == escHTML && !escapeHTML {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			dst = appendEscapedASCII(dst, b)
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendFragment appends the fragment of d (see fragment) as encoding/json
// would encode it: fields in order, empty date fields left out, no HTML
// escaping (see marshal). titleValid and textValid tell whether d.Title and
// d.Text are valid UTF-8, which indexing found out. The ISO date is digits
// and dashes, which JSON never escapes.
func appendFragment(dst []byte, d *Doc, titleValid, textValid bool) []byte {
	str := func(dst []byte, s string, valid bool) []byte {
		if valid {
			return appendValidJSONString(dst, s, false)
		}
		return appendJSONStringSlow(dst, s, false)
	}
	dst = append(dst, `{"u":`...)
	dst = appendJSONString(dst, d.URL, false)
	dst = append(dst, `,"t":`...)
	dst = str(dst, d.Title, titleValid)
	if d.Date != "" {
		dst = append(dst, `,"d":`...)
		dst = appendJSONString(dst, d.Date, false)
	}
	if !d.Time.IsZero() {
		dst = append(dst, `,"dt":"`...)
		dst = d.Time.AppendFormat(dst, "2006-01-02")
		dst = append(dst, '"')
	}
	dst = append(dst, `,"x":`...)
	// A valid text stays valid when cut on a rune boundary.
	dst = str(dst, truncate(d.Text, MaxSnippetText), textValid)
	return append(dst, '}')
}
