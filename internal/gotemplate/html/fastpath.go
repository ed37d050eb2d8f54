package template

import "unicode/utf8"

// attache's additions (see README.md in the parent folder): most strings a
// page prints need no escaping at all, and finding that out with a plain
// byte scan costs less than the escapers' rune decoding and their
// builders' allocations.

// htmlNeedsReplace reports whether htmlReplacer could change s. It is
// conservative: true sends s down the standard path. The only runes
// outside the ASCII table that htmlReplacer rewrites are U+FDD0–U+FDEF and
// U+FFF0–U+FFFF (which includes U+FFFD, what an invalid byte decodes to);
// all of them are encoded with a leading 0xEF byte.
func htmlNeedsReplace(s string, table []string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch byteClass[s[i]] {
		case plainByte:
		case tableByte:
			if c := s[i]; int(c) < len(table) && table[c] != "" {
				return true
			}
		case leadEF:
			return true
		default:
			ascii = false
		}
	}
	return !ascii && !utf8.ValidString(s)
}

// byteClass sorts bytes for htmlNeedsReplace: most are plainByte and cost
// one table load.
var byteClass = func() (c [256]uint8) {
	for b := 0x80; b < 0x100; b++ {
		c[b] = otherByte
	}
	c[0xEF] = leadEF
	// Every byte any replacement table has an entry for.
	for _, b := range "\x00\t\n\v\f\r \"&'+<=>`" {
		c[b] = tableByte
	}
	return c
}()

const (
	plainByte = iota
	tableByte
	leadEF
	otherByte
)

// urlNeedsProcessing reports whether processURLOnto would change s: the
// same byte classes, without writing.
func urlNeedsProcessing(s string, norm bool) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			if !norm {
				return true
			}
		case '-', '.', '_', '~':
		case '%':
			if !(norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])) {
				return true
			}
		default:
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
				return true
			}
		}
	}
	return false
}

// stringForms are the escapers the pages call most often, for an argument
// of type string (text/template's StringForms): what stringify makes of a
// lone string is the string itself, of content type plain, so each form is
// its escaper's body with that filled in. FuzzStringForms holds each to
// its escaper.
var stringForms = map[string]func(string) string{
	"_html_template_attrescaper":   escapePlainHTML,
	"_html_template_htmlescaper":   escapePlainHTML,
	"_html_template_rcdataescaper": escapePlainHTML,
	"_html_template_urlescaper":    func(s string) string { return processURL(s, contentTypePlain, false) },
	"_html_template_urlnormalizer": func(s string) string { return processURL(s, contentTypePlain, true) },
	"_html_template_urlfilter": func(s string) string {
		if !isSafeURL(s) {
			return "#" + filterFailsafe
		}
		return s
	},
}

// escapePlainHTML is what the HTML, attribute and RCDATA escapers do to a
// plain string.
func escapePlainHTML(s string) string { return htmlReplacer(s, htmlReplacementTable, true) }
