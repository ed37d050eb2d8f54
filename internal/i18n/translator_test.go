package i18n

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
)

var argsTheme = map[string]string{
	"en.yaml": `
plain: "Hello"
count: {one: "{{ .Count }} item", other: "{{ .Count }} items"}
legacy: {one: "one item", other: "{{ .PluralCount }} items"}
byline: "By {{ .Author }} ({{ .Count }} articles)"
by: "By {{ .Author }}"
method: "{{ .Boom }}"
decimal: {one: "{{ .Count }} hour", other: "{{ .Count }} hours"}
`,
}

type byline struct {
	Author string
	Count  int
}

type boom struct{}

func (boom) Boom() string { panic("boom") }

func TestTArgs(t *testing.T) {
	b, d := loadFiles(t, argsTheme, nil, "en", "en")
	if d.Len() != 0 {
		t.Fatalf("diagnostics: %q", diagStrings(d))
	}
	en := b.Translator("en")
	tests := []struct {
		name    string
		id      string
		args    []any
		want    string
		problem string // part of the recorded problem, "" for none
	}{
		{"nothing", "plain", nil, "Hello", ""},
		{"int one", "count", []any{1}, "1 item", ""},
		{"int other", "count", []any{2}, "2 items", ""},
		{"int64", "count", []any{int64(1)}, "1 item", ""},
		{"uint8", "count", []any{uint8(5)}, "5 items", ""},
		{"large", "count", []any{123456789}, "123456789 items", ""},
		{"negative", "count", []any{-1}, "-1 item", ""},
		{"PluralCount", "legacy", []any{3}, "3 items", ""},
		{"float whole", "count", []any{1.0}, "1 item", ""},
		{"float decimal", "decimal", []any{1.5}, "1.5 hours", ""},
		{"map", "byline", []any{map[string]any{"Author": "Lan", "Count": 1}}, "By Lan (1 articles)", ""},
		{"map decimal string count", "decimal", []any{map[string]any{"Count": "1.0"}}, "1.0 hours", ""},
		{"map of strings", "by", []any{map[string]string{"Author": "Lan"}}, "By Lan", ""},
		{"key value", "byline", []any{"Author", "Lan", "Count", 3}, "By Lan (3 articles)", ""},
		{"key value selects the plural form", "count", []any{"Count", 1}, "1 item", ""},
		{"struct", "byline", []any{byline{"Lan", 2}}, "By Lan (2 articles)", ""},
		{"struct pointer", "count", []any{&byline{"Lan", 1}}, "1 item", ""},
		{"plural without a count uses other", "count", nil, "count", "map has no entry for key \"Count\""},
		{"missing field", "by", nil, "by", `map has no entry for key "Author"`},
		{"missing field in key value", "by", []any{"Writer", "Lan"}, "by", `map has no entry for key "Author"`},
		{"odd arguments", "by", []any{"Author", "Lan", "Count"}, "by", "key, value pairs; got 3 arguments"},
		{"key not a string", "by", []any{1, "Lan"}, "by", "must be a key (a string), got int"},
		{"count not a number", "count", []any{"Count", true}, "count", "the Count must be a number, got bool true"},
		{"count a bad string", "count", []any{"Count", "many"}, "count", "count many"},
		{"count NaN", "count", []any{nanValue()}, "count", "not a finite number"},
		{"panicking method", "method", []any{boom{}}, "method", "boom"},
		{"extra data is fine", "plain", []any{"Author", "Lan"}, "Hello", ""},
		{"nil", "plain", []any{nil}, "Hello", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(b.Problems())
			if got := en.T(tt.id, tt.args...); got != tt.want {
				t.Errorf("T(%q, %v) = %q, want %q", tt.id, tt.args, got, tt.want)
			}
			probs := b.Problems()
			if tt.problem == "" {
				if len(probs) != before {
					t.Errorf("unexpected problem: %v", probs)
				}
				return
			}
			found := false
			for _, p := range probs {
				if p.Lang == "en" && p.ID == tt.id && strings.Contains(p.Msg, tt.problem) {
					found = true
				}
			}
			if !found {
				t.Errorf("problems %v lack %q", probs, tt.problem)
			}
		})
	}
}

func nanValue() float64 {
	var z float64
	return z / z
}

// TestFallback: a message missing in a language comes from the language's
// parent or base without a record, from the default language with one, and
// as the ID itself with one.
func TestFallback(t *testing.T) {
	b, _ := load(t, "theme", "", "en", "en", "vi", "pt-BR")
	tests := []struct {
		lang, id, want string
	}{
		{"vi", "home", "Trang chủ"},
		{"vi", "onlyInEnglish", "Only in English"}, // default language
		{"vi", "nav.about", "About us"},            // default language, nested ID
		{"vi", "noSuchID", "noSuchID"},
		{"pt-BR", "readMore", "Continue lendo"}, // its own
		{"pt-BR", "home", "Início"},             // base language pt: no record
		{"pt_br", "home", "Início"},             // tag spelled loosely
		{"pt-BR", "onlyInEnglish", "Only in English"},
		{"ko", "home", "Home"}, // a language without files
		{"en", "noSuchID", "noSuchID"},
	}
	for _, tt := range tests {
		for range 3 { // repeated calls record once
			if got := b.Translator(tt.lang).T(tt.id); got != tt.want {
				t.Errorf("%s T(%q) = %q, want %q", tt.lang, tt.id, got, tt.want)
			}
		}
	}
	want := []Missing{
		{Lang: "en", ID: "noSuchID"},
		{Lang: "ko", ID: "home", FellBackTo: "en"},
		{Lang: "pt-BR", ID: "onlyInEnglish", FellBackTo: "en"},
		{Lang: "vi", ID: "nav.about", FellBackTo: "en"},
		{Lang: "vi", ID: "noSuchID"},
		{Lang: "vi", ID: "onlyInEnglish", FellBackTo: "en"},
	}
	if got := b.Missing(); !reflect.DeepEqual(got, want) {
		t.Errorf("Missing() =\n %v\nwant\n %v", got, want)
	}
	if got := b.Translator("pt_br").Lang(); got != "pt-BR" {
		t.Errorf("Lang() = %q, want pt-BR", got)
	}
	if b.Translator("pt-BR") != b.Translator("PT-br") {
		t.Error("one language, two translators")
	}
}

