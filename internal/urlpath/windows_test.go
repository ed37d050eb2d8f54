package urlpath

import (
	"errors"
	"testing"
)

func TestCleanRefusesWindowsNames(t *testing.T) {
	bad := []string{"con", "CON/index.html", "vi/aux.html", "nul", "Nul.txt", "a/prn/b", "com1", "LPT9.png", "com¹",
		"aux .html", "vi/news.", "vi/a /index.html", "x/lpt0/index.html"}
	for _, p := range bad {
		if _, err := Clean(p); !errors.Is(err, ErrUnsafe) {
			t.Errorf("Clean(%q) err = %v, want ErrUnsafe", p, err)
		}
	}
	good := []string{"console/index.html", "vi/auxiliary.html", "com/index.html", "com10.html", "lpt/x", "nullable.js", "a.b/c", "vi/tags/con-1/index.html", "./a"}
	for _, p := range good {
		if _, err := Clean(p); err != nil {
			t.Errorf("Clean(%q): %v", p, err)
		}
	}
}
