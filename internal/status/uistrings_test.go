package status

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/attache-ssg/attache/internal/diag"
)

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func TestTemplateIDs(t *testing.T) {
	theme := mapFS(map[string]string{
		"layouts/_default/baseof.html": `<title>{{ T "plain" }}</title>
{{/* {{ T "commented" }} */}}
{{- if .X }}{{ T   "spaced"    .Count }}{{ else }}{{ T "inElse" (dict "A" 1) }}{{ end }}
{{ range .Items }}{{ "piped" | T }}{{ end }}
{{ with .Y }}{{ printf "%s!" (T "nested") }}{{ end }}
{{ define "part" }}{{ T "inDefine" }}{{ end }}
{{ block "main" . }}{{ T "inBlock" }}{{ end }}
{{ T .Dynamic }}
{{ $x := T "assigned" }}{{ template "part" (T "asArg") }}`,
		"layouts/partials/overridden.html": `{{ T "hiddenBySite" }}`,
		"layouts/notes.txt":                `{{ T "notALayout" }}`,
	})
	site := mapFS(map[string]string{
		"layouts/partials/overridden.html": `{{ T "fromSite" }}{{ T "plain" }}`,
		"layouts/broken.html":              `{{ T "x" `,
	})
	var d diag.List
	got := TemplateIDs(site, theme, &d)
	want := []string{"asArg", "assigned", "fromSite", "inBlock", "inDefine", "inElse", "nested", "piped", "plain", "spaced"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("IDs\n got %v\nwant %v", got, want)
	}
	var dynamic, broken bool
	for _, x := range d.Sorted() {
		dynamic = dynamic || x.File == "(theme) layouts/_default/baseof.html" && x.Line == 8 && strings.Contains(x.Msg, "computed ID")
		broken = broken || x.File == "layouts/broken.html"
	}
	if !dynamic || !broken {
		t.Errorf("want warnings for the computed ID on line 8 and for broken.html, got %v", d.Sorted())
	}
}

func TestCheckUIStrings(t *testing.T) {
	theme := mapFS(map[string]string{
		"layouts/index.html": `{{ T "home" }} {{ T "news" }} {{ T "readMore" }}`,
		"i18n/vi.yaml":       "home: Trang chủ\nnews: Tin tức\nreadMore: Đọc thêm\nnotFoundTitle: Không tìm thấy\nnotFoundText: …\n",
		"i18n/en.yaml":       "home: Home\nnews: News\nunusedThing: Unused\nnotFoundTitle: Not found\nnotFoundText: …\n",
	})
	site := siteFS(nil)
	site["i18n/en.yaml"] = &fstest.MapFile{Data: []byte("readMoreTypo: Read more\n")}
	var d diag.List
	c, ok := LoadConfig(site, &d)
	if !ok {
		t.Fatal(d.Sorted())
	}
	got, err := CheckUIStrings(site, theme, c, []string{"vi", "en", "fr"}, &d)
	if err != nil {
		t.Fatal(err)
	}
	want := []UIStrings{
		{Lang: "vi"},
		{Lang: "en", Missing: []string{"readMore"}, Unused: []string{"readMoreTypo", "unusedThing"}},
		{Lang: "fr", Missing: []string{"home", "news", "notFoundText", "notFoundTitle", "readMore"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestLineOf(t *testing.T) {
	for in, want := range map[string]int{"a.html:12:3": 12, "(theme) layouts/a.html:7:1": 7, "x": 0, "a:b:c": 0} {
		if got := lineOf(in); got != want {
			t.Errorf("lineOf(%q) = %d, want %d", in, got, want)
		}
	}
}

func FuzzTemplateIDs(f *testing.F) {
	for _, s := range []string{
		`{{ T "a" }}`, `{{ "a" | T }}`, `{{ T .X }}`, `{{/* T "c" */}}`, `{{ define "x" }}{{ T "d" }}{{ end }}`,
		`{{ if T "e" }}{{ else if T "f" }}{{ end }}`, `{{ T }}`, `{{ T "a" | T }}`, `{{ (T "g").X }}`, `{{`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var d diag.List
		ids := idsInTemplate("f.html", src, &d)
		for _, id := range ids {
			// An ID is a string literal of the template: written out, unless
			// escapes, a raw string or invalid UTF-8 spell it differently.
			if !strings.Contains(src, id) && !strings.ContainsAny(src, "\\`") && utf8.ValidString(src) {
				t.Fatalf("ID %q is not in the template %q", id, src)
			}
		}
	})
}
