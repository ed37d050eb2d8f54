package i18n

import (
	"reflect"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/diag"
)

// TestLoadFormats loads the theme fixture: YAML (.yaml and .yml), TOML,
// JSON, go-i18n v1's JSON list, Hugo's flat and plural-map styles, nested
// IDs and go-i18n's {description, other} messages.
func TestLoadFormats(t *testing.T) {
	b, d := load(t, "theme", "", "en", "en", "vi", "fr", "ar", "de", "ru")
	if d.Len() != 0 {
		t.Fatalf("diagnostics: %q", diagStrings(d))
	}
	tests := []struct {
		lang, id string
		args     []any
		want     string
	}{
		{"en", "home", nil, "Home"},
		{"en", "nav.search", nil, "Search"},
		{"en", "skipToContent", nil, "Skip to main content"},
		{"en", "readingTime", []any{1}, "1 minute read"},
		{"en", "articleCount", []any{7}, "7 articles"},
		{"vi", "home", nil, "Trang chủ"},                       // .yml
		{"vi", "articleCount", []any{1}, "1 bài viết"},         // vi "one" falls back to "other"
		{"fr", "home", nil, "Accueil"},                         // TOML flat
		{"fr", "readingTime", []any{0}, "0 minute de lecture"}, // TOML table
		{"ar", "articleCount", []any{2}, "مقالان"},             // JSON
		{"de", "home", nil, "Startseite"},                      // go-i18n v1 list
		{"de", "articleCount", []any{3}, "3 Artikel"},
		{"ru", "articleCount", []any{21}, "21 статья"},
	}
	for _, tt := range tests {
		if got := b.Translator(tt.lang).T(tt.id, tt.args...); got != tt.want {
			t.Errorf("%s T(%q, %v) = %q, want %q", tt.lang, tt.id, tt.args, got, tt.want)
		}
	}
	if len(b.Missing()) != 0 || len(b.Problems()) != 0 {
		t.Errorf("missing %v, problems %v", b.Missing(), b.Problems())
	}
	wantLangs := []string{"ar", "de", "en", "fr", "pt", "pt-BR", "ru", "vi"}
	if got := b.Langs(); !reflect.DeepEqual(got, wantLangs) {
		t.Errorf("Langs() = %v, want %v", got, wantLangs)
	}
}

// TestLoadCorpus loads the message files the benchmark corpus generator
// writes (shared/bench/gencorpus.go), as sites ship them: Hugo's flat style
// with plural maps, including French "many" and all six Arabic forms.
func TestLoadCorpus(t *testing.T) {
	b, d := load(t, "", "corpus", "vi", "vi", "en", "fr", "ar", "zh")
	if d.Len() != 0 {
		t.Fatalf("diagnostics: %q", diagStrings(d))
	}
	tests := []struct {
		lang, id string
		args     []any
		want     string
	}{
		{"vi", "publishedOn", []any{"Date", "Thứ Tư, 05/06/2013"}, "Đăng ngày Thứ Tư, 05/06/2013"},
		{"vi", "readingTime", []any{1}, "1 phút đọc"},
		{"en", "readingTime", []any{1}, "1 minute read"},
		{"en", "readingTime", []any{4}, "4 minutes read"},
		{"fr", "articleCount", []any{1000000}, "1000000 d'articles"},
		{"fr", "articleCount", []any{2}, "2 articles"},
		{"ar", "readingTime", []any{0}, "أقل من دقيقة للقراءة"},
		{"ar", "readingTime", []any{11}, "11 دقيقة للقراءة"},
		{"zh", "pageOf", []any{map[string]any{"Current": 2, "Total": 9}}, "第2页，共9页"},
		{"en", "copyright", []any{"Year", 2026}, "© 2026 Vietnam External Information. All rights reserved."},
	}
	for _, tt := range tests {
		if got := b.Translator(tt.lang).T(tt.id, tt.args...); got != tt.want {
			t.Errorf("%s T(%q, %v) = %q, want %q", tt.lang, tt.id, tt.args, got, tt.want)
		}
	}
	if p := b.Problems(); len(p) != 0 {
		t.Errorf("problems: %v", p)
	}
	if got, want := len(b.IDs("ar")), len(b.IDs("en")); got != want || got < 30 {
		t.Errorf("ar has %d IDs, en %d", got, want)
	}
}

