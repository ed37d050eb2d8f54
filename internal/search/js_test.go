package search

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// jsFile is search.js, relative to this package.
const jsFile = "../../static/js/search.js"

// TestJS runs testdata/search.test.js under Node's test runner against
// indexes built from fixtureDocs, with the Go answers for normalisation,
// tokenisation, hashing, decoding and ranking in expect.json. Without node
// it is skipped, unless CI=true.
func TestJS(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("node not found (CI=true): the browser search is untested")
		}
		t.Skip("node not installed")
	}
	dir := t.TempDir()
	for lang, docs := range fixtureDocs() {
		for name, b := range mustBuild(t, lang, docs) {
			p := filepath.Join(dir, lang, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	type rankCase struct {
		Lang string   `json:"lang"`
		Q    string   `json:"q"`
		Want []string `json:"want"`
	}
	var expect struct {
		Fold     [][2]string    `json:"fold"`
		Exact    [][2]string    `json:"exact"`
		Terms    map[string]any `json:"terms"`
		Buckets  [][3]any       `json:"buckets"`
		Postings [][2]any       `json:"postings"`
		Rank     []rankCase     `json:"rank"`
	}
	for _, tc := range foldCases {
		expect.Fold = append(expect.Fold, [2]string{tc.in, tc.want})
	}
	for _, tc := range exactCases {
		expect.Exact = append(expect.Exact, [2]string{tc.in, tc.want})
	}
	expect.Terms = map[string]any{}
	for _, tc := range termCases {
		expect.Terms[tc.in] = nonNil(queryTerms(tc.in))
	}
	for _, s := range randomStrings(400) { // differential: Go and JS on the same noise
		expect.Fold = append(expect.Fold, [2]string{s, Fold(s)})
		expect.Terms[s] = nonNil(queryTerms(s))
	}
	for _, tc := range rankCases {
		expect.Terms[tc.q] = nonNil(queryTerms(tc.q))
		expect.Rank = append(expect.Rank, rankCase{tc.lang, tc.q, append([]string{}, tc.want...)})
	}
	for _, f := range []string{"", "hoi", "对外", "الاعلام", "ä"} {
		for _, n := range []int{1, 2, 16, 256, 4096} {
			expect.Buckets = append(expect.Buckets, [3]any{f, n, shardName(bucketOf(f, n), n)})
		}
	}
	for _, ids := range [][]int32{{0}, {40}, {0, 1000, 1001, 70000}, {0, 2, 3}, {0, 1, 2, 3, 4, 5, 6, 100}} {
		expect.Postings = append(expect.Postings, [2]any{encodePostings(ids), ids})
	}
	b, err := json.MarshalIndent(expect, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "expect.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}

	js, err := filepath.Abs(jsFile)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "--test", filepath.Join("testdata", "search.test.js"))
	cmd.Env = append(os.Environ(), "SEARCH_FIXTURES="+dir, "SEARCH_JS="+js)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test: %v\n%s", err, out)
	}
	if testing.Verbose() {
		t.Logf("%s", out)
	}
}

// randomStrings draws n short strings from runes where the two
// implementations could plausibly disagree: accents precomposed and
// combining, Arabic forms and harakat, Han, kana and voicing marks, special
// case mappings, punctuation, digits, astral characters.
func randomStrings(n int) []string {
	pool := []rune("aAzZ09đĐêÊôƠưỮ\u0323\u0300\u0301\u0303\u0654 ,.!?'’-–…" +
		"ـًٌَُِّْٰأإآٱؤئةىاويهلم٣" +
		"对外信息中國々〆ガイドーか\u3099がｶﾞ" +
		"ΣσςİıßœŒæøłÅÖöçÇ한국\u00a0\t\n😀𠀀Ⅻ½")
	r := rand.New(rand.NewPCG(7, 7))
	out := make([]string, n)
	for i := range out {
		k := 1 + r.IntN(12)
		rs := make([]rune, k)
		for j := range rs {
			rs[j] = pool[r.IntN(len(pool))]
		}
		out[i] = string(rs)
	}
	return out
}

func nonNil(ts []qterm) []qterm {
	if ts == nil {
		return []qterm{}
	}
	return ts
}

// TestJSSize: search.js stays under 8 KB once comments and needless
// whitespace are gone. A real minifier also shortens names (terser -c -m gave
// 5.8 KB when this was written); this is the cheap upper bound.
func TestJSSize(t *testing.T) {
	b, err := os.ReadFile(jsFile)
	if err != nil {
		t.Fatal(err)
	}
	s := regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(string(b), "")
	s = regexp.MustCompile(`(?m)^\s*//.*$|\s+// .*$`).ReplaceAllString(s, "")
	s = strings.Join(strings.Fields(s), " ")
	s = regexp.MustCompile(`\s*([-{}()\[\];,:=<>+*/&|?!.])\s*`).ReplaceAllString(s, "$1")
	t.Logf("search.js: %d bytes, %d without comments and whitespace", len(b), len(s))
	if len(s) >= 8<<10 {
		t.Errorf("search.js is %d bytes without comments, want under 8 KB", len(s))
	}
}
