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

// FuzzStringForms: each string form returns what its escaper returns for
// the same string, and the forms are of escapers the templates call.
func FuzzStringForms(f *testing.F) {
	for _, s := range fastPathSamples {
		f.Add(s)
	}
	f.Add("javascript:alert(1)")
	f.Add("HTTPS://example.org/")
	f.Add("mailto:a@b.c")
	for name := range stringForms {
		if _, ok := funcMap[name].(func(...any) string); !ok {
			f.Fatalf("%s has a string form but is not an escaper", name)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, form := range stringForms {
			want := funcMap[name].(func(...any) string)(s)
			if got := form(s); got != want {
				t.Fatalf("%s(%q): form gives %q, escaper %q", name, s, got, want)
			}
		}
	})
}

// TestStringFormsInPages: a page escaped with and without the string forms
// is the same.
func TestStringFormsInPages(t *testing.T) {
	const page = `<a href="{{.U}}" title="{{.S}}">{{.S}}</a><a href="/x?q={{.S}}">q</a>` +
		`<img srcset="{{.U}} 2x"><textarea>{{.S}}</textarea><script>var s = {{.S}};</script>` +
		`<a href="{{.H}}">{{.H}}</a><p title={{.S}}>{{.U | urlquery}}</p>`
	for _, s := range append(fastPathSamples, "javascript:x", `a"b<c>&d`) {
		data := struct {
			S, U string
			H    HTML
		}{s, "/a/" + s, HTML(s)}
		var with, without strings.Builder
		tm := Must(New("p").Parse(page))
		if err := tm.Execute(&with, data); err != nil {
			t.Fatal(err)
		}
		tm.text.StringForms(nil)
		if err := tm.Execute(&without, data); err != nil {
			t.Fatal(err)
		}
		if with.String() != without.String() {
			t.Errorf("%q: with forms\n%s\nwithout\n%s", s, with.String(), without.String())
		}
	}
}
