package frontmatter

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// badChar finds the first byte sequence YAML refuses — invalid UTF-8 or a
// character outside YAML's printable set (NUL and other controls) — and
// returns its 1-based line and column in fm. yaml.v3 reports these without
// a position.
func badChar(fm []byte) (line, col int, msg string, bad bool) {
	line, col = 1, 0
	for i := 0; i < len(fm); {
		r, size := utf8.DecodeRune(fm[i:])
		col++
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, col, "front matter is not valid UTF-8", true
		case r == '\n':
			line, col = line+1, 0
		case !yamlPrintable(r):
			return line, col, fmt.Sprintf("front matter contains the control character %U, which YAML does not allow", r), true
		}
		i += size
	}
	return 0, 0, "", false
}

// yamlPrintable is YAML 1.2's c-printable set.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20 || r == 0x7F:
		return false
	case r < 0x7F:
		return true
	case r == 0x85:
		return true
	case r < 0xA0:
		return false
	}
	return r <= 0xD7FF || 0xE000 <= r && r <= 0xFFFD || r >= 0x10000
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are the errors of yaml.v3's parser (as opposed to its
// scanner). yaml.v3 reports their line 0-based, and those of the scanner
// 1-based; both leave out line 0.
var parserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found undefined tag handle",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
}

// yamlError turns a yaml.v3 syntax error into a 1-based line of the front
// matter and a message without the "yaml: line N:" prefix, with a hint for
// the mistakes authors make most.
func yamlError(err error) (line int, msg string) {
	msg = err.Error()
	line = 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		n, convErr := strconv.Atoi(m[1])
		if convErr == nil {
			line = n
		}
		msg = m[2]
		for _, p := range parserProblems {
			if msg == p {
				line++
				break
			}
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		msg += " (put a value that contains \": \" in quotes)"
	case strings.Contains(msg, "tab character"):
		msg += " (indent with spaces, not tabs)"
	case strings.Contains(msg, "found character that cannot start any token"):
		msg += " (a value starting with @, ` or % must be in quotes)"
	}
	return line, msg
}

// lateFrontMatter reports whether a file without front matter has, after
// blank lines, a `---` line followed by a `key:` line: front matter that
// will be read as Markdown because it does not start the file.
func lateFrontMatter(body []byte) (line int, found bool) {
	line = 1
	rest := body
	for {
		l, next, ok := cutLine(rest)
		if len(bytes.TrimSpace(l)) != 0 {
			if line == 1 || string(l) != "---" {
				return 0, false
			}
			k, _, _ := cutLine(next)
			return line, keyLineRE.Match(k)
		}
		if !ok {
			return 0, false
		}
		rest = next
		line++
	}
}

var keyLineRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*:(\s|$)`)

var unknownAnchorRE = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)

// unknownAlias recognises yaml.v3's error for an alias without its anchor,
// which it reports without a line, and finds the line of the alias.
func unknownAlias(fm []byte, err error) (line int, ok bool) {
	m := unknownAnchorRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, false
	}
	line = 1
	if i := bytes.Index(fm, []byte("*"+m[1])); i >= 0 {
		line += bytes.Count(fm[:i], []byte{'\n'})
	}
	return line, true
}
