package markdown

import (
	"bytes"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/attache-ssg/attache/internal/testcorpus"
)

// oracleOptions are the configurations the extractor is checked under:
// spaced and unspaced languages, French and Japanese quotes, escaped
// spaces (zh, ja, ko), and the three ways of treating raw HTML.
var oracleOptions = []Options{
	{Lang: "vi", BacklinkLabel: "Quay lại \"nội dung\""},
	{Lang: "fr"},
	{Lang: "zh"},
	{Lang: "ja"},
	{Lang: "ar", Unsafe: true},
	{Lang: "en", Unsafe: true, TrustAuthors: true},
}

// oracleConverters builds one Converter per oracleOptions entry.
func oracleConverters() []*Converter {
	cs := make([]*Converter, len(oracleOptions))
	for i, o := range oracleOptions {
		cs[i] = New(o)
		// The oracle walks the tree linkify leaves, which splits text at
		// spaces; the fast path without it is compared separately
		// (TestNoLinkifyGivesTheSameDoc).
		cs[i].mdNoLinkify = cs[i].md
	}
	return cs
}

// checkAgainstOracle parses src with c and fails unless PlainText (read
// from the HTML) is the text the walk of the tree gives, and WordCount and
// Lead agree with it. Where the walk met a construct whose text the HTML
// does not hold (a divergence), a difference is allowed only if
// allowDivergence, and is reported.
func checkAgainstOracle(t *testing.T, name string, c *Converter, opts Options, src []byte, allowDivergence bool) (diverged bool) {
	t.Helper()
	d := c.Parse(src)
	got, err := d.PlainText()
	if err != nil {
		t.Fatalf("%s (%+v): PlainText: %v", name, opts, err)
	}
	want, div := oracleText(c, opts, src)
	if got != want {
		if div == "" || !allowDivergence {
			var h bytes.Buffer
			_ = d.Render(&h, nil)
			t.Fatalf("%s (%+v): PlainText differs from the walk of the tree (divergence %q)\nsource %q\nhtml   %q\ngot    %q\nwant   %q",
				name, opts, div, src, h.String(), got, want)
		}
		return true
	}
	if d.WordCount() != countWords(want) {
		t.Errorf("%s (%+v): WordCount %d, want %d", name, opts, d.WordCount(), countWords(want))
	}
	if lead := d.Lead(); !strings.HasPrefix(want, lead) || len(lead) > leadBytes ||
		(len(want) > leadBytes && len(lead) < leadBytes-utf8.UTFMax+1) || (len(want) <= leadBytes && lead != want) {
		t.Errorf("%s (%+v): Lead %q is not the first KiB of %q", name, opts, lead, want)
	}
	return false
}

// TestPlainTextMatchesOracle compares the extractor with the walk of the
// tree on every file under testdata (Markdown, golden HTML read as
// Markdown, fuzz seeds), on the example articles in /work/shared/seeds and
// on a generated corpus in five languages, under every oracleOptions.
// Only hostile fuzz seeds may meet a documented divergence.
func TestPlainTextMatchesOracle(t *testing.T) {
	type input struct {
		name     string
		src      []byte
		hostile  bool // may hold a documented divergence
		onlyLang string
	}
	var inputs []input
	err := filepath.WalkDir("testdata", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(path, string(filepath.Separator)+"fuzz"+string(filepath.Separator)) {
			for _, v := range fuzzFileValues(t, path, b) {
				inputs = append(inputs, input{name: path, src: v, hostile: true})
			}
			return nil
		}
		inputs = append(inputs, input{name: path, src: b})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) < 40 {
		t.Fatalf("found %d inputs under testdata, want at least 40", len(inputs))
	}

	seeds, _ := filepath.Glob("/work/shared/seeds/*")
	for _, path := range seeds {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{name: path, src: body(b)})
	}
	if len(seeds) == 0 {
		t.Log("no example articles in /work/shared/seeds: compared on testdata and the generated corpus only")
	}

	const articles = 50
	for _, lang := range testcorpus.Langs() {
		for i := range articles {
			_, file, text := testcorpus.Article(lang, i, articles)
			inputs = append(inputs, input{name: lang + "/" + file, src: body([]byte(text)), onlyLang: lang})
		}
	}

	convs := oracleConverters()
	diverged := 0
	for _, in := range inputs {
		for i, opts := range oracleOptions {
			if in.onlyLang != "" && opts.Lang != in.onlyLang && !opts.Unsafe {
				continue
			}
			if checkAgainstOracle(t, in.name, convs[i], opts, in.src, in.hostile) {
				diverged++
			}
		}
	}
	t.Logf("%d inputs (%d example articles); %d comparisons met a documented divergence", len(inputs), len(seeds), diverged)
}

// body returns src without its front matter, if it has one.
func body(src []byte) []byte {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return src
	}
	if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
		return rest[i+len("\n---\n"):]
	}
	return src
}

