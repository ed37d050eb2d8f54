package frontmatter

import (
	"bytes"
	"fmt"
)

// SplitError is a front matter block that cannot be split off its body.
type SplitError struct {
	Line int // 1-based line in the file
	Msg  string
}

func (e *SplitError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Byte strings Split looks for; read-only.
var (
	bom    = []byte("\xef\xbb\xbf")
	dashes = []byte("---")
	dots   = []byte("...")
	pluses = []byte("+++")
)

// Split separates the YAML front matter of a Markdown file from its body.
//
// The file must start with a line `---`; a UTF-8 byte order mark before it
// is skipped, CRLF line endings are accepted, and trailing spaces on the
// delimiter lines are ignored. The front matter ends at the next line that is
// `---` or `...`; fm holds the lines between the delimiters (empty, not nil,
// when there are none) and bodyLine is the 1-based line where body starts.
//
// When the closing line ends the file without a newline, body is empty and
// bodyLine the line after it.
//
// A file that does not start with `---` has no front matter: fm is nil and
// body is the whole file (without a byte order mark), from line 1. A block
// that is never closed is an error at line 1, and so is TOML front matter
// (`+++`): only YAML is supported.
func Split(src []byte) (fm []byte, body []byte, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, bom)
	first, rest, _ := cutLine(src)
	switch {
	case bytes.Equal(first, dashes):
	case bytes.Equal(first, pluses):
		return nil, nil, 0, &SplitError{Line: 1, Msg: "only YAML front matter, between --- lines, is supported: +++ starts TOML"}
	default:
		return nil, src, 1, nil
	}
	start := len(src) - len(rest)
	line := 1
	for pos := start; pos < len(src); {
		l, next, _ := cutLine(src[pos:])
		line++
		if bytes.Equal(l, dashes) || bytes.Equal(l, dots) {
			end := len(src) - len(next)
			return src[start:pos:pos], src[end:], line + 1, nil
		}
		pos = len(src) - len(next)
	}
	return nil, nil, 0, &SplitError{Line: 1, Msg: "front matter is not closed: add a line --- after it"}
}

// cutLine returns the first line of b without its line ending and trailing
// spaces or tabs, the bytes after that line ending, and whether there was one.
func cutLine(b []byte) (line, rest []byte, found bool) {
	line, rest, found = bytes.Cut(b, []byte{'\n'})
	return bytes.TrimRight(line, " \t\r"), rest, found
}
