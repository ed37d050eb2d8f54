package config

import (
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/diag"
)

func TestMarkup(t *testing.T) {
	tests := []struct {
		src            string
		unsafe, trust  bool
		warning, error string
	}{
		{src: "", unsafe: false, trust: false},
		{src: "markup: {unsafeHTML: true}\n", unsafe: true},
		{src: "markup: {unsafeHTML: true, trustAuthors: true}\n", unsafe: true, trust: true},
		{src: "markup: {trustAuthors: true}\n", trust: true},
		{src: "markup:\n  unsafeHtml: true\n", warning: "site.yaml:3:3: warning: unknown key \"unsafeHtml\" in markup"},
		{src: "markup: {unsafeHTML: maybe}\n", error: "site.yaml:2:9: markup:"},
	}
	for _, tt := range tests {
		var d diag.List
		c, ok := Parse("site.yaml", []byte("languages: {vi: {}}\n"+tt.src), &d)
		var all []string
		for _, x := range d.Sorted() {
			all = append(all, x.String())
		}
		got := strings.Join(all, "\n")
		if tt.error != "" {
			if ok || !strings.Contains(got, tt.error) {
				t.Errorf("%q: ok=%v diags %q, want error %q", tt.src, ok, got, tt.error)
			}
			continue
		}
		if !ok {
			t.Fatalf("%q: %s", tt.src, got)
		}
		if c.UnsafeHTML != tt.unsafe || c.TrustAuthors != tt.trust {
			t.Errorf("%q: unsafe=%v trust=%v, want %v %v", tt.src, c.UnsafeHTML, c.TrustAuthors, tt.unsafe, tt.trust)
		}
		if tt.warning != "" && !strings.Contains(got, tt.warning) || tt.warning == "" && got != "" {
			t.Errorf("%q: diagnostics %q, want %q", tt.src, got, tt.warning)
		}
	}
}
