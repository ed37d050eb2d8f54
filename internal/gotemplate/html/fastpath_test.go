package template

import (
	"strings"
	"testing"
)

var fastPathSamples = []string{
	"", "plain", "Thông tin đối ngoại", "a<b", `"q"`, "it's", "a&b", "x=y", "a b\tc",
	"/vi/news/2024/a/", "https://example.org/a?b=c&d=e#f", "%41%zz", "%4", "50%", "a+b",
	"\ufdd0", "\ufffd", "\xff", "ok\xe2\x82", "\uFFF0x", "`tick`", "中文。", "العربية",
	"\x00", "(paren)", "~user_name-1.2",
}

// htmlNeedsReplace must never say "no change" where htmlReplacer changes
// the string.
func FuzzHTMLNeedsReplace(f *testing.F) {
	for _, s := range fastPathSamples {
		f.Add(s)
	}
	tables := [][]string{htmlReplacementTable, htmlNormReplacementTable, htmlNospaceReplacementTable, htmlNospaceNormReplacementTable}
	f.Fuzz(func(t *testing.T, s string) {
		for _, table := range tables {
			for _, bad := range []bool{false, true} {
				if htmlNeedsReplace(s, table) {
					continue
				}
				if got := slowHTMLReplacer(s, table, bad); got != s {
					t.Fatalf("htmlNeedsReplace(%q) = false, but htmlReplacer gives %q", s, got)
				}
			}
		}
	})
}

// slowHTMLReplacer is htmlReplacer without the fast path.
func slowHTMLReplacer(s string, table []string, bad bool) string {
	// A leading NUL forces the standard path; it is then cut from the result.
	out := htmlReplacer("\x00"+s, table, bad)
	rep := htmlReplacer("\x00", table, bad)
	return strings.TrimPrefix(out, rep)
}

// urlNeedsProcessing must agree exactly with processURLOnto.
func FuzzURLNeedsProcessing(f *testing.F) {
	for _, s := range fastPathSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, norm := range []bool{false, true} {
			var b strings.Builder
			changed := processURLOnto(s, norm, &b)
			if got := urlNeedsProcessing(s, norm); got != changed {
				t.Fatalf("urlNeedsProcessing(%q, %v) = %v, processURLOnto changed it: %v", s, norm, got, changed)
			}
		}
	})
}

// TestByteClassCoversTables: a byte with a replacement in any table must
// not be classed plain.
func TestByteClassCoversTables(t *testing.T) {
	for _, table := range [][]string{htmlReplacementTable, htmlNormReplacementTable, htmlNospaceReplacementTable, htmlNospaceNormReplacementTable} {
		for b, repl := range table {
			if repl != "" && byteClass[b] != tableByte {
				t.Errorf("byte %#x has a replacement but class %d", b, byteClass[b])
			}
		}
	}
}
