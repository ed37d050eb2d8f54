package status

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// sampleReport has every state, a draft, a source file name that needs
// escaping in a URL, and two outdated translations of different ages.
func sampleReport(t *testing.T) *Report {
	t.Helper()
	files := map[string]any{
		"content/vi/news/a.md":            srcA,
		"content/en/news/a.md":            page{enA.title, enA.body, []string{srcA.from("vi")}},
		"content/vi/news/old.md":          srcA2,
		"content/en/news/old.md":          page{enA.title, enA.body, []string{srcA.from("vi"), "lastmod: 2020-01-01"}},
		"content/vi/news/recent.md":       srcA2,
		"content/en/news/recent.md":       page{enA.title, enA.body, []string{srcA.from("vi"), "lastmod: 2023-01-01"}},
		"content/vi/news/Hội nghị #1.md":  page{"Hội nghị", "Nội dung.", nil},
		"content/en/news/gone.md":         page{enA.title, enA.body, []string{srcA.from("vi")}},
		"content/en/news/hugo.md":         page{enA.title, enA.body, []string{"draft: true"}},
		"content/vi/news/hugo.md":         srcA,
		"content/en/news/english-only.md": enA,
		"content/fr/news/a.md":            page{"Conférence", "Texte.", []string{srcA.from("vi")}},
	}
	r, _ := compute(t, siteFS(files), Options{})
	r.UIStrings = []UIStrings{{Lang: "vi"}, {Lang: "en", Missing: []string{"readMore"}, Unused: []string{"old"}}}
	return r
}

func TestWriteJSONShape(t *testing.T) {
	r := sampleReport(t)
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	keys := func(v any) []string {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%v is not an object", v)
		}
		var ks []string
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	}
	check := func(what string, got, want []string) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s keys %v, want %v", what, got, want)
		}
	}
	check("top", keys(doc), []string{"articles", "defaultLanguage", "languages", "schema", "uiStrings"})
	if doc["schema"] != float64(1) || doc["defaultLanguage"] != "vi" {
		t.Errorf("schema %v, defaultLanguage %v", doc["schema"], doc["defaultLanguage"])
	}
	langs := doc["languages"].([]any)
	check("language", keys(langs[0]), []string{"code", "counts", "drafts", "name", "total"})
	check("counts", keys(langs[0].(map[string]any)["counts"]), []string{"missing", "original", "orphaned", "outdated", "untracked", "up-to-date"})
	en := langs[0].(map[string]any)
	if en["code"] != "en" || en["drafts"] != float64(1) {
		t.Errorf("first language %v", en)
	}
	var found bool
	for _, a := range doc["articles"].([]any) {
		am := a.(map[string]any)
		if am["source"] != "content/vi/news/old.md" {
			continue
		}
		found = true
		check("article", keys(am), []string{"date", "draft", "key", "source", "sourceLang", "title", "translations"})
		tr := am["translations"].(map[string]any)
		check("translations", keys(tr), []string{"en", "fr"})
		check("outdated entry", keys(tr["en"]), []string{"currentHash", "dated", "draft", "file", "from", "fromFile", "recordedHash", "state"})
		check("missing entry", keys(tr["fr"]), []string{"currentHash", "dated", "draft", "from", "fromFile", "state"})
		want := map[string]any{
			"state": "outdated", "file": "content/en/news/old.md", "draft": false, "from": "vi",
			"fromFile": "content/vi/news/old.md", "recordedHash": srcA.hash(), "currentHash": srcA2.hash(),
			"dated": "2020-01-01T00:00:00+07:00",
		}
		if !reflect.DeepEqual(tr["en"], want) {
			t.Errorf("en entry %v\nwant %v", tr["en"], want)
		}
		if am["key"] != "path:news/old" || am["date"] != "2024-03-05T00:00:00+07:00" {
			t.Errorf("key %v date %v", am["key"], am["date"])
		}
	}
	if !found {
		t.Error("no article with source content/vi/news/old.md")
	}
	ui := doc["uiStrings"].([]any)
	check("uiStrings", keys(ui[0]), []string{"lang", "missing", "unused"})
	if m := ui[0].(map[string]any)["missing"]; m == nil {
		t.Error("empty missing list written as null, want []")
	}
	// The same report writes the same bytes.
	var again bytes.Buffer
	r.WriteJSON(&again)
	if !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Error("JSON output is not deterministic")
	}
}

