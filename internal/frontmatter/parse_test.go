package frontmatter

import (
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/diag"
)

// ict is the site zone of the tests (Asia/Ho_Chi_Minh has no DST), fixed so
// the tests need no time zone database.
var ict = time.FixedZone("ICT", 7*3600)

const file = "content/vi/news/a.md"

// parse runs Parse and returns its diagnostics as strings.
func parse(t *testing.T, src string) (Meta, []byte, int, bool, []string) {
	t.Helper()
	var l diag.List
	m, body, bodyLine, ok := Parse(file, []byte(src), ict, &l)
	var out []string
	for _, d := range l.Sorted() {
		out = append(out, d.String())
	}
	if ok == l.HasErrors() {
		t.Errorf("ok = %v but diagnostics %v", ok, out)
	}
	return m, body, bodyLine, ok, out
}

func TestParseRealisticArticle(t *testing.T) {
	src := "---\n" +
		"title: \"Hoa Kỳ: triển vọng mới cho hợp tác giáo dục và đào tạo\"\n" +
		"date: 2023-05-04T21:34:00+07:00\n" +
		"author: \"Đỗ Mạnh Hùng\"\n" +
		"summary: \"Chủ tịch nước chia sẻ kinh nghiệm.\"\n" +
		"tags: [\"Báo chí châu Mỹ\", \"Y tế châu Phi\"]\n" +
		"categories: [\"Khoa học - Công nghệ\"]\n" +
		"translationKey: \"a000002\"\n" +
		"draft: false\n" +
		"image: \"/images/2023/a000002.jpg\"\n" +
		"---\n\n**Chủ tịch nước** chia sẻ.\n"
	m, body, bodyLine, ok, diags := parse(t, src)
	if !ok || len(diags) != 0 {
		t.Fatalf("ok=%v diags=%v", ok, diags)
	}
	want := Meta{
		Title:          "Hoa Kỳ: triển vọng mới cho hợp tác giáo dục và đào tạo",
		Date:           time.Date(2023, 5, 4, 21, 34, 0, 0, time.FixedZone("", 7*3600)),
		Author:         "Đỗ Mạnh Hùng",
		Summary:        "Chủ tịch nước chia sẻ kinh nghiệm.",
		Tags:           []string{"Báo chí châu Mỹ", "Y tế châu Phi"},
		Categories:     []string{"Khoa học - Công nghệ"},
		TranslationKey: "a000002",
		Image:          &Image{Src: "/images/2023/a000002.jpg"},
		Set: map[string]bool{"title": true, "date": true, "author": true, "summary": true, "tags": true,
			"categories": true, "translationKey": true, "draft": true, "image": true},
		Lines: map[string]int{"title": 2, "date": 3, "author": 4, "summary": 5, "tags": 6,
			"categories": 7, "translationKey": 8, "draft": 9, "image": 10},
	}
	if !m.Date.Equal(want.Date) {
		t.Errorf("Date = %v, want %v", m.Date, want.Date)
	}
	m.Date, want.Date = time.Time{}, time.Time{}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got  %+v\nwant %+v", m, want)
	}
	if string(body) != "\n**Chủ tịch nước** chia sẻ.\n" || bodyLine != 12 {
		t.Errorf("body %q at line %d", body, bodyLine)
	}
}

