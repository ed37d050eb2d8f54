package i18n

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/diag"
	"golang.org/x/text/language"
)

// FuzzParseFile feeds arbitrary bytes to the message file parser in each
// format: it must never panic, and whatever it returns must be usable.
func FuzzParseFile(f *testing.F) {
	for _, dir := range []string{"testdata/theme/i18n", "testdata/site/i18n", "testdata/corpus/i18n"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			buf, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(buf, formatIndex(strings.TrimPrefix(filepath.Ext(e.Name()), ".")))
		}
	}
	seeds := []struct {
		s      string
		format string
	}{
		{"a: A\nb: {one: x, other: y, bad: z}\n", "yaml"},
		{"a: &x {one: y}\nb: *x\nc:\n  <<: *x\n", "yaml"},
		{"- id: a\n  translation: A\n", "yaml"},
		{"other: Other\nhome: Home\n", "yaml"},
		{"id: x\nother: y\n", "yaml"},
		{"404: Not found\ntrue: yes\n", "yaml"},
		{"a: \"{{ .X \"\n", "yaml"},
		{"{\"a\": {\"b\": {\"c\": \"d\"}}}", "json"},
		{"[{\"id\": \"a\", \"translation\": {\"one\": \"x\"}}]", "json"},
		{"\"text\"", "json"},
		{"[a]\none = \"x\"\n[a.b]\nother = 1\n", "toml"},
		{"a = [1, 2]\n", "toml"},
	}
	for _, s := range seeds {
		f.Add([]byte(s.s), formatIndex(s.format))
	}
	rule := newPluralRule(language.French)
	names := []string{"yaml", "toml", "json"}
	f.Fuzz(func(t *testing.T, buf []byte, format uint8) {
		var d diag.List
		msgs := parseFile("i18n/fr.x", "fr", names[int(format)%len(names)], buf, rule, &d)
		for _, m := range msgs {
			if m.id == "" || m.lang != "fr" || m.file != "i18n/fr.x" || m.rule != rule {
				t.Errorf("bad message %+v", m)
			}
			if m.forms == [numCategories]*form{} {
				t.Errorf("message %q without text", m.id)
			}
			for c := catZero; c < numCategories; c++ {
				if f := m.forms[c]; f != nil {
					// Rendering with odd data must not panic either.
					_, _ = f.execute(map[string]any{"Count": 1})
				}
			}
		}
		for _, x := range d.Sorted() {
			if x.File != "i18n/fr.x" || x.Line < 0 || x.Msg == "" {
				t.Errorf("bad diagnostic %+v", x)
			}
		}
	})
}

func formatIndex(format string) uint8 {
	switch formats[format] {
	case "toml":
		return 1
	case "json":
		return 2
	}
	return 0
}
