package markdown

import "bytes"

// Linkify (bare URLs, www. addresses and e-mail addresses become links) is
// an inline parser that goldmark calls at every space, '*', '_', '~' and
// '(' of the text, and each call splits the text run there: a typical
// article took 1.6 times as long to parse with it (BenchmarkParse: 240 µs
// against 150 µs). Most articles hold no bare
// address at all, and for them a converter without linkify gives the same
// document (TestNoLinkifyGivesTheSameDoc, FuzzNoLinkify).

// mayLinkify reports whether linkify could find anything in src. Its URL
// pattern needs "://" (http, https, ftp), its www pattern "www." and an
// e-mail address '@', all in the source as written (entities and
// escapes cannot form them: linkify reads the raw line). A false positive
// only costs the slower parse.
func mayLinkify(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 ||
		bytes.Contains(src, []byte("://")) ||
		bytes.Contains(src, []byte("www."))
}
