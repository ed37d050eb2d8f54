package markdown

import "testing"

func TestQuotationMarksPerLanguage(t *testing.T) {
	const src = `"a 'b' c"`
	tests := []struct{ lang, want string }{
		{"", "<p>“a ‘b’ c”</p>"},
		{"en", "<p>“a ‘b’ c”</p>"},
		{"vi", "<p>“a ‘b’ c”</p>"},
		{"ko", "<p>“a ‘b’ c”</p>"},
		{"pt-BR", "<p>“a ‘b’ c”</p>"},
		{"pt_BR", "<p>“a ‘b’ c”</p>"},
		{"zh", "<p>“a ‘b’ c”</p>"},
		{"zh-Hans-CN", "<p>“a ‘b’ c”</p>"},
		{"fr", "<p>«\u00a0a “b” c\u00a0»</p>"},
		{"fr-CA", "<p>«\u00a0a “b” c\u00a0»</p>"},
		{"de", "<p>„a ‚b‘ c“</p>"},
		{"de-AT", "<p>„a ‚b‘ c“</p>"},
		{"ru", "<p>«a „b“ c»</p>"},
		{"es", "<p>«a “b” c»</p>"},
		{"ar", "<p>«a “b” c»</p>"},
		{"ja", "<p>「a 『b』 c」</p>"},
		{"zh-Hant", "<p>「a 『b』 c」</p>"},
		{"zh-TW", "<p>「a 『b』 c」</p>"},
		{"zh-HK", "<p>「a 『b』 c」</p>"},
		{"xx-unknown", "<p>“a ‘b’ c”</p>"},
		{"not a tag!", "<p>“a ‘b’ c”</p>"},
	}
	for _, tt := range tests {
		if got := render(t, Options{Lang: tt.lang}, src); got != tt.want {
			t.Errorf("Lang %q: got %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestTypography(t *testing.T) {
	tests := []struct{ name, lang, src, want string }{
		{"dashes and ellipsis", "vi", "2011--2020 --- hết...", "<p>2011–2020 — hết…</p>"},
		{"angle quotes", "en", "<<a>>", "<p>«a»</p>"},
		{"apostrophe in a word", "fr", "l'État aujourd'hui", "<p>l’État aujourd’hui</p>"},
		{"english elision stays", "en", "'twas rock 'n' roll", "<p>’twas rock ’n’ roll</p>"},
		// goldmark alone would write ’nhỏ’ and ’tôi’ (English elision rules).
		{"vietnamese single quotes", "vi", "Ông nói 'nhỏ' và 'tôi'.", "<p>Ông nói ‘nhỏ’ và ‘tôi’.</p>"},
		{"single quote closes at line end", "vi", "nói 'lớn'", "<p>nói ‘lớn’</p>"},
		{"french single quotes", "fr", "le mot 'le' ici", "<p>le mot “le” ici</p>"},
		{"german possessive", "de", "Hans' Buch", "<p>Hans’ Buch</p>"},
		{"german quotes", "de", `Er sagte "ja".`, "<p>Er sagte „ja“.</p>"},
		{"chinese quotes between han", "zh", `推动"全面战略"伙伴`, "<p>推动“全面战略”伙伴</p>"},
		{"chinese single and apostrophe", "zh", `他说'好'，Alice's`, "<p>他说‘好’，Alice’s</p>"},
		{"japanese quotes", "ja", `彼は"はい"と言った`, "<p>彼は「はい」と言った</p>"},
		{"quotes reset per paragraph", "zh", "甲\"乙\n\n\"丙\"", "<p>甲“乙</p>\n<p>“丙”</p>"},
		{"code untouched", "fr", "`\"a\" -- b...`", "<p><code>&quot;a&quot; -- b...</code></p>"},
		{"chinese soft break", "zh", "越南\n中国", "<p>越南中国</p>"},
		{"latin soft break kept", "vi", "Việt\nNam", "<p>Việt\nNam</p>"},
	}
	for _, tt := range tests {
		if got := render(t, Options{Lang: tt.lang}, tt.src); got != tt.want {
			t.Errorf("%s (%s): got %q, want %q", tt.name, tt.lang, got, tt.want)
		}
	}
}
