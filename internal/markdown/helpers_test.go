package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// render parses src with a Converter for opts and renders it without
// rewriting, trimming the final newline.
func render(t *testing.T, opts Options, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := New(opts).Parse([]byte(src)).Render(&b, nil); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