// TestSiteOverridesTheme: a site message replaces the theme's message of
// the same ID, all of its plural forms; the theme's other messages stay.
func TestSiteOverridesTheme(t *testing.T) {
	b, _ := load(t, "theme", "site", "en", "en", "fr")
	en := b.Translator("en")
	tests := []struct {
		id   string
		args []any
		want string
	}{
		{"readMore", nil, "Continue reading"},            // site
		{"home", nil, "Home"},                            // theme
		{"siteOnly", nil, "Only on this site"},           // site only
		{"readingTime", []any{1}, "Reading time: 1 min"}, // site's has no "one": the theme's is gone too
		{"articleCount", []any{1}, "1 article"},          // theme
		{"byAuthor", []any{"Author", "Lan"}, "By Lan"},   // theme
		{"pageOf", []any{"Current", 1, "Total", 3}, "Page 1 of 3"},
	}
	for _, tt := range tests {
		if got := en.T(tt.id, tt.args...); got != tt.want {
			t.Errorf("T(%q, %v) = %q, want %q", tt.id, tt.args, got, tt.want)
		}
	}
	wantIDs := []string{"articleCount", "byAuthor", "home", "nav.about", "nav.search", "onlyInEnglish", "pageOf", "publishedOn", "readMore", "readingTime", "siteOnly", "skipToContent"}
	if got := b.IDs("en"); !reflect.DeepEqual(got, wantIDs) {
		t.Errorf("IDs(en) = %v, want %v", got, wantIDs)
	}
}

// TestBadSiteFile: a site file with a syntax error is reported with its
// file and line, and the theme's messages of that language still load.
func TestBadSiteFile(t *testing.T) {
	b, d := load(t, "theme", "site", "en", "en", "fr")
	errs := d.Errors()
	if len(errs) != 1 {
		t.Fatalf("errors = %q, want one", diagStrings(d))
	}
	if e := errs[0]; e.File != "i18n/fr.yaml" || e.Line != 3 || !strings.Contains(e.Msg, "invalid YAML") {
		t.Errorf("error = %+v, want i18n/fr.yaml line 3 (where the unclosed string ends), invalid YAML", e)
	}
	fr := b.Translator("fr")
	if got := fr.T("home"); got != "Accueil" {
		t.Errorf("fr home = %q, want the theme's Accueil", got)
	}
	if got := fr.T("byAuthor", "Author", "Lan"); got != "Par Lan" {
		t.Errorf("fr byAuthor = %q, want the theme's", got)
	}
}

