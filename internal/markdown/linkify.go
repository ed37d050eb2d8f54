package markdown

import (
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// goldmark's linkify patterns, minus the double quote among the characters
// a path may hold. A " is not a URL character (RFC 3986 wants it
// percent-encoded), and with goldmark's own patterns a quoted bare URL,
// common in press releases ("https://example.org"), swallowed its closing
// quote: the link was broken and the typographer left the quote open.
var (
	linkifyURL = regexp.MustCompile(`^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?::\d+)?(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=\(\);,'>\^{}\[\]` + "`" + `]*)?`)
	linkifyWWW = regexp.MustCompile(`^www\.[-a-zA-Z0-9@:%._\+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_\+.~#!?&/=\(\);,'>\^{}\[\]` + "`" + `]*)?`)
)

func linkify() goldmark.Extender {
	return extension.NewLinkify(
		extension.WithLinkifyURLRegexp(linkifyURL),
		extension.WithLinkifyWWWRegexp(linkifyWWW),
	)
}
