package frontmatter

import (
	"bytes"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/diag"
)

// fuzzSeeds are shared by both fuzz targets; more are in testdata/fuzz.
var fuzzSeeds = []string{
	"---\ntitle: A\n---\nBody\n",
	"\xef\xbb\xbf---\r\ntitle: A\r\ntags: [a, b]\r\n---\r\nBody",
	"---\n---\n",
	"---\ntitle: A\n",
	"+++\ntitle = 'A'\n+++\n",
	"---\na: &a [1,2]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n---\n",
	"---\nparams: " + strings.Repeat("[", 200) + strings.Repeat("]", 200) + "\n---\n",
	"---\ntitle: \x00\n---\n",
	"---\ntitle: \xff\n---\n",
	"---\ndate: 2024-03-05 09:30\ntranslatedFrom: {lang: vi, hash: 3f2a9c0b1d2e}\nimage: {src: a.jpg}\n---\n",
	"---\n- a\n---\n",
	"---\n? [a]\n: b\n---\n",
}

func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, body, bodyLine, err := Split(src)
		if err != nil {
			if fm != nil || body != nil {
				t.Fatalf("error %v with fm %q body %q", err, fm, body)
			}
			return
		}
		trimmed := bytes.TrimPrefix(src, bom)
		if fm == nil {
			if bodyLine != 1 || !bytes.Equal(body, trimmed) {
				t.Fatalf("no front matter but body %q at line %d", body, bodyLine)
			}
			return
		}
		// The body is the tail of the file and starts on line bodyLine.
		if !bytes.HasSuffix(trimmed, body) {
			t.Fatalf("body %q is not the end of the file", body)
		}
		head := trimmed[:len(trimmed)-len(body)]
		// An empty body after a closing line without a newline starts, by
		// convention, on the line after it.
		if got := bytes.Count(head, []byte{'\n'}) + 1; got != bodyLine && !(len(body) == 0 && got == bodyLine-1) {
			t.Fatalf("bodyLine = %d, but the body starts on line %d", bodyLine, got)
		}
		if !bytes.Contains(head, fm) {
			t.Fatalf("fm %q is not in the head %q", fm, head)
		}
	})
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var l diag.List
		m, _, _, ok := Parse("a.md", src, ict, &l)
		if ok == l.HasErrors() {
			t.Fatalf("ok = %v with diagnostics %v", ok, l.Sorted())
		}
		lines := bytes.Count(src, []byte{'\n'}) + 1
		for _, d := range l.Sorted() {
			if d.File != "a.md" || d.Line < 1 || d.Line > lines {
				t.Fatalf("diagnostic outside the file (%d lines): %v", lines, d)
			}
		}
		if !ok {
			return
		}
		for k, line := range m.Lines {
			if line < 2 || line > lines || !m.Set[k] {
				t.Fatalf("Lines[%s] = %d in a file of %d lines (set %v)", k, line, lines, m.Set[k])
			}
		}
		if len(m.Set) != len(m.Lines) {
			t.Fatalf("Set %v and Lines %v disagree", m.Set, m.Lines)
		}
	})
}