func TestParseForms(t *testing.T) {
	cases := []struct {
		name, fm string
		check    func(t *testing.T, m Meta)
	}{
		{"tags single string", "tags: ASEAN", func(t *testing.T, m Meta) {
			eq(t, m.Tags, []string{"ASEAN"})
		}},
		{"tags block list trimmed", "tags:\n  - \" Ngoại giao \"\n  - Kinh tế", func(t *testing.T, m Meta) {
			eq(t, m.Tags, []string{"Ngoại giao", "Kinh tế"})
		}},
		{"empty tags list is set", "tags: []", func(t *testing.T, m Meta) {
			eq(t, m.Tags, []string{})
			eq(t, m.Set["tags"], true)
		}},
		{"aliases", "aliases: [/vi/old/, /vi/older/]", func(t *testing.T, m Meta) {
			eq(t, m.Aliases, []string{"/vi/old/", "/vi/older/"})
		}},
		{"image mapping", "image:\n  src: a.jpg\n  alt: Ảnh\n  caption: Hội nghị", func(t *testing.T, m Meta) {
			eq(t, m.Image, &Image{Src: "a.jpg", Alt: "Ảnh", Caption: "Hội nghị"})
		}},
		{"image flow mapping", "image: {src: a.jpg}", func(t *testing.T, m Meta) {
			eq(t, m.Image, &Image{Src: "a.jpg"})
		}},
		{"draft true", "draft: true", func(t *testing.T, m Meta) { eq(t, m.Draft, true) }},
		{"draft quoted", "draft: \"true\"", func(t *testing.T, m Meta) { eq(t, m.Draft, true) }},
		{"weight", "weight: -3", func(t *testing.T, m Meta) { eq(t, m.Weight, -3) }},
		{"slug", "slug: hoi-nghi-2021", func(t *testing.T, m Meta) { eq(t, m.Slug, "hoi-nghi-2021") }},
		{"numeric title read as written", "title: 1984", func(t *testing.T, m Meta) { eq(t, m.Title, "1984") }},
		{"block summary trimmed", "summary: |\n  Dòng một.\n  Dòng hai.\n", func(t *testing.T, m Meta) {
			eq(t, m.Summary, "Dòng một.\nDòng hai.")
		}},
		{"source", "source: Báo Nhân Dân", func(t *testing.T, m Meta) { eq(t, m.Source, "Báo Nhân Dân") }},
		{"translatedFrom", "translatedFrom: {lang: vi, hash: 3f2a9c0b1d2e}", func(t *testing.T, m Meta) {
			eq(t, m.TranslatedFrom, &TranslatedFrom{Lang: "vi", Hash: "3f2a9c0b1d2e"})
		}},
		{"translatedFrom all-digit hash", "translatedFrom: {lang: zh-Hant, hash: 123456789012}", func(t *testing.T, m Meta) {
			eq(t, m.TranslatedFrom, &TranslatedFrom{Lang: "zh-Hant", Hash: "123456789012"})
		}},
		{"case-insensitive keys", "Title: A\nTranslationKey: k", func(t *testing.T, m Meta) {
			eq(t, m.Title, "A")
			eq(t, m.TranslationKey, "k")
			eq(t, m.Lines, map[string]int{"title": 2, "translationKey": 3})
		}},
		{"null values are unset", "title:\nauthor: ~\ntags: null", func(t *testing.T, m Meta) {
			eq(t, m.Set, map[string]bool{})
			eq(t, m.Lines, map[string]int{})
		}},
		{"params", "params:\n  n: 3\n  big: 99999999999999999999\n  f: 1.5\n  b: yes\n  t: true\n  d: 2024-03-05\n" +
			"  s: \"x\"\n  l: [1, a]\n  m: {k: v}\n  z: null\n  inf: .inf", func(t *testing.T, m Meta) {
			want := map[string]any{"n": 3, "big": 1e20, "f": 1.5, "b": "yes", "t": true,
				"d": time.Date(2024, 3, 5, 0, 0, 0, 0, ict), "s": "x", "l": []any{1, "a"},
				"m": map[string]any{"k": "v"}, "z": nil, "inf": math.Inf(1)}
			eq(t, m.Params, want)
		}},
		{"unknown keys kept in params, explicit params win", "description: D\nkeywords: [a]\nparams: {description: P}",
			func(t *testing.T, m Meta) {
				eq(t, m.Params, map[string]any{"description": "P", "keywords": []any{"a"}})
				eq(t, m.Set["params"], true)
			}},
		{"empty front matter", "", func(t *testing.T, m Meta) { eq(t, m, Meta{}) }},
		{"only comments", "# nothing yet\n", func(t *testing.T, m Meta) { eq(t, m, Meta{}) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, _, _, ok, diags := parse(t, "---\n"+c.fm+"\n---\nBody\n")
			if !ok {
				t.Fatalf("diagnostics: %v", diags)
			}
			for _, d := range diags {
				if !strings.Contains(d, "unknown front matter key") {
					t.Errorf("unexpected diagnostic %s", d)
				}
			}
			c.check(t, m)
		})
	}
}

func eq(t *testing.T, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
}