// TestDiagnostics covers each kind of bad file and message, with the file
// and line reported and what still loads.
func TestDiagnostics(t *testing.T) {
	tests := []struct {
		name   string
		site   map[string]string
		theme  map[string]string
		want   []string // diagnostics, sorted
		loaded map[string]string
	}{
		{
			name: "yaml syntax",
			site: map[string]string{"en.yaml": "a: A\nb: B\n  c: C\n"},
			want: []string{"i18n/en.yaml:3: invalid YAML: mapping values are not allowed in this context"},
		},
		{
			name: "yaml duplicate key",
			site: map[string]string{"en.yaml": "a: A\nb: B\na: C\n"},
			want: []string{`i18n/en.yaml:3: invalid YAML: mapping key "a" already defined at line 1`},
		},
		{
			name: "json syntax with column",
			site: map[string]string{"en.json": "{\n  \"a\": \"A\",\n  \"b\": \"B\"\n  \"c\": \"C\"\n}\n"},
			want: []string{`i18n/en.json:4:3: invalid JSON: invalid character '"' after object key:value pair`},
		},
		{
			name: "toml syntax",
			site: map[string]string{"en.toml": "a = \"A\"\nb = \"B\nc = 1\n"},
			want: []string{"i18n/en.toml:2:7: invalid TOML: strings cannot contain newlines"},
		},
		{
			name:   "bad message keeps the others",
			site:   map[string]string{"en.yaml": "a: A\nb: {one: x, other: y, several: z}\nc: 5\nd: D\n"},
			want:   []string{`i18n/en.yaml:2: message "b": reserved keys [one other] mixed with unreserved keys [several]`, `i18n/en.yaml:3: message "c": want text or a map of plural forms, got 5`},
			loaded: map[string]string{"a": "A", "d": "D"},
		},
		{
			name:   "bad json message line",
			site:   map[string]string{"en.json": "{\n  \"a\": \"A\",\n  \"b\": {\"one\": \"x\", \"bad\": \"y\"}\n}\n"},
			want:   []string{`i18n/en.json:3: message "b": reserved keys [one] mixed with unreserved keys [bad]`},
			loaded: map[string]string{"a": "A"},
		},
		{
			name:   "bad toml message line",
			site:   map[string]string{"en.toml": "a = \"A\"\n\n[b]\none = \"x\"\nbad = \"y\"\n"},
			want:   []string{`i18n/en.toml:3: message "b": reserved keys [one] mixed with unreserved keys [bad]`},
			loaded: map[string]string{"a": "A"},
		},
		{
			name:   "template syntax",
			site:   map[string]string{"en.yaml": "a: A\nb: \"By {{ .Author \"\n"},
			want:   []string{`i18n/en.yaml:2: message "b": form "other": template: b:1: unclosed action`},
			loaded: map[string]string{"a": "A"},
		},
		{
			name: "plural form the language never uses, and no other",
			site: map[string]string{"en.yaml": "a: A\nb:\n  one: x\n  few: y\n"},
			want: []string{
				`i18n/en.yaml:2: warning: message "b" has no "other" form, which stands in for every form it lacks`,
				`i18n/en.yaml:2: warning: message "b": plural form "few" is never used in en, whose forms are: one, other`,
			},
			loaded: map[string]string{"a": "A"},
		},
		{
			name: "zh has only other",
			site: map[string]string{"zh.yaml": "b:\n  one: x\n  other: y\n"},
			want: []string{`i18n/zh.yaml:1: warning: message "b": plural form "one" is never used in zh, whose forms are: other`},
		},
		{
			name: "file names",
			site: map[string]string{"klingon-xx.yaml": "a: A\n", "README.md": "x", "en.yaml.bak": "x", "en.yaml": "a: A\n"},
			want: []string{"i18n/klingon-xx.yaml: warning: file name does not name a language (a BCP 47 tag such as fr or pt-BR); file ignored"},
		},
		{
			name:  "theme files are named as such",
			theme: map[string]string{"en.yaml": "a: [\n"},
			want:  []string{"theme:i18n/en.yaml:2: invalid YAML: did not find expected node content"},
		},
		{
			name:   "two files of one language",
			site:   map[string]string{"en.yaml": "a: A\n", "more.en.json": "{\"a\": \"B\"}"},
			want:   []string{`i18n/more.en.json:1: warning: message "a" is also defined in i18n/en.yaml; this one is used`},
			loaded: map[string]string{"a": "B"},
		},
		{
			name:   "empty and comment-only files",
			site:   map[string]string{"en.yaml": "# nothing yet\n", "fr.json": "", "de.toml": "\ufeff# BOM\n"},
			want:   nil,
			loaded: map[string]string{},
		},
		{
			name: "not a map",
			site: map[string]string{"en.yaml": "just text\n"},
			want: []string{"i18n/en.yaml: invalid message file: invalid translation file, expected key-values, got a single value"},
		},
		{
			name:   "an ID spelled like a plural form",
			site:   map[string]string{"en.yaml": "home: Home\nother: Other\n"},
			loaded: map[string]string{"home": "Home", "other": "Other"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, d := loadFiles(t, tt.theme, tt.site, "en", "en")
			if got := diagStrings(d); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("diagnostics:\n got %q\nwant %q", got, tt.want)
			}
			for id, want := range tt.loaded {
				if got := b.Translator("en").T(id); got != want {
					t.Errorf("T(%q) = %q, want %q", id, got, want)
				}
			}
		})
	}
}

func TestLoadNilAndMissingDirs(t *testing.T) {
	var d diag.List
	b, err := Load(nil, nil, "vi", []string{"vi", "en"}, &d)
	if err != nil || d.Len() != 0 {
		t.Fatalf("Load(nil, nil) = %v, %q", err, diagStrings(&d))
	}
	if got := b.Translator("vi").T("home"); got != "home" {
		t.Errorf("T = %q, want the ID", got)
	}
	if _, err := Load(nil, nil, "not a tag!", nil, &d); err == nil {
		t.Error("Load with a bad default language: want an error")
	}
	if _, err := Load(files(map[string]string{}), nil, "en", nil, nil); err != nil {
		t.Errorf("Load with nil diags: %v", err)
	}
}
