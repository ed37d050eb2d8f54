package search

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"
)

// jsonStringCases are strings whose encoding is easy to get wrong.
var jsonStringCases = []string{
	"", "plain", "Hội nghị", "الإعلام", "对外信息", "😀",
	`"quoted" back\slash`, "tab\tnl\ncr\rbs\bff\fnul\x00us\x1fdel\x7f",
	"<b>&amp;</b>", "sep\u2028par\u2029", "\u2027\u202a", "\xe2\x80", "\xe2",
	"bad\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "tail\xe1\xbb", "\uFFFD",
}

// encodingJSON is what encoding/json writes for s, with or without HTML
// escaping (json.Marshal escapes, an Encoder after SetEscapeHTML(false)
// does not).
func encodingJSON(t testing.TB, s string, escapeHTML bool) []byte {
	t.Helper()
	if escapeHTML {
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	b, err := marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func checkJSONString(t testing.TB, s string) {
	t.Helper()
	for _, html := range []bool{false, true} {
		want := encodingJSON(t, s, html)
		if got := appendJSONString(nil, s, html); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q, %v) = %s, encoding/json gives %s", s, html, got, want)
		}
		if got := appendJSONStringSlow([]byte("x"), s, html); !bytes.Equal(got, append([]byte("x"), want...)) {
			t.Errorf("appendJSONStringSlow(%q, %v) = %s, encoding/json gives %s", s, html, got, want)
		}
		if !utf8.ValidString(s) {
			continue
		}
		if got := appendValidJSONString(nil, s, html); !bytes.Equal(got, want) {
			t.Errorf("appendValidJSONString(%q, %v) = %s, encoding/json gives %s", s, html, got, want)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range jsonStringCases {
		checkJSONString(t, s)
	}
	for b := 0; b < 256; b++ { // every byte alone and inside valid text
		checkJSONString(t, string(rune(b)))
		checkJSONString(t, "a"+string([]byte{byte(b)})+"é")
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStringCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkJSONString(t, s) })
}

// TestAppendFragment: fragments are what encoding/json made of a fragment.
func TestAppendFragment(t *testing.T) {
	docs := append(edgeDocs(), randomDocs(200, 3)...)
	docs = append(docs,
		Doc{URL: "y/", Time: time.Date(12345, 1, 2, 0, 0, 0, 0, time.UTC)},
		Doc{URL: "z/", Time: time.Date(-5, 1, 2, 0, 0, 0, 0, time.UTC)},
	)
	for _, d := range docs {
		f := fragment{URL: d.URL, Title: d.Title, Date: d.Date, Text: truncate(d.Text, MaxSnippetText)}
		if !d.Time.IsZero() {
			f.ISO = d.Time.Format("2006-01-02")
		}
		want, err := marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendFragment(nil, &d, utf8.ValidString(d.Title), utf8.ValidString(d.Text)); !bytes.Equal(got, want) {
			t.Errorf("%s: appendFragment = %s, encoding/json gives %s", d.URL, got, want)
		}
	}
}