func TestParseDates(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-05", time.Date(2024, 3, 5, 0, 0, 0, 0, ict)},
		{"\"2024-03-05\"", time.Date(2024, 3, 5, 0, 0, 0, 0, ict)},
		{"2024-3-5", time.Date(2024, 3, 5, 0, 0, 0, 0, ict)},
		{"2024-03-05T09:30:00+07:00", time.Date(2024, 3, 5, 9, 30, 0, 0, ict)},
		{"2024-03-05T02:30:00Z", time.Date(2024, 3, 5, 9, 30, 0, 0, ict)},
		{"2024-03-05t02:30:00z", time.Date(2024, 3, 5, 9, 30, 0, 0, ict)},
		{"2024-03-05T09:30:00.5+07:00", time.Date(2024, 3, 5, 9, 30, 0, 5e8, ict)},
		{"2024-03-05T09:30:00", time.Date(2024, 3, 5, 9, 30, 0, 0, ict)},
		{"2024-03-05T09:30", time.Date(2024, 3, 5, 9, 30, 0, 0, ict)},
		{"2024-03-05 09:30", time.Date(2024, 3, 5, 9, 30, 0, 0, ict)},
		{"2024-03-05 09:30:15", time.Date(2024, 3, 5, 9, 30, 15, 0, ict)},
		{"2024-03-05 02:30:00 +00:00", time.Date(2024, 3, 5, 9, 30, 0, 0, ict)},
		{"2001-12-14 21:59:43.10 -05:00", time.Date(2001, 12, 14, 21, 59, 43, 1e8, time.FixedZone("", -5*3600))},
	}
	for _, c := range cases {
		m, _, _, ok, diags := parse(t, "---\ndate: "+c.in+"\nlastmod: "+c.in+"\n---\n")
		if !ok {
			t.Errorf("%s: %v", c.in, diags)
			continue
		}
		if !m.Date.Equal(c.want) || !m.Lastmod.Equal(c.want) {
			t.Errorf("%s: got %v / %v, want %v", c.in, m.Date, m.Lastmod, c.want)
		}
	}
}

func TestParseDateZoneIsReproducible(t *testing.T) {
	m, _, _, _, _ := parse(t, "---\ndate: 2024-03-05T09:30:00+07:00\n---\n")
	if name, off := m.Date.Zone(); name != "" || off != 7*3600 {
		t.Errorf("zone = %q %d, want a fixed unnamed +07:00 whatever the machine's zone", name, off)
	}
}