// fuzzFileValues returns the []byte and string values of a file in Go's
// fuzz corpus format ("go test fuzz v1" and one Go literal per line).
func fuzzFileValues(t *testing.T, path string, b []byte) [][]byte {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) < 2 || lines[0] != "go test fuzz v1" {
		t.Fatalf("%s: not a fuzz corpus file", path)
	}
	var out [][]byte
	for _, l := range lines[1:] {
		lit, ok := strings.CutPrefix(l, "[]byte(")
		if !ok {
			lit, ok = strings.CutPrefix(l, "string(")
		}
		if !ok {
			continue
		}
		v, err := strconv.Unquote(strings.TrimSuffix(lit, ")"))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, []byte(v))
	}
	return out
}

// FuzzPlainText checks that the text read from the HTML is the text the
// walk of the tree gives, for any Markdown, under every oracleOptions, but
// where the walk met a documented divergence (see oracleText).
func FuzzPlainText(f *testing.F) {
	for _, s := range []string{
		"",
		"# Tiêu đề\n\nMột *hai*\nba [bốn](x.md)\n\"năm\"[^1] ![ảnh](a.png) sáu\n\n[^1]: Ghi chú <b>x</b>.",
		"- [x] a\n- [ ]  b\n  - c\n\n1. d\n\n   e\n\n> f\n> g",
		"| a | b |\n|---|---|\n| `c` | |\n| d \\| e | f |",
		"```go\nfunc f() {}\n\n\tx  \n```\n\n    indented\n\tcode\n",
		"越南\n中国\n*和*\n`代码`\n「引用」\n。\n한국",
		"a &amp; &lt;b&gt; &quot;c&quot; &#233; &copy; \\* \\& &#38;amp; \\",
		"<div>\nblock\n</div>\n\n- a\n  <div>x</div>\n- b <span>c</span> d\n\n<!-- c -->",
		"a  \nb\\\nc <https://e.org/?a=1&b=2> www.example.org a@b.org",
		"Setext\nheading\n===\n\n---\n\n[r]: /x\n\n[a][r] [b]",
		"x[^1] y[^2]\n\n[^1]: one\n\n    code\n\n[^2]: two\n\n    > q",
		"`a  \nb` `中\n国` ` x ` ``a`b``",
	} {
		f.Add([]byte(s))
	}
	convs := oracleConverters()
	f.Fuzz(func(t *testing.T, src []byte) {
		i := len(src) % len(convs)
		checkAgainstOracle(t, "fuzz", convs[i], oracleOptions[i], src, true)
	})
}

// markdownPieces are the fragments TestPlainTextRandomDocs strings
// together: every construct the extractor must read back, with the
// spaces, line breaks, wide characters and references around which the
// walk of the tree and the HTML could part; but none that makes a
// documented divergence (an escaped & or space, NUL: see
// TestPlainTextDivergences), so that every document must match.
var markdownPieces = []string{
	"a", "word", "0", " ", "  ", "\t", "\n", "\n\n", "\r\n", "  \n", "\\\n",
	"*", "**", "_", "~~", "`", "``", "[", "]", "](x.md)", "![", "[a](b)", "![i](p.png \"t\")", "[r]", "\n\n[r]: /u\n",
	"<b>", "</b>", "<div>\n", "</div>\n", "<!-- c -->", "<script>x</script>", "<br>",
	"中", "国", "。", "「", "」", "한", "ー", "ʰ", "ๆ", "ـ", "é",
	"&amp;", "&lt;", "&#32;", "&#233;", "&copy;", "&nbsp;", "\\*", "\\_",
	"\"", "'", "--", "...", "<<", ">>",
	"\n- ", "\n1. ", "\n> ", "\n- [ ] ", "\n- [x] ", "\n# ", "\n===\n", "\n---\n",
	"\n| a | b |\n|---|:-:|\n| c | ", " |\n",
	"[^1]", "\n\n[^1]: ", "\n```\n", "\n```go\n", "\n    ", "\n\t",
	"www.example.org", "<https://x.org/?a=1&b=2>", "a@b.org", "{#id}",
}

// TestPlainTextRandomDocs compares the extractor with the walk of the
// tree on documents strung together from markdownPieces, under every
// oracleOptions. It is deterministic; PLAINTEXT_SEED and PLAINTEXT_DOCS
// (the number of documents) make a longer or different run.
func TestPlainTextRandomDocs(t *testing.T) {
	n := 3000
	if v, err := strconv.Atoi(os.Getenv("PLAINTEXT_DOCS")); err == nil {
		n = v
	}
	if testing.Short() {
		n = 300
	}
	r := rand.New(rand.NewPCG(randomSeed(), 2))
	convs := oracleConverters()
	var b strings.Builder
	for range n {
		b.Reset()
		for range 1 + r.IntN(40) {
			b.WriteString(markdownPieces[r.IntN(len(markdownPieces))])
		}
		src := []byte(b.String())
		for i, c := range convs {
			checkAgainstOracle(t, "random", c, oracleOptions[i], src, false)
		}
	}
}

func randomSeed() uint64 {
	s, _ := strconv.ParseUint(os.Getenv("PLAINTEXT_SEED"), 10, 64)
	return s
}
