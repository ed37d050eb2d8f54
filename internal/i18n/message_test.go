package i18n

import (
	"testing"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// TestRenderPartsMatchesTextTemplate: the fast path for simple templates
// gives exactly what text/template gives, and fails where it fails.
func TestRenderPartsMatchesTextTemplate(t *testing.T) {
	templates := []struct {
		src    string
		simple bool
	}{
		{"{{ .Count }} minutes read", true},
		{"By {{ .Author }} ({{.Count}})", true},
		{"{{- .Count -}} x {{ .Count }}", true},
		{"{{/* note */}}{{ .Count }}", true},
		{"{{ if eq .Count 1 }}one{{ else }}{{ .Count }}{{ end }}", false},
		{"{{ .Author | printf \"%q\" }}", false},
		{"{{ .Author.Name }}", false},
		{"{{ $x := .Count }}{{ $x }}", false},
	}
	inputs := [][]any{
		{1},
		{int64(123456789)},
		{uint8(7)},
		{2.5},
		{"Author", "Lan", "Count", 3},
		{"Author", "Lan", "Count", 3, "Author", "Mai"},
		{"Author", true, "Count", float32(1.5)},
		{map[string]any{"Author": "Lan", "Count": -4}},
		{map[string]any{"Author": nil, "Count": 1}},
		{map[string]any{"Author": time.Date(2013, 6, 5, 0, 0, 0, 0, time.UTC), "Count": 1}},
		{map[string]any{"Author": &struct{ Name string }{"Lan"}, "Count": 1}},
		{map[string]string{"Author": "Lan", "Count": "2"}},
		{"Count", 5},
		{},
	}
	for _, tt := range templates {
		m, err := newMessage(&goi18n.Message{ID: "x", Other: tt.src})
		if err != nil {
			t.Fatalf("%q: %v", tt.src, err)
		}
		f := m.forms[catOther]
		if got := f.parts != nil; got != tt.simple {
			t.Errorf("%q: simple = %v, want %v", tt.src, got, tt.simple)
		}
		for _, in := range inputs {
			a, err := parseArgs(in)
			if err != nil {
				t.Fatalf("parseArgs(%v): %v", in, err)
			}
			want, wantErr := f.execute(a.templateData())
			got, gotErr := f.render(&a)
			if got != want || (gotErr == nil) != (wantErr == nil) {
				t.Errorf("%q with %v: render = %q, %v; text/template = %q, %v", tt.src, in, got, gotErr, want, wantErr)
			}
		}
	}
}

func TestNewMessageDelimiters(t *testing.T) {
	m, err := newMessage(&goi18n.Message{ID: "x", Other: "<<.Count>> {{ literal }}", LeftDelim: "<<", RightDelim: ">>"})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := parseArgs([]any{3})
	if got, err := m.forms[catOther].render(&a); got != "3 {{ literal }}" || err != nil {
		t.Errorf("render = %q, %v", got, err)
	}
	if m, err := newMessage(&goi18n.Message{ID: "x", Description: "only a description"}); m != nil || err != nil {
		t.Errorf("message without text = %v, %v; want nil, nil", m, err)
	}
}