func TestParseDiagnostics(t *testing.T) {
	const f = file + ":"
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"tags number", "---\ntitle: A\ntags: 5\n---\n",
			[]string{f + "3:7: `tags` must be a list of strings, not a number (5) (quote it to make it text)"}},
		{"tag entry number", "---\ntags: [a, 5]\n---\n",
			[]string{f + "2:11: each entry of `tags` must be a string, not a number (5) (quote it to make it text)"}},
		{"tags mapping", "---\ntags: {a: b}\n---\n",
			[]string{f + "2:7: `tags` must be a list of strings, not a mapping (key: value lines)"}},
		{"date yesterday", "---\ndate: yesterday\n---\n",
			[]string{f + "2:7: `date`: \"yesterday\" is not a date; write " + dateForms}},
		{"date list", "---\nlastmod: [2024-03-05]\n---\n",
			[]string{f + "2:10: `lastmod` must be a date, not a list; write " + dateForms}},
		{"impossible date", "---\ndate: 2024-02-30\n---\n",
			[]string{f + "2:7: `date`: \"2024-02-30\" is not a date; write " + dateForms}},
		{"draft maybe", "---\ndraft: \"maybe\"\n---\n",
			[]string{f + "2:8: `draft` must be true or false, not \"maybe\""}},
		{"weight float", "---\nweight: 1.5\n---\n",
			[]string{f + "2:9: `weight` must be a whole number, not a number (1.5)"}},
		{"weight overflow", "---\nweight: 99999999999999999999\n---\n",
			[]string{f + "2:9: `weight` 99999999999999999999 is out of range"}},
		{"title list", "---\ntitle: [a, b]\n---\n",
			[]string{f + "2:8: `title` must be text, not a list"}},
		{"typo titel", "---\ntitel: A\n---\n",
			[]string{f + "2:1: warning: unknown front matter key `titel`: did you mean `title`?"}},
		{"typo tag", "---\ntag: [a]\n---\n",
			[]string{f + "2:1: warning: unknown front matter key `tag`: did you mean `tags`?"}},
		{"unknown far", "---\ndescription: D\n---\n",
			[]string{f + "2:1: warning: unknown front matter key `description` (custom values belong under `params`)"}},
		{"duplicate key", "---\ntitle: A\ndate: 2024-03-05\ntitle: B\n---\n",
			[]string{f + "4:1: duplicate key `title` (already set on line 2)"}},
		{"duplicate key other case", "---\ntitle: A\nTitle: B\n---\n",
			[]string{f + "3:1: duplicate key `Title` (already set on line 2)"}},
		{"duplicate unknown key", "---\nfoo: 1\nfoo: 2\n---\n", []string{
			f + "2:1: warning: unknown front matter key `foo` (custom values belong under `params`)",
			f + "3:1: duplicate key `foo`"}},
		{"duplicate params key", "---\nparams:\n  a: 1\n  a: 2\n---\n",
			[]string{f + "4:3: duplicate key `a`"}},
		{"empty tag", "---\ntags: [a, \"\", ~]\n---\n", []string{
			f + "2:11: warning: empty entry in `tags` dropped",
			f + "2:15: warning: empty entry in `tags` dropped"}},
		{"hash uppercase", "---\ntranslatedFrom: {lang: vi, hash: 3F2A9C0B1D2E}\n---\n",
			[]string{f + "2:34: `translatedFrom.hash` \"3F2A9C0B1D2E\" must be 12 lower-case hex characters (see `attache new translation`)"}},
		{"hash short", "---\ntranslatedFrom:\n  lang: vi\n  hash: abc\n---\n",
			[]string{f + "4:9: `translatedFrom.hash` \"abc\" must be 12 lower-case hex characters (see `attache new translation`)"}},
		{"translatedFrom missing hash", "---\ntranslatedFrom: {lang: vi}\n---\n",
			[]string{f + "2:17: `translatedFrom` needs both `lang` and `hash`"}},
		{"translatedFrom bad lang", "---\ntranslatedFrom: {lang: vietnamese, hash: 3f2a9c0b1d2e}\n---\n",
			[]string{f + "2:24: `translatedFrom.lang` \"vietnamese\" is not a language code such as vi or en"}},
		{"translatedFrom typo", "---\ntranslatedFrom: {lang: vi, hash: 3f2a9c0b1d2e, hsh: x}\n---\n",
			[]string{f + "2:48: warning: unknown key `hsh` in `translatedFrom`: did you mean `hash`?"}},
		{"translatedFrom scalar", "---\ntranslatedFrom: vi\n---\n",
			[]string{f + "2:17: `translatedFrom` must be a mapping {lang: …, hash: …}, not \"vi\""}},
		{"image without src", "---\nimage:\n  alt: A\n---\n",
			[]string{f + "3:3: `image` needs `src`, the path of the image"}},
		{"image list", "---\nimage: [a.jpg]\n---\n",
			[]string{f + "2:8: `image` must be a path or a mapping with src, alt and caption, not a list"}},
		{"image typo", "---\nimage: {src: a.jpg, capton: C}\n---\n",
			[]string{f + "2:21: warning: unknown key `capton` in `image`: did you mean `caption`?"}},
		{"slug with spaces", "---\nslug: Hội nghị\n---\n",
			[]string{f + "2:7: `slug` \"Hội nghị\" is not a clean URL segment: write \"hoi-nghi\" (lower-case letters, digits and -)"}},
		{"slug traversal", "---\nslug: ../../etc\n---\n",
			[]string{f + "2:7: `slug` \"../../etc\" is not a clean URL segment: write \"etc\" (lower-case letters, digits and -)"}},
		{"slug punctuation only", "---\nslug: \"///\"\n---\n",
			[]string{f + "2:7: `slug` \"///\" has no letters or digits to make a URL from"}},
		{"params scalar", "---\nparams: 3\n---\n",
			[]string{f + "2:9: `params` must be a mapping of names to values, not a number (3)"}},
		{"root list", "---\n- a\n- b\n---\n",
			[]string{f + "2:1: front matter must be `key: value` lines, not a list"}},
		{"root scalar", "---\njust text\n---\n",
			[]string{f + "2:1: front matter must be `key: value` lines, not \"just text\""}},
		{"anchor and alias", "---\ntitle: &t A\nsummary: *t\n---\n",
			[]string{f + "2:8: YAML anchors and aliases (&name, *name) are not supported in front matter: write the value out"}},
		{"unknown alias", "---\ntitle: A\nsummary: *t\n---\n",
			[]string{f + "3: YAML anchors and aliases (&name, *name) are not supported in front matter: write the value out"}},
		{"unquoted colon", "---\ntitle: A\nsummary: Hà Nội: thủ đô\n---\n",
			[]string{f + "3: invalid YAML in front matter: mapping values are not allowed in this context (put a value that contains \": \" in quotes)"}},
		{"unclosed flow list", "---\ntitle: A\ntags: [a, b\ndate: 2024-03-05\n---\n",
			[]string{f + "3: invalid YAML in front matter: did not find expected ',' or ']'"}},
		{"stray list item", "---\ntitle: A\n- item\n---\n",
			[]string{f + "3: invalid YAML in front matter: did not find expected key"}},
		{"tab indent", "---\ntitle: A\n\tauthor: B\n---\n",
			[]string{f + "3: invalid YAML in front matter: found a tab character that violates indentation (indent with spaces, not tabs)"}},
		{"at sign first line", "---\ntitle: @x\n---\n",
			[]string{f + "2: invalid YAML in front matter: found character that cannot start any token (a value starting with @, ` or % must be in quotes)"}},
		{"nul", "---\ntitle: A\nauthor: B\x00C\n---\n",
			[]string{f + "3:10: front matter contains the control character U+0000, which YAML does not allow"}},
		{"invalid utf8", "---\ntitle: A\xff\n---\n",
			[]string{f + "2:9: front matter is not valid UTF-8"}},
		{"unterminated", "---\ntitle: A\n\nBody\n",
			[]string{f + "1: front matter is not closed: add a line --- after it"}},
		{"toml", "+++\ntitle = \"A\"\n+++\n",
			[]string{f + "1: only YAML front matter, between --- lines, is supported: +++ starts TOML"}},
		{"late front matter", "\n---\ntitle: A\n---\nBody\n",
			[]string{f + "2: warning: front matter must start on the first line of the file: this block is read as Markdown"}},
		{"thematic break after blank line is fine", "\n---\n\nText\n", nil},
		{"crlf error line", "---\r\ntitle: A\r\ntags: 5\r\n---\r\n",
			[]string{f + "3:7: `tags` must be a list of strings, not a number (5) (quote it to make it text)"}},
		{"bom error line", "\xef\xbb\xbf---\ntitle: A\ntags: 5\n---\n",
			[]string{f + "3:7: `tags` must be a list of strings, not a number (5) (quote it to make it text)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, _, _, got := parse(t, c.src)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestParseKeepsGoingAfterAnError(t *testing.T) {
	m, _, _, ok, diags := parse(t, "---\ntitle: A\ntags: 5\ndraft: maybe\nauthor: B\n---\n")
	if ok || len(diags) != 2 {
		t.Fatalf("ok=%v diags=%v, want two errors", ok, diags)
	}
	if m.Title != "A" || m.Author != "B" {
		t.Errorf("good keys around the bad ones were lost: %+v", m)
	}
}

func TestParseNoFrontMatter(t *testing.T) {
	m, body, line, ok, diags := parse(t, "# Tiêu đề\n\nNội dung.\n")
	if !ok || len(diags) != 0 || string(body) != "# Tiêu đề\n\nNội dung.\n" || line != 1 || m.Set != nil {
		t.Errorf("ok=%v diags=%v body=%q line=%d meta=%+v", ok, diags, body, line, m)
	}
}

func TestParseNilListAndZone(t *testing.T) {
	m, _, _, ok := Parse("a.md", []byte("---\ndate: 2024-03-05 09:30\ntags: 5\n---\n"), nil, nil)
	if ok {
		t.Error("ok with a bad tags value")
	}
	if want := time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC); !m.Date.Equal(want) {
		t.Errorf("date = %v, want %v (UTC when loc is nil)", m.Date, want)
	}
}

func TestKnown(t *testing.T) {
	k := Known()
	if len(k) != 16 || k[0] != "title" || k[len(k)-1] != "params" {
		t.Fatalf("Known() = %v", k)
	}
	k[0] = "changed"
	if Known()[0] != "title" {
		t.Fatal("Known shares its slice")
	}
}

func TestParseGeneratedArticles(t *testing.T) {
	for _, name := range []string{"article_vi.md", "article_ar.md"} {
		src, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		m, _, bodyLine, ok, diags := parse(t, string(src))
		if !ok || len(diags) != 0 {
			t.Fatalf("%s: %v", name, diags)
		}
		if m.Title == "" || len(m.Tags) != 5 || m.Image == nil || m.TranslationKey != "a000002" || bodyLine != 12 {
			t.Errorf("%s: %+v, body at %d", name, m, bodyLine)
		}
	}
}
