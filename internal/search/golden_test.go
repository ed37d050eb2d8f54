package search

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/testcorpus"
)

var update = flag.Bool("update", false, "rewrite testdata/build.golden from the current Build")

// goldenFile pins the bytes Build writes: any change to any output file of
// any corpus below fails TestBuildGolden. It exists so that optimisations
// can prove they change nothing; a deliberate format change regenerates it
// with `go test -run TestBuildGolden -update`.
const goldenFile = "testdata/build.golden"

// goldenCorpora are the inputs of TestBuildGolden, by name (lang/what):
// every script and edge case the tokenizer, folding, postings encoding and
// JSON escaping handle, and corpora big enough for several workers and
// several shards.
func goldenCorpora(tb testing.TB) map[string][]Doc {
	out := map[string][]Doc{}
	for lang, docs := range fixtureDocs() {
		out[lang+"/fixture"] = docs
	}
	out["xx/edge"] = edgeDocs()
	out["xx/random"] = randomDocs(2*minDocsPerWorker+11, 7)
	out["vi/synth"] = synthCorpus(2*minDocsPerWorker+3, 300)
	for _, code := range testcorpus.Langs() {
		out[code+"/testcorpus"] = testcorpusDocs(tb, code, minDocsPerWorker+4)
	}
	return out
}

// edgeDocs hold one case each that a faster tokenizer, folder or JSON
// writer could get wrong.
func edgeDocs() []Doc {
	long := strings.Repeat("ab", maxTermRunes/2)
	texts := []string{
		// JSON: quotes, backslashes, every kind of control character, the
		// HTML characters (not escaped), U+2028/9 (always escaped), DEL.
		"\"quoted\" back\\slash tab\there new\nline cr\rret nul\x00x bell\x07 us\x1f del\x7f <b>&amp;</b> sep\u2028line\u2029para",
		// Invalid UTF-8: stray continuation, truncated sequences, overlong,
		// surrogate halves, bytes above F4; also a literal U+FFFD.
		"ok\x80bad trunc\xe1\xbb end\xc3 over\xc0\xafx surr\xed\xa0\x80y big\xf5\xff z \uFFFDrepl",
		// Case and folding: precomposed and decomposed Vietnamese, Turkish,
		// German, Greek final sigma, Kelvin and Ångström signs, titlecase
		// digraph, ligatures, Cherokee, Georgian, Armenian.
		"HỘI Hội hội Ho\u0302\u0323i HOI hoi İstanbul ıi STRASSE Straße ẞ ΟΔΟΣ οδος Σίσυφος \u212Aelvin \u212Bngstr ǅemal ﬁne œuvre ŒUVRE Æsir ꭰꮳ ᏣᎳᎩ Ⴀა Ｍｕｌｔｉ ǈ Ǆ",
		// Arabic: hamza carriers, madda, wasla, ta marbuta, alef maqsura,
		// tatweel alone and inside words, harakat, Arabic-Indic digits.
		"الإعلام أحمد آمن ٱلله مؤتمر رئيس مدرسة مستشفى العـــربية ـــ مُحَمَّدٌ ١٢٣ ۴۵۶ ،؛؟",
		// CJK: Han runs, kana with decomposed voicing, half-width kana,
		// prolonged sound mark, a compatibility ideograph NFC changes,
		// extension B, a lone mark before Han, Han next to Latin and digits,
		// and U+16FF0, a mark of the Han script (CJK, yet continues a unit).
		"对外信息。中國外交部 カ\u3099イド ｶﾞｲﾄﾞ データ ー 豈更 𠀀𠀁 \u0301漢字 GDP增长5% 漢\u0301字 漢\U00016FF0字\U00016FF1 \U00016FF0字",
		// Other scripts: Hangul (words, not n-grams), decomposed jamo, Thai,
		// Devanagari with spacing marks, Hebrew with niqqud, Cyrillic.
		"대한민국 \u1100\u1161\u11a8 ภาษาไทย हिन्दी शिक्षा שָׁלוֹם Москва ЁЛКА",
		// Numbers and symbols: fractions, superscripts, Roman numerals,
		// fullwidth digits, emoji with joiners and variation selectors, BOM.
		"½ x² Ⅻ ８８ 1,000.50 2025–2030 👩\u200d💻 ❤\ufe0f \ufeffbom a\u200bb",
		// Marks only, marks leading a word, lengths either side of the cap.
		"\u0301\u0302 \u0301abc " + long + " " + long + "c " + strings.Repeat("đ", maxTermRunes) + " " + strings.Repeat("đ", maxTermRunes+1),
	}
	at := func(i int) time.Time { return time.Date(2024, 1, 1+i, 8, 0, 0, 0, time.UTC) }
	var docs []Doc
	for i, s := range texts {
		docs = append(docs, Doc{URL: fmt.Sprintf("edge/%d/", i), Title: s[:len(s)/3], Date: fmt.Sprint(i), Text: s, Time: at(i)})
	}
	// Same time, so ids by URL; no date, no time; empty title and text.
	docs = append(docs,
		Doc{URL: "tie/b/", Title: "Tie b", Text: "tie", Time: at(1)},
		Doc{URL: "tie/a/", Title: "Tie a", Text: "tie", Time: at(1)},
		Doc{URL: "undated/", Title: "Undated \"doc\"", Text: "no date"},
		Doc{URL: "empty/"},
		Doc{URL: "https://example.org/a?b=1&c=<2>#\"frag\"", Title: "Absolute", Text: "absolute url"},
		Doc{URL: "tin-tức/đối-ngoại/", Title: "Unicode URL", Text: "unicode url"},
	)
	// Text over the snippet cap, cut inside a multibyte rune, and exactly at it.
	docs = append(docs,
		Doc{URL: "long/cut/", Title: "Cut", Text: "a" + strings.Repeat("đối ", MaxSnippetText/4), Time: at(20)},
		Doc{URL: "long/exact/", Title: "Exact", Text: strings.Repeat("x", MaxSnippetText-1) + " " + strings.Repeat("y", 10), Time: at(21)},
	)
	return docs
}

