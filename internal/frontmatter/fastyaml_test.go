package frontmatter

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/attache-ssg/attache/internal/diag"
)

// treeDiff compares the fast path's tree with yaml.v3's on every field the
// decoder reads, and returns the first difference, or "". Comments are
// left out: the decoder never reads them, and fastYAML does not keep them.
func treeDiff(got, want *yaml.Node, path string) string {
	switch {
	case got == nil || want == nil:
		if got != want {
			return fmt.Sprintf("%s: node %v, want %v", path, got, want)
		}
		return ""
	case got.Kind != want.Kind:
		return fmt.Sprintf("%s: Kind %v, want %v", path, got.Kind, want.Kind)
	case got.Style != want.Style:
		return fmt.Sprintf("%s: Style %v, want %v", path, got.Style, want.Style)
	case got.Tag != want.Tag:
		return fmt.Sprintf("%s: Tag %q, want %q", path, got.Tag, want.Tag)
	case got.ShortTag() != want.ShortTag():
		return fmt.Sprintf("%s: ShortTag %q, want %q", path, got.ShortTag(), want.ShortTag())
	case got.Value != want.Value:
		return fmt.Sprintf("%s: Value %q, want %q", path, got.Value, want.Value)
	case got.Anchor != want.Anchor || got.Alias != want.Alias:
		return fmt.Sprintf("%s: Anchor %q, want %q", path, got.Anchor, want.Anchor)
	case got.Line != want.Line || got.Column != want.Column:
		return fmt.Sprintf("%s (%q): at %d:%d, want %d:%d", path, want.Value, got.Line, got.Column, want.Line, want.Column)
	case len(got.Content) != len(want.Content):
		return fmt.Sprintf("%s: %d children, want %d", path, len(got.Content), len(want.Content))
	}
	for i := range want.Content {
		if d := treeDiff(got.Content[i], want.Content[i], fmt.Sprintf("%s/%d", path, i)); d != "" {
			return d
		}
	}
	return ""
}

// checkFast runs fastYAML on fm; when it accepts, the tree must be
// yaml.v3's, and Parse must give the same metadata and diagnostics with and
// without the fast path. It reports whether fastYAML accepted.
func checkFast(t *testing.T, fm []byte) bool {
	t.Helper()
	var got yaml.Node
	if !fastYAML(fm, &got) {
		if !got.IsZero() {
			t.Fatalf("fastYAML refused %q but changed the node: %+v", fm, got)
		}
		return false
	}
	// decode runs badChar only when the fast path refuses.
	if l, col, msg, bad := badChar(fm); bad {
		t.Fatalf("fastYAML accepted %q, where badChar reports %d:%d %s", fm, l, col, msg)
	}
	var want yaml.Node
	if err := yaml.Unmarshal(fm, &want); err != nil {
		t.Fatalf("fastYAML accepted %q, which yaml.v3 refuses: %v", fm, err)
	}
	if d := treeDiff(&got, &want, "doc"); d != "" {
		t.Fatalf("fastYAML(%q): %s", fm, d)
	}
	src := append(append([]byte("---\n"), fm...), "\n---\nBody\n"...)
	fast, fastDiags := parseBoth(src, false)
	slow, slowDiags := parseBoth(src, true)
	if fast != slow || fastDiags != slowDiags {
		t.Fatalf("Parse(%q) differs with the fast path:\n%s\n%s\nwithout:\n%s\n%s", src, fast, fastDiags, slow, slowDiags)
	}
	return true
}

