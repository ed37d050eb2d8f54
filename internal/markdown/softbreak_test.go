package markdown

import "testing"

// TestSoftBreaks checks how soft line breaks are written: as a newline,
// also before emphasis, a link, code or a typographer's quote (goldmark's
// East Asian line-break option dropped those, gluing "a\n*b*" into "ab"),
// and not at all between two wide characters, also across inline markup.
func TestSoftBreaks(t *testing.T) {
	tests := []struct{ name, lang, src, want string }{
		{"plain", "vi", "a\nb", "<p>a\nb</p>"},
		{"before emphasis", "vi", "a\n*b*", "<p>a\n<em>b</em></p>"},
		{"before a link", "en", "see\n[docs](x)", "<p>see\n<a href=\"x\">docs</a></p>"},
		{"before code", "fr", "a\n`b`", "<p>a\n<code>b</code></p>"},
		{"before a quote", "vi", "a\n\"b\"", "<p>a\n“b”</p>"},
		{"wide", "zh", "越南\n中国", "<p>越南中国</p>"},
		{"wide in a spaced language", "vi", "越南\n中国", "<p>越南中国</p>"},
		{"wide punctuation", "zh", "合作。\n中国", "<p>合作。中国</p>"},
		{"wide into emphasis", "zh", "越南\n*中国*", "<p>越南<em>中国</em></p>"},
		{"wide into a link", "ja", "日本\n[東京](x)", "<p>日本<a href=\"x\">東京</a></p>"},
		{"wide then Latin", "zh", "中国\nASEAN", "<p>中国\nASEAN</p>"},
		{"wide then code", "zh", "中国\n`代码`", "<p>中国\n<code>代码</code></p>"},
		{"hard break", "zh", "中国\\\n越南", "<p>中国<br>\n越南</p>"},
	}
	for _, tt := range tests {
		if got := render(t, Options{Lang: tt.lang}, tt.src); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
