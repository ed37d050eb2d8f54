package frontmatter

import (
	"errors"
	"testing"
)

func TestSplit(t *testing.T) {
	cases := []struct {
		name, src    string
		fm, body     string
		fmNil        bool
		bodyLine     int
		errLine      int
		errSubstring string
	}{
		{name: "basic", src: "---\ntitle: A\n---\nBody\n", fm: "title: A\n", body: "Body\n", bodyLine: 4},
		{name: "crlf", src: "---\r\ntitle: A\r\n---\r\nBody\r\n", fm: "title: A\r\n", body: "Body\r\n", bodyLine: 4},
		{name: "bom", src: "\xef\xbb\xbf---\ntitle: A\n---\nBody", fm: "title: A\n", body: "Body", bodyLine: 4},
		{name: "dots close", src: "---\ntitle: A\n...\nBody", fm: "title: A\n", body: "Body", bodyLine: 4},
		{name: "trailing spaces on delimiters", src: "--- \ntitle: A\n---\t\nBody", fm: "title: A\n", body: "Body", bodyLine: 4},
		{name: "empty front matter", src: "---\n---\nBody", fm: "", body: "Body", bodyLine: 3},
		{name: "closing at EOF", src: "---\ntitle: A\n---", fm: "title: A\n", body: "", bodyLine: 4},
		{name: "dashes in body", src: "---\ntitle: A\n---\nOne\n\n---\n\nTwo\n", fm: "title: A\n", body: "One\n\n---\n\nTwo\n", bodyLine: 4},
		{name: "blank line before body", src: "---\na: 1\nb: 2\n---\n\nBody", fm: "a: 1\nb: 2\n", body: "\nBody", bodyLine: 5},
		{name: "no front matter", src: "# Title\n\nText\n", fmNil: true, body: "# Title\n\nText\n", bodyLine: 1},
		{name: "no front matter bom", src: "\xef\xbb\xbf# T", fmNil: true, body: "# T", bodyLine: 1},
		{name: "thematic break is not a delimiter", src: "----\ntitle: A\n----\n", fmNil: true, body: "----\ntitle: A\n----\n", bodyLine: 1},
		{name: "empty file", src: "", fmNil: true, body: "", bodyLine: 1},
		{name: "indented dashes do not close", src: "---\na: |\n  ---\n---\nB", fm: "a: |\n  ---\n", body: "B", bodyLine: 5},
		{name: "unterminated", src: "---\ntitle: A\nBody\n", errLine: 1, errSubstring: "not closed"},
		{name: "only opening", src: "---", errLine: 1, errSubstring: "not closed"},
		{name: "toml", src: "+++\ntitle = 'A'\n+++\n", errLine: 1, errSubstring: "only YAML"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fm, body, bodyLine, err := Split([]byte(c.src))
			if c.errSubstring != "" {
				var se *SplitError
				if !errors.As(err, &se) || se.Line != c.errLine || !contains(se.Msg, c.errSubstring) {
					t.Fatalf("err = %v, want a SplitError at line %d containing %q", err, c.errLine, c.errSubstring)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if c.fmNil != (fm == nil) {
				t.Errorf("fm nil = %v, want %v", fm == nil, c.fmNil)
			}
			if string(fm) != c.fm || string(body) != c.body || bodyLine != c.bodyLine {
				t.Errorf("got fm %q body %q line %d, want fm %q body %q line %d", fm, body, bodyLine, c.fm, c.body, c.bodyLine)
			}
		})
	}
}

func TestSplitFrontMatterCannotGrowIntoBody(t *testing.T) {
	fm, body, _, err := Split([]byte("---\na: 1\n---\nBODY"))
	if err != nil {
		t.Fatal(err)
	}
	_ = append(fm, 'X')
	if string(body) != "BODY" {
		t.Fatalf("appending to fm changed body to %q", body)
	}
}