func TestWriteText(t *testing.T) {
	r := sampleReport(t)
	var b bytes.Buffer
	if err := r.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"Translation status: 7 articles, source language vi",
		"⚠ outdated (2):",
		"content/en/news/old.md: content/vi/news/old.md changed since (recorded " + srcA.hash() + ", now " + srcA2.hash() + ")",
		"✗ missing (",
		"⊘ orphaned (1):",
		"content/en/news/gone.md: translated from vi, but this article has no vi version at news/gone",
		"? untracked (1):",
		"content/en/news/hugo.md: no translatedFrom to compare with content/vi/news/hugo.md [draft]",
		"en: missing 1: readMore; unused 1: old;",
		"vi: complete",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "content/en/news/old.md:") > strings.Index(out, "content/en/news/recent.md:") {
		t.Errorf("outdated not oldest first:\n%s", out)
	}
	if strings.Contains(out, "up to date (") {
		t.Errorf("up-to-date files listed; only counted:\n%s", out)
	}
}

func TestWriteHTMLStructure(t *testing.T) {
	r := sampleReport(t)
	var b bytes.Buffer
	if err := r.WriteHTML(&b, HTMLOptions{LinkPrefix: "../site/"}); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var (
		lang                              string
		captions, rows, colHeads, badHead int
		hrefs                             []string
		firstRowFile                      string
		inTbody                           bool
	)
	attr := func(n *html.Node, k string) string {
		for _, a := range n.Attr {
			if a.Key == k {
				return a.Val
			}
		}
		return ""
	}
	var walk func(n *html.Node, table string)
	walk = func(n *html.Node, table string) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				lang = attr(n, "lang")
			case "table":
				table = attr(n, "id")
			case "caption":
				captions++
			case "tbody":
				inTbody = true
				defer func() { inTbody = false }()
			case "tr":
				if table == "matrix" && inTbody {
					rows++
				}
			case "th":
				if scope := attr(n, "scope"); scope != "col" && scope != "row" {
					badHead++
				} else if scope == "col" {
					colHeads++
				}
			case "a":
				hrefs = append(hrefs, attr(n, "href"))
				if table == "matrix" && inTbody && rows == 1 && firstRowFile == "" && attr(n, "class") == "file" {
					firstRowFile = n.FirstChild.Data
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, table)
		}
	}
	walk(doc, "")
	if lang != "en" {
		t.Errorf("html lang %q, want en", lang)
	}
	if captions != 2 {
		t.Errorf("%d captions, want 2 (matrix and UI strings)", captions)
	}
	if rows != len(r.Articles) {
		t.Errorf("%d matrix rows, want one per article (%d)", rows, len(r.Articles))
	}
	if badHead != 0 || colHeads != 2+len(r.Languages)+3 {
		t.Errorf("%d headers without scope, %d column headers", badHead, colHeads)
	}
	if firstRowFile != "content/vi/news/old.md" {
		t.Errorf("first row is %q, want the oldest outdated translation's article", firstRowFile)
	}
	wantHref := "../site/content/vi/news/H%E1%BB%99i%20ngh%E1%BB%8B%20%231.md"
	found := false
	for _, h := range hrefs {
		found = found || h == wantHref
		if !strings.HasPrefix(h, "../site/content/") {
			t.Errorf("link %q does not start with the prefix", h)
		}
	}
	if !found {
		t.Errorf("no link %q among %v", wantHref, hrefs)
	}
	for _, s := range States() {
		if !strings.Contains(b.String(), s.Symbol()) {
			t.Errorf("symbol of %s not in the report", s)
		}
	}
}
