package i18n

import (
	"encoding/json"
	"errors"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// keyIndex finds the line of a message ID in its file, for diagnostics.
type keyIndex struct {
	exact map[string]int // dotted key path → 1-based line (YAML, JSON)
	text  []string       // the file's lines, searched when exact has no answer (TOML)
}

// of returns the line of id (a top-level key or a dotted path of nested
// keys), or 0 when it cannot be found.
func (x keyIndex) of(id string) int {
	if n, ok := x.exact[id]; ok {
		return n
	}
	if x.text != nil {
		return tomlKeyLine(x.text, id)
	}
	return 0
}

// keyLines indexes where each key of buf is. It is called only on a file
// that decoded, and tolerates anything all the same.
func keyLines(format string, buf []byte) keyIndex {
	switch format {
	case "yaml":
		var doc yaml.Node
		if err := yaml.Unmarshal(buf, &doc); err != nil {
			return keyIndex{}
		}
		x := keyIndex{exact: map[string]int{}}
		yamlKeys(&doc, "", x.exact, 0)
		return x
	case "json":
		return keyIndex{exact: jsonKeys(buf)}
	case "toml":
		// BurntSushi/toml keeps key positions private; a textual search
		// finds `key =`, `"key" =` and `[table]` lines well enough.
		return keyIndex{text: strings.Split(string(buf), "\n")}
	}
	return keyIndex{}
}

func yamlKeys(n *yaml.Node, prefix string, out map[string]int, depth int) {
	if n == nil || depth > maxDepth {
		return
	}
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			yamlKeys(c, prefix, out, depth+1)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			path := k.Value
			if prefix != "" {
				path = prefix + "." + k.Value
			}
			if _, dup := out[path]; !dup {
				out[path] = k.Line
			}
			yamlKeys(n.Content[i+1], path, out, depth+1)
		}
	}
}

// jsonKeys walks the token stream, keeping the path of object keys.
func jsonKeys(buf []byte) map[string]int {
	out := map[string]int{}
	starts := lineStarts(buf)
	dec := json.NewDecoder(strings.NewReader(string(buf)))
	type frame struct {
		object    bool
		expectKey bool
		key       string
	}
	var stack []frame
	path := func(k string) string {
		parts := make([]string, 0, len(stack))
		for _, f := range stack[:len(stack)-1] {
			if f.object {
				parts = append(parts, f.key)
			}
		}
		return strings.Join(append(parts, k), ".")
	}
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].expectKey = true
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{object: true, expectKey: true})
			case '[':
				stack = append(stack, frame{})
			default:
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
				valueDone()
			}
			if len(stack) > maxDepth {
				return out
			}
		default:
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].expectKey {
				k, _ := t.(string)
				stack[n-1].key, stack[n-1].expectKey = k, false
				p := path(k)
				if _, dup := out[p]; !dup {
					out[p] = lineOf(starts, int(dec.InputOffset()))
				}
				continue
			}
			valueDone()
		}
	}
}

// tomlKeyLine finds the line that defines id: a table header [a.b] or
// ["a"."b"] for the whole path, else the first `last =` assignment.
func tomlKeyLine(lines []string, id string) int {
	parts := strings.Split(id, ".")
	last := parts[len(parts)-1]
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = strconv.Quote(p)
	}
	headers := []string{"[" + id + "]", "[" + strings.Join(quoted, ".") + "]", "[[" + id + "]]"}
	for i, l := range lines {
		l = strings.ReplaceAll(strings.TrimSpace(l), " ", "")
		for _, h := range headers {
			if l == h {
				return i + 1
			}
		}
	}
	for i, l := range lines {
		l = strings.TrimSpace(l)
		for _, k := range []string{last, strconv.Quote(last), "'" + last + "'"} {
			if rest, ok := strings.CutPrefix(l, k); ok {
				if r := strings.TrimSpace(rest); strings.HasPrefix(r, "=") {
					return i + 1
				}
			}
		}
	}
	return 0
}

func lineStarts(buf []byte) []int {
	starts := []int{0}
	for i, b := range buf {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf converts a byte offset to a 1-based line.
func lineOf(starts []int, off int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > off })
}

// colOf converts a byte offset to a 1-based column in bytes.
func colOf(starts []int, off int) int {
	l := lineOf(starts, off)
	if l == 0 {
		return 0
	}
	return off - starts[l-1] + 1
}

var yamlLineRE = regexp.MustCompile(`line (\d+): `)

// yamlParserProblems are the problems yaml.v3's parser (not its scanner)
// reports. For these yaml.v3 prints the 0-based line of its mark, and for
// every error on the first line it prints no line at all (go-yaml's
// parser.fail); errorPosition corrects both.
var yamlParserProblems = []string{
	"did not find expected",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// errorPosition extracts line and column from a decoder's error, and the
// message without the position the diagnostic already shows.
func errorPosition(format string, buf []byte, err error) (line, col int, msg string) {
	msg = err.Error()
	switch format {
	case "yaml":
		syntax := !strings.HasPrefix(msg, "yaml: unmarshal errors:")
		msg = strings.TrimPrefix(msg, "yaml: ")
		msg = strings.TrimPrefix(msg, "unmarshal errors:\n  ")
		if m := yamlLineRE.FindStringSubmatchIndex(msg); m != nil {
			line, _ = strconv.Atoi(msg[m[2]:m[3]])
			msg = msg[:m[0]] + msg[m[1]:]
		}
		if syntax {
			for _, p := range yamlParserProblems {
				if strings.HasPrefix(msg, p) && line > 0 {
					line++
					break
				}
			}
			if line == 0 {
				line = 1
			}
		}
	case "json":
		var se *json.SyntaxError
		if errors.As(err, &se) {
			starts := lineStarts(buf)
			off := int(se.Offset)
			if off > 0 {
				off-- // Offset is just past the offending byte
			}
			line, col = lineOf(starts, off), colOf(starts, off)
		}
	case "toml":
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col, msg = pe.Position.Line, pe.Position.Col, pe.Message
		}
	}
	return line, col, strings.TrimSpace(msg)
}
