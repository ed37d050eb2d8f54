package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// headingIDFallback names a heading whose text gives an empty ID (a heading
// of only punctuation or emoji).
const headingIDFallback = "heading"

// DefaultHeadingID makes an ID from a heading's plain text when
// Options.HeadingID is nil: NFC, lower case, letters, digits and combining
// marks of every script kept (so Arabic and Chinese headings keep readable
// IDs), runs of spaces, hyphens and underscores turned into one "-",
// everything else dropped.
func DefaultHeadingID(text string) string {
	if !isASCII(text) {
		text = norm.NFC.String(text)
	}
	var b strings.Builder
	b.Grow(len(text))
	sep := false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (unicode.IsMark(r) && b.Len() > 0):
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			sep = true
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// idSet hands out IDs unique within one document, the way goldmark does:
// the first "x" stays "x", the next ones become "x-1", "x-2", …. next
// remembers where each base's search stopped, so a document of thousands of
// identical headings stays linear.
type idSet struct {
	used map[string]struct{}
	next map[string]int
}

func newIDSet() *idSet {
	return &idSet{used: map[string]struct{}{}, next: map[string]int{}}
}

// reserve marks an ID the author wrote ({#id}) as taken.
func (s *idSet) reserve(id string) { s.used[id] = struct{}{} }

func (s *idSet) unique(id string) string {
	if id == "" {
		id = headingIDFallback
	}
	if _, taken := s.used[id]; !taken {
		s.used[id] = struct{}{}
		return id
	}
	for i := max(s.next[id], 1); ; i++ {
		cand := id + "-" + strconv.Itoa(i)
		if _, taken := s.used[cand]; !taken {
			s.used[cand] = struct{}{}
			s.next[id] = i + 1
			return cand
		}
	}
}