// TestDefaultLanguageRegional: a regional default language falls back to
// its base language before the ID.
func TestDefaultLanguageRegional(t *testing.T) {
	b, _ := loadFiles(t, map[string]string{"pt.yaml": "home: Início\n"}, nil, "pt-BR", "pt-BR", "en")
	if got := b.Translator("en").T("home"); got != "Início" {
		t.Errorf("T = %q, want Início", got)
	}
	if got := b.Missing(); !reflect.DeepEqual(got, []Missing{{Lang: "en", ID: "home", FellBackTo: "pt"}}) {
		t.Errorf("Missing() = %v", got)
	}
}

func TestPlural(t *testing.T) {
	b, _ := load(t, "corpus", "", "en")
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"ar", 0, "zero"}, {"ar", 1, "one"}, {"ar", 2, "two"}, {"ar", 3, "few"}, {"ar", 10, "few"},
		{"ar", 11, "many"}, {"ar", 99, "many"}, {"ar", 100, "other"}, {"ar", 102, "other"}, {"ar", 103, "few"},
		{"ru", 1, "one"}, {"ru", 2, "few"}, {"ru", 5, "many"}, {"ru", 11, "many"}, {"ru", 21, "one"}, {"ru", 22, "few"}, {"ru", 2000, "many"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"}, {"fr", 1000000, "many"}, {"fr", 2000000, "many"}, {"fr", 1000001, "other"},
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", -1, "one"},
		{"zh", 1, "other"}, {"ja", 1, "other"},
		{"pt-BR", 0, "one"}, {"pt-PT", 0, "other"},
		{"tlh", 1, "other"}, // no CLDR rule
	}
	for _, tt := range tests {
		if got := b.Translator(tt.lang).Plural(tt.n); got != tt.want {
			t.Errorf("%s Plural(%d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestPluralT: T picks the form of the count's category, per language.
func TestPluralT(t *testing.T) {
	theme := map[string]string{
		"ar.yaml": `n: {zero: "z{{.Count}}", one: "o{{.Count}}", two: "t{{.Count}}", few: "f{{.Count}}", many: "m{{.Count}}", other: "x{{.Count}}"}`,
		"ru.yaml": `n: {one: "o{{.Count}}", few: "f{{.Count}}", many: "m{{.Count}}", other: "x{{.Count}}"}`,
		"fr.yaml": `n: {one: "o{{.Count}}", many: "m{{.Count}}", other: "x{{.Count}}"}`,
		"en.yaml": `n: {one: "o{{.Count}}", other: "x{{.Count}}"}`,
	}
	b, d := loadFiles(t, theme, nil, "en", "ar", "ru", "fr", "en")
	if d.Len() != 0 {
		t.Fatalf("diagnostics: %q", diagStrings(d))
	}
	tests := []struct {
		lang string
		n    any
		want string
	}{
		{"ar", 0, "z0"}, {"ar", 1, "o1"}, {"ar", 2, "t2"}, {"ar", 3, "f3"}, {"ar", 11, "m11"}, {"ar", 100, "x100"},
		{"ru", 1, "o1"}, {"ru", 2, "f2"}, {"ru", 5, "m5"}, {"ru", 21, "o21"}, {"ru", 1.5, "x1.5"},
		{"fr", 0, "o0"}, {"fr", 1, "o1"}, {"fr", 2, "x2"}, {"fr", 1.5, "o1.5"},
		{"en", 1, "o1"}, {"en", 1.0, "o1"}, {"en", 2, "x2"},
	}
	for _, tt := range tests {
		if got := b.Translator(tt.lang).T("n", tt.n); got != tt.want {
			t.Errorf("%s T(n, %v) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	// A message from the default language follows the default language's
	// rule, not the translator's: ko has only "other", en picks "one".
	if got := b.Translator("ko").T("n", 1); got != "o1" {
		t.Errorf("ko T(n, 1) = %q, want en's o1", got)
	}
}

// TestConcurrent runs translators from many goroutines; under -race it
// proves the missing set and the lazy translators are safe.
func TestConcurrent(t *testing.T) {
	b, _ := load(t, "theme", "site", "en", "en", "vi", "fr")
	langs := []string{"en", "vi", "fr", "ko", "pt-BR"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				tr := b.Translator(langs[(g+i)%len(langs)])
				tr.T("readingTime", i)
				tr.T("onlyInEnglish")
				tr.T(fmt.Sprintf("unknown%d", i%7))
				tr.T("byAuthor")
				tr.Number(float64(i)*1000.5, 1)
				tr.Plural(i)
				_ = b.Missing()
			}
		}()
	}
	wg.Wait()
	seen := map[Missing]bool{}
	for _, m := range b.Missing() {
		if seen[m] {
			t.Errorf("duplicate %v", m)
		}
		seen[m] = true
	}
	if !seen[Missing{Lang: "ko", ID: "unknown3"}] || !seen[Missing{Lang: "vi", ID: "onlyInEnglish", FellBackTo: "en"}] {
		t.Errorf("Missing() = %v", b.Missing())
	}
}
