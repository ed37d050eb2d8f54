package config

import (
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/diag"
)

func TestParseFull(t *testing.T) {
	src := `baseURL: https://example.org/news
defaultLanguage: vi
timeZone: Asia/Ho_Chi_Minh
paginate: 7
languages:
  en: {name: English, title: Foreign Information, weight: 2}
  vi: {name: Tiếng Việt, title: Thông tin đối ngoại, weight: 1}
  ar: {name: العربية, weight: 3}
`
	var d diag.List
	c, ok := Parse("site.yaml", []byte(src), &d)
	if !ok {
		t.Fatalf("parse failed: %v", d.Sorted())
	}
	if c.BaseURL != "https://example.org/news/" {
		t.Errorf("BaseURL = %q", c.BaseURL)
	}
	if got := strings.Join(c.Codes(), ","); got != "vi,en,ar" {
		t.Errorf("order = %s", got)
	}
	if ar, _ := c.Language("ar"); ar.Direction != "rtl" {
		t.Errorf("ar direction = %q, want rtl by default", ar.Direction)
	}
	if c.Paginate != 7 || c.TimeZone.String() != "Asia/Ho_Chi_Minh" || c.DefaultLanguage != "vi" {
		t.Errorf("got %+v", c)
	}
	if d.Len() != 0 {
		t.Errorf("unexpected diagnostics: %v", d.Sorted())
	}
}

func TestParseErrorsNameLines(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"syntax", "languages:\n  vi: {name: [\n", "site.yaml:2: invalid YAML: did not find"},
		{"no languages", "baseURL: https://x.org/\n", "site.yaml:1: `languages` is required"},
		{"bad url", "baseURL: example.org\nlanguages: {vi: {}}\n", "site.yaml:1:10: baseURL"},
		{"bad zone", "timeZone: Mars/Base\nlanguages: {vi: {}}\n", "site.yaml:1:11: unknown time zone"},
		{"bad paginate", "paginate: 0\nlanguages: {vi: {}}\n", "site.yaml:1:11: paginate"},
		{"bad default", "defaultLanguage: de\nlanguages: {vi: {}}\n", "site.yaml:1: defaultLanguage \"de\""},
		{"bad code", "languages: {\"not a code!\": {}}\n", "is not a BCP 47"},
		{"bad direction", "languages:\n  vi: {direction: up}\n", "site.yaml:2:7: language \"vi\": direction"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var d diag.List
			if _, ok := Parse("site.yaml", []byte(c.src), &d); ok {
				t.Fatal("want failure")
			}
			if err := d.Err(); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v does not contain %q", err, c.want)
			}
		})
	}
}

func TestUnknownKeyWarns(t *testing.T) {
	var d diag.List
	_, ok := Parse("site.yaml", []byte("languages: {vi: {}}\npaginte: 5\n"), &d)
	if !ok || d.HasErrors() || d.Len() != 1 || !strings.Contains(d.Sorted()[0].String(), "site.yaml:2:1: warning: unknown key \"paginte\"") {
		t.Fatalf("ok=%v diags=%v", ok, d.Sorted())
	}
}

func TestWithLanguages(t *testing.T) {
	var d diag.List
	c, _ := Parse("site.yaml", []byte("defaultLanguage: vi\nlanguages: {vi: {weight: 1}, en: {weight: 2}, fr: {weight: 3}}\n"), &d)
	r, err := c.WithLanguages([]string{"fr", "en"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Codes(), ","); got != "en,fr" || r.DefaultLanguage != "en" {
		t.Fatalf("codes %s default %s", got, r.DefaultLanguage)
	}
	if _, err := c.WithLanguages([]string{"de"}); err == nil {
		t.Fatal("want error for unknown language")
	}
	if len(c.Languages) != 3 {
		t.Fatal("WithLanguages mutated the original")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("languages: {vi: {name: Tiếng Việt}}\n"))
	f.Add([]byte("baseURL: https://e.org/\ntimeZone: UTC\npaginate: 3\nlanguages:\n  ar: {direction: rtl}\n"))
	f.Add([]byte("languages: [1, 2]\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d diag.List
		c, ok := Parse("site.yaml", data, &d)
		if ok && (c == nil || len(c.Languages) == 0 || !c.HasLanguage(c.DefaultLanguage)) {
			t.Fatalf("ok config without a valid default language: %+v", c)
		}
		if !ok && !d.HasErrors() {
			t.Fatal("failure without an error diagnostic")
		}
	})
}

func TestReleasesKeep(t *testing.T) {
	var d diag.List
	c, ok := Parse("site.yaml", []byte("releases: {keep: 5}\nlanguages: {vi: {}}\n"), &d)
	if !ok || c.KeepReleases != 5 {
		t.Fatalf("keep = %v (%v)", c, d.Sorted())
	}
	c, _ = Parse("site.yaml", []byte("languages: {vi: {}}\n"), &d)
	if c.KeepReleases != 3 {
		t.Errorf("default keep = %d", c.KeepReleases)
	}
	if _, ok := Parse("site.yaml", []byte("releases: {keep: -1}\nlanguages: {vi: {}}\n"), &d); ok {
		t.Error("a negative keep was accepted")
	}
}