// parseBoth runs Parse with or without the fast path and prints what it
// returns; %v prints maps sorted, and NaN equal to itself. The pointers
// are printed by what they point to.
func parseBoth(src []byte, noFast bool) (meta, diags string) {
	var l diag.List
	m, body, line, ok := parseOpt("a.md", src, ict, &l, noFast)
	img, tf := m.Image, m.TranslatedFrom
	m.Image, m.TranslatedFrom = nil, nil
	return fmt.Sprintf("%+v image=%+v tf=%+v %q %d %v", m, deref(img), deref(tf), body, line, ok), fmt.Sprint(l.Sorted())
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestFastYAMLAccepts(t *testing.T) {
	for _, fm := range []string{
		"",
		"\n\n",
		"# only a comment\n",
		"title: A",
		"title: A\n",
		"title: \"Đại sứ Việt Nam tại Hàn Quốc: bàn về khí hậu\"\ndate: 2019-03-21T17:40:00+07:00\n",
		"title: Hội nghị\nweight: 3\ndraft: false\ndate: 2024-03-05\n",
		"title: 'it''s'\nauthor: \"say \\\"hi\\\" \\\\ \\n \\t\"\n",
		"summary: Plain, with commas; [brackets] and {braces} and a#hash and x:y\n",
		"slug: -x\nweight: -1\nnothing: ~\nalso: null\nyes: yes\nempty: ''\nempty2: \"\"\n",
		"tags: [\"Du lịch ASEAN\", \"Đầu tư ASEAN\"]\ncategories: [\"Biển đảo\"]\n",
		"tags: [a, b c ,  'd'  ]\nx: []\ny: {}\n",
		"tags:\n  - a\n  -   \"b\"\n  - 'c' # note\ncategories:\n- Văn bản\n- 2\n",
		"image:\n  src: x.jpg\n  alt: \"Một bức ảnh\"\n  caption: Chú thích\ntitle: T\n",
		"image:\n    src: x.jpg\n\n    # a comment\n    alt: y\n",
		"params:\n  a:\n    b:\n      - 1\n      - 2.5\n    c: true\n  d:\n  - x\n",
		"translatedFrom: {lang: vi, hash: 5e8c61c39999}\nimage: {src: a.jpg, alt: \"Ảnh\"}\n",
		"title: \"A\" # a comment\ndraft:   # empty\n\n# between\nweight: 3   \ntags: [a] # c\n",
		"  # indented comment\ntitle: A\n  # deeper comment\nb:\n",
		"a:\nb:\n",
		"title: A\ntitle: B\n",
		"Title: A\ntranslationkey: k\nunknown_key: 1\nx.y-z: 2\n123: n\n",
		"date: 2024-03-05 09:30\nlastmod: 2024-03-05t09:30:00z\n",
		"k: 0x1F\nf: 1e3\ng: .inf\nh: 0b101\ni: 1_000\nj: <<\n",
		"a: é\nb: [\"đ\", 'é', ừ]\nc: {d: 'ố', e: \"ệ\"}\n",
		"a: \U0001F600 x\n",
	} {
		t.Run(fmt.Sprintf("%q", fm), func(t *testing.T) {
			if !checkFast(t, []byte(fm)) {
				t.Errorf("fastYAML refused %q", fm)
			}
		})
	}
}

func TestFastYAMLRefuses(t *testing.T) {
	for _, fm := range []string{
		"- a\n",                   // not a mapping
		"just text\n",             // a scalar
		"  title: A\n",            // indented root
		"title: A\n  continued\n", // multi-line plain scalar
		"title: \"A\n  B\"\n",     // multi-line quoted scalar
		"title: 'A\n  B'\n",       //
		"tags: [a,\n  b]\n",       // multi-line flow list
		"title: |\n  A\n",         // block scalars
		"title: >\n  A\n",         //
		"a: &x 1\nb: *x\n",        // anchors and aliases
		"title: !!str 3\n",        // tags
		"title: !x 3\n",           //
		"? a\n: b\n",              // complex keys
		"\"title\": A\n",          // quoted keys
		"my key: A\n",             // keys with spaces
		"title : A\n",             // space before the colon
		"title:A\n",               // no space after the colon
		"title:\tA\n",             // tabs
		"title: A\t\n",            //
		"title: A\r\n",            // carriage returns
		"\ufefftitle: A\n",        // byte order mark
		"title: A\u2028B\n",       // Unicode line breaks
		"title: A\u0085\n",        //
		"title: A\u2029\n",
		"title: A\u0080\n", // C1 controls
		"title: A\uFEFF\n",
		"title: A\uFFFE\n", // non-characters
		"title: A\uFFFF\n",
		"title: A\x7f\n",
		"title: A\x1b\n",
		"title: \xff\n",     // invalid UTF-8
		"title: A\x00\n",    // control characters
		"title: a: b\n",     // plain scalar with ": "
		"title: Issue #5\n", // a plain scalar then a comment
		"tags:\n  - a # c\n",
		"title: a:\n",                    // plain scalar ending in ":"
		"title: - a\n",                   // a list entry as a value
		"title: @a\n",                    // indicators starting a plain scalar
		"title: `a`\n",                   //
		"title: %a\n",                    //
		"title: ,a\n",                    //
		"title: ]a\n",                    //
		"title: ?a\n",                    //
		"title: :a\n",                    //
		"title: \"A\" B\n",               // text after a quoted scalar
		"title: \"A\"# c\n",              // comment without a space
		"title: \"\\u00e9\"\n",           // escapes left to yaml.v3
		"title: \"\\x41\"\n",             //
		"title: \"\\/\"\n",               // not an escape in yaml.v3
		"title: \"a\\\n  b\"\n",          //
		"tags: [a, ]\n",                  // trailing comma
		"tags: [a, [b]]\n",               // nested flow
		"tags: [a: b]\n",                 // flow pair
		"tags: [a #c]\n",                 // comment in a flow list
		"tags: [, a]\n",                  // empty flow entry
		"tags: [a] b\n",                  // text after a flow list
		"x: {a}\n",                       // flow mapping entry without value
		"x: {a: }\n",                     //
		"x: {\"a\": b}\n",                //
		"tags:\n  -\n  - a\n",            // empty list entry
		"tags:\n  - # c\n",               //
		"tags:\n  - a: b\n",              // list of mappings
		"tags:\n  - - a\n",               // list of lists
		"tags:\n  - a\n   b\n",           // continuation in a list
		"tags:\n  - a\n  b: c\n",         // mapping after a list
		"image:\n    src: a\n  alt: b\n", // inconsistent indentation
		"a: 1\n- b\n",                    // list entry after a value
		"a: 1\n---\nb: 2\n",              // several documents
		"%YAML 1.2\n---\na: 1\n",         // directives
		"a:\n  b:\n   c\n",               //
		"<<: {a: 1}\n",                   // merge key
		strings.Repeat("k", fastMaxKey+1) + ": 1\n", // over-long key
		deepMapping(fastMaxDepth + 2),               // nesting deeper than the limit
	} {
		t.Run(fmt.Sprintf("%.40q", fm), func(t *testing.T) {
			if checkFast(t, []byte(fm)) {
				t.Errorf("fastYAML accepted %q", fm)
			}
		})
	}
}

// deepMapping is n nested block mappings.
func deepMapping(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%sk:\n", strings.Repeat(" ", 2*i))
	}
	fmt.Fprintf(&b, "%sk: v\n", strings.Repeat(" ", 2*n))
	return b.String()
}

