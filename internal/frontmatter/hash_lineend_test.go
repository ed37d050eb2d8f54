package frontmatter

import (
	"bytes"
	"testing"
)

func TestLineEndMatchesIndexAny(t *testing.T) {
	for _, s := range []string{"", "a", "a\nb", "a\r\nb", "a\rb\nc", "\n", "\r", "ab\n\r", "abc"} {
		if got, want := lineEnd([]byte(s)), bytes.IndexAny([]byte(s), "\r\n"); got != want {
			t.Errorf("lineEnd(%q) = %d, want %d", s, got, want)
		}
	}
}
