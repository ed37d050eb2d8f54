package markdown

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// sameDocWithoutLinkify parses src, which must give linkify nothing to do,
// with and without the fast path, and fails unless the documents are the
// same: HTML, link slots, links, headings and word count. The plain text
// may differ in runs of spaces only: linkify splits text nodes at spaces,
// and the old tree walk, which the extractor follows, dropped a space
// where a split met a run of two.
func sameDocWithoutLinkify(t *testing.T, name string, opts Options, src []byte) {
	t.Helper()
	if mayLinkify(src) {
		return
	}
	fast := New(opts)
	slow := New(opts)
	slow.mdNoLinkify = slow.md
	a, b := fast.Parse(src), slow.Parse(src)
	if string(a.html) != string(b.html) || !reflect.DeepEqual(a.slots, b.slots) {
		t.Fatalf("%s (%+v): HTML differs without linkify\nsource %q\nwith   %q\nwithout %q", name, opts, src, b.html, a.html)
	}
	if !reflect.DeepEqual(a.links, b.links) || !reflect.DeepEqual(a.headings, b.headings) || a.firstImage != b.firstImage {
		t.Fatalf("%s (%+v): links or headings differ without linkify\nsource %q", name, opts, src)
	}
	if a.WordCount() != b.WordCount() {
		t.Fatalf("%s (%+v): %d words without linkify, %d with\nsource %q", name, opts, a.WordCount(), b.WordCount(), src)
	}
	ta, _ := a.PlainText()
	tb, _ := b.PlainText()
	if squeeze(ta) != squeeze(tb) {
		t.Fatalf("%s (%+v): plain text differs without linkify\nsource %q\nwith    %q\nwithout %q", name, opts, src, tb, ta)
	}
}

func squeeze(s string) string {
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return s
}

func TestMayLinkify(t *testing.T) {
	for src, want := range map[string]bool{
		"plain text, no address":     false,
		"see https://example.org":    true,
		"ftp://files.example.org/a":  true,
		"www.example.org":            true,
		"write to press@example.org": true,
		"[a link](page.md) and *em*": false,
		"http: no slashes":           false,
	} {
		if got := mayLinkify([]byte(src)); got != want {
			t.Errorf("mayLinkify(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestNoLinkifyGivesTheSameDoc(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	r := rand.New(rand.NewPCG(randomSeed(), 3))
	n := 2000
	if testing.Short() {
		n = 200
	}
	for _, o := range oracleOptions {
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sameDocWithoutLinkify(t, f, o, src)
		}
		var b strings.Builder
		for range n / len(oracleOptions) {
			b.Reset()
			for range 1 + r.IntN(40) {
				b.WriteString(markdownPieces[r.IntN(len(markdownPieces))])
			}
			sameDocWithoutLinkify(t, "random", o, []byte(b.String()))
		}
	}
}

func FuzzNoLinkify(f *testing.F) {
	for _, s := range markdownPieces {
		f.Add(s)
	}
	f.Add("0  0")
	f.Add("a *b*  _c_ ~~d~~ (e)  \nf")
	f.Fuzz(func(t *testing.T, src string) {
		for _, o := range []Options{oracleOptions[0], oracleOptions[2], oracleOptions[4]} {
			sameDocWithoutLinkify(t, "fuzz", o, []byte(src))
		}
	})
}