// TestFastYAMLRealFiles checks that the fast path takes the front matter of
// real files: the articles in testdata (some written by
// /work/shared/bench/gencorpus.go) and the sample site's content.
func TestFastYAMLRealFiles(t *testing.T) {
	n := 0
	walk := func(root string) {
		err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(path, ".md") {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fm, _, _, err := Split(src)
			if err != nil || fm == nil {
				t.Errorf("%s: no front matter (%v)", path, err)
				return nil
			}
			n++
			if !checkFast(t, fm) {
				t.Errorf("%s: fastYAML refused its front matter:\n%s", path, fm)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	walk("testdata")
	if n < 9 {
		t.Fatalf("only %d testdata files", n)
	}
	const site = "../../content"
	if _, err := os.Stat(site); err != nil {
		t.Logf("no sample site (%v): only testdata checked", err)
		return
	}
	walk(site)
}

func FuzzFastYAML(f *testing.F) {
	for _, s := range []string{
		"title: \"Đại sứ Việt Nam\"\ndate: 2019-03-21T17:40:00+07:00\ntags: [\"Du lịch ASEAN\", \"Đầu tư\"]\ndraft: false\n",
		"title: Hội nghị\nweight: 3\ntags:\n  - a\n  - 'b'\nimage:\n  src: x.jpg\n  alt: \"y\"\n",
		"tags:\n- 'a' # c\n- b\n# c\ncategories: []\nx: {a: b, c: 'd'}\n",
		"a: 'it''s'\nb: \"\\\"q\\\" \\\\ \\n\"\nc:\nd: ~\ne: -1\n",
		"params:\n  a:\n    b: [1, 2.5, true, 2024-01-02]\n",
		"a: x:y\nb: a#b\nc: 0x1F\nd: 1e3\n",
		"title: a: b\n",
		"tags: [a, ]\n",
	} {
		f.Add([]byte(s))
	}
	// Generated front matter gives the fuzzer valid structures to mutate.
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		f.Add([]byte(genFrontMatter(rng)))
	}
	for _, dir := range []string{"testdata", "testdata/gencorpus"} {
		files, _ := filepath.Glob(dir + "/*.md")
		for _, name := range files {
			if src, err := os.ReadFile(name); err == nil {
				if fm, _, _, err := Split(src); err == nil && fm != nil {
					f.Add(fm)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, fm []byte) {
		checkFast(t, fm)
	})
}

// TestFastYAMLGenerated checks the fast path against yaml.v3 on front
// matter built from the shapes it handles, and on copies with a character
// inserted, which it must either refuse or read as yaml.v3 does. Raw-byte
// fuzzing seldom builds a valid multi-line structure; this does.
func TestFastYAMLGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	accepted := 0
	for range n {
		fm := genFrontMatter(rng)
		if checkFast(t, []byte(fm)) {
			accepted++
		}
		b := []byte(fm)
		pos := rng.IntN(len(b) + 1)
		noise := " :#-\"'[]{},\n&*!|>\\?."
		b = append(b[:pos], append([]byte{noise[rng.IntN(len(noise))]}, b[pos:]...)...)
		checkFast(t, b)
	}
	// Most generated front matter is in the subset: a fast path that
	// refused it all would pass the checks above and be useless.
	t.Logf("fastYAML accepted %d of %d generated front matters", accepted, n)
	if accepted < n*6/10 {
		t.Errorf("fastYAML accepted only %d of %d generated front matters", accepted, n)
	}
}

var (
	genKeys    = []string{"title", "date", "tags", "image", "src", "alt", "a", "k-2", "x.y", "Title", "1", "null", "true"}
	genScalars = []string{
		"Hội nghị", "a b", "x:y", "a#b", "3", "-1", "0x1F", "1e3", "false", "~", "null", "2024-03-05",
		"2019-03-21T17:40:00+07:00", "2024-03-05 09:30", "<<", "ừ", "\U0001F600", ".inf", "a'b", `a"b`,
		`"Đại sứ: Hàn Quốc"`, `"say \"hi\" \\ \n"`, `""`, `''`, `'it''s'`, `'a "b"'`, `"x" `,
	}
	genFlowItems = []string{"a", "b c", "'d'", `"Du lịch ASEAN"`, "3", "-2", "true", `"x, y"`, "'[z]'"}
)

// genFrontMatter builds a random front matter from the shapes fastYAML
// handles, with comments and blank lines between.
func genFrontMatter(rng *rand.Rand) string {
	var b strings.Builder
	genMapping(rng, &b, 0, 0)
	return b.String()
}

func genMapping(rng *rand.Rand, b *strings.Builder, ind, depth int) {
	pad := strings.Repeat(" ", ind)
	for range 1 + rng.IntN(4) {
		switch rng.IntN(8) {
		case 0:
			fmt.Fprintf(b, "%s# comment\n", strings.Repeat(" ", rng.IntN(6)))
		case 1:
			b.WriteString("\n")
		}
		fmt.Fprintf(b, "%s%s:", pad, genKeys[rng.IntN(len(genKeys))])
		switch r := rng.IntN(10); {
		case r < 4:
			fmt.Fprintf(b, " %s", genScalars[rng.IntN(len(genScalars))])
		case r == 4:
			b.WriteString(" [")
			for i := range rng.IntN(4) {
				if i > 0 {
					b.WriteString(",")
					b.WriteString(strings.Repeat(" ", rng.IntN(2)))
				}
				b.WriteString(genFlowItems[rng.IntN(len(genFlowItems))])
			}
			b.WriteString("]")
		case r == 5:
			fmt.Fprintf(b, " {lang: %s, hash: %s}", genFlowItems[rng.IntN(len(genFlowItems))], genFlowItems[rng.IntN(len(genFlowItems))])
		case r == 6 && depth < 3:
			b.WriteString("\n")
			genMapping(rng, b, ind+1+rng.IntN(3), depth+1)
			continue
		case r == 7:
			seq := ind + rng.IntN(3)
			b.WriteString("\n")
			for range 1 + rng.IntN(3) {
				if rng.IntN(6) == 0 {
					fmt.Fprintf(b, "%s# comment\n", strings.Repeat(" ", rng.IntN(6)))
				}
				fmt.Fprintf(b, "%s-%s%s\n", strings.Repeat(" ", seq), strings.Repeat(" ", 1+rng.IntN(2)), genScalars[rng.IntN(len(genScalars))])
			}
			continue
		}
		if rng.IntN(5) == 0 {
			b.WriteString("  # note")
		}
		b.WriteString("\n")
	}
}

// TestPlainTag checks plainTag's shortcut against yaml.v3's resolver.
func TestPlainTag(t *testing.T) {
	for _, v := range []string{
		"<<", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "~", "null", "Null", "NULL", "nULL",
		"yes", "Yes", "no", "on", "Off", "y", "n", "t", "f", "o", "title", "tags", "translationKey", "Hội nghị",
		"~x", "nan", "inf", "a", "<", "=", "!", "@", "%", "`", "\x00",
		"3", "-1", "+1", ".5", ".inf", ".nan", "-.inf", "2024-03-05", "0x1F", "1e3", "1_000", "0b101", "-", "+", ".",
	} {
		n := yaml.Node{Kind: yaml.ScalarNode, Value: v}
		want := n.ShortTag()
		if v == "<<" {
			want = "!!merge" // the parser's rule, not the resolver's
		}
		if got := plainTag(v); got != "" && got != want {
			t.Errorf("plainTag(%q) = %q, want %q", v, got, want)
		}
		p := fastParser{}
		if got := p.plain(v, 1, 1).Tag; got != want {
			t.Errorf("plain(%q).Tag = %q, want %q", v, got, want)
		}
	}
}

// BenchmarkFrontMatterYAML compares the fast path with yaml.v3 on the
// front matter alone.
func BenchmarkFrontMatterYAML(b *testing.B) {
	src, err := os.ReadFile("testdata/article_vi.md")
	if err != nil {
		b.Fatal(err)
	}
	fm, _, _, _ := Split(src)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var doc yaml.Node
			if !fastYAML(fm, &doc) {
				b.Fatal("refused")
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var doc yaml.Node
			if err := yaml.Unmarshal(fm, &doc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
