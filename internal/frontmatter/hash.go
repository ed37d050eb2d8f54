package frontmatter

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// hashLen is the length of a Hash, in hex characters.
const hashLen = 12

// Hash returns the translation-status hash of a source article (SPEC
// "Translations"): the first 12 hex characters of
// sha256(title + "\n" + body).
//
// body is the Markdown without front matter (Split's body). So that saving
// a file in another editor does not make every translation of it outdated,
// both are first normalised: line endings become "\n", trailing spaces and
// tabs are cut from every line, blank lines at the start and end of the body
// are dropped, and the title is trimmed. Anything else — a word, a
// punctuation mark, a blank line between paragraphs — changes the hash.
func Hash(title string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(strings.TrimSpace(title)))
	h.Write([]byte{'\n'})
	// The body is streamed line by line into the hash rather than copied:
	// blank lines are held back until a non-blank line shows they are not
	// trailing.
	started, blank := false, 0
	for len(body) > 0 {
		var l []byte
		if i := lineEnd(body); i >= 0 {
			l = body[:i]
			if body[i] == '\r' && i+1 < len(body) && body[i+1] == '\n' {
				i++
			}
			body = body[i+1:]
		} else {
			l, body = body, nil
		}
		l = bytes.TrimRight(l, " \t")
		if len(l) == 0 {
			if started {
				blank++
			}
			continue
		}
		if started {
			for range blank + 1 {
				h.Write([]byte{'\n'})
			}
		}
		h.Write(l)
		started, blank = true, 0
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:hashLen/2])
}

// lineEnd is bytes.IndexAny(b, "\r\n") with the vectorised IndexByte:
// IndexAny tests byte by byte, and every article's body passes here.
func lineEnd(b []byte) int {
	n := bytes.IndexByte(b, '\n')
	end := b
	if n >= 0 {
		end = b[:n]
	}
	if r := bytes.IndexByte(end, '\r'); r >= 0 {
		return r
	}
	return n
}