// randomDocs are n documents of words drawn from a pool of runes of every
// script and class above, so that many combinations occur; deterministic.
func randomDocs(n, seed int) []Doc {
	pool := []rune("aAzZ09 \t\n.,-'\"\\<>&/đĐơƯốỘ\u0300\u0301\u0323\u0302ßİıΣσςœæøłاأإآؤئةىـًٌَُِّ١对外信息中國カキ\u3099ｶﾞーァ한국ไทยि्ाשׁ½²Ⅻ８\u2028\u00a0\u200d\ufe0f\ufeff😀\uFFFD")
	bad := []string{"\xff", "\xe1\xbb", "\xc0\xaf", "\xed\xa0\x80"}
	r := rand.New(rand.NewPCG(uint64(seed), uint64(n)))
	text := func(k int) string {
		var b strings.Builder
		for range k {
			for range 1 + r.IntN(8) {
				if r.IntN(200) == 0 {
					b.WriteString(bad[r.IntN(len(bad))])
					continue
				}
				b.WriteRune(pool[r.IntN(len(pool))])
			}
			b.WriteByte(' ')
		}
		return b.String()
	}
	docs := make([]Doc, n)
	for i := range docs {
		docs[i] = Doc{URL: fmt.Sprintf("r/%d/", i), Title: text(1 + r.IntN(6)), Date: text(1), Text: text(r.IntN(300))}
		if r.IntN(4) > 0 {
			docs[i].Time = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.IntN(1000)) * time.Hour)
		}
	}
	return docs
}

// goldenLines describes the output of Build for every golden corpus, one
// line per file for small corpora and one per kind of file for big ones
// (those lines would drown the diff): name, count or size, SHA-256 prefix.
func goldenLines(tb testing.TB) []string {
	var lines []string
	for name, docs := range goldenCorpora(tb) {
		lang, _, _ := strings.Cut(name, "/")
		files := mustBuild(tb, lang, docs)
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		perFile := len(files) <= 64
		kinds := map[string]*struct {
			n int
			h []byte
		}{}
		for _, n := range names {
			b := files[n]
			sum := sha256.Sum256(b)
			if perFile {
				lines = append(lines, fmt.Sprintf("%s %s %d %x", name, n, len(b), sum[:8]))
				continue
			}
			kind := n[:strings.LastIndexByte(n, '/')+1]
			if kinds[kind] == nil {
				kinds[kind] = &struct {
					n int
					h []byte
				}{}
			}
			k := kinds[kind]
			k.n++
			k.h = fmt.Appendf(k.h, "%s %x\n", n, sum)
		}
		for kind, k := range kinds {
			sum := sha256.Sum256(k.h)
			lines = append(lines, fmt.Sprintf("%s %s* %d files %s", name, kind, k.n, hex.EncodeToString(sum[:8])))
		}
	}
	sort.Strings(lines)
	return lines
}

func TestBuildGolden(t *testing.T) {
	got := strings.Join(goldenLines(t), "\n") + "\n"
	if *update {
		if err := os.WriteFile(goldenFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got == string(want) {
		return
	}
	wantSet := map[string]bool{}
	for _, l := range strings.Split(string(want), "\n") {
		wantSet[l] = true
	}
	for _, l := range strings.Split(got, "\n") {
		if !wantSet[l] {
			t.Errorf("output differs from %s: %s", goldenFile, l)
		}
	}
	t.Errorf("Build output changed; if deliberately, rerun with -update")
}
