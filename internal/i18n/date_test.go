package i18n

import (
	"strings"
	"testing"
	"time"

	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/vi"
)

var june5 = time.Date(2013, 6, 5, 14, 7, 0, 0, time.UTC)

func TestDateStyles(t *testing.T) {
	b, _ := loadFiles(t, nil, nil, "en")
	tests := []struct {
		lang                               string
		short, medium, long, full, article string
	}{
		{"vi", "05/06/2013", "5 thg 6, 2013", "5 tháng 6, 2013", "Thứ Tư, 5 tháng 6, 2013", "Thứ Tư, 05/06/2013"},
		{"en", "6/5/13", "Jun 5, 2013", "June 5, 2013", "Wednesday, June 5, 2013", "Wednesday, June 5, 2013"},
		{"fr", "05/06/2013", "5 juin 2013", "5 juin 2013", "mercredi 5 juin 2013", "mercredi 5 juin 2013"},
		// CLDR's Arabic formats carry right-to-left marks; go-playground
		// writes Latin digits, as in every locale.
		{"ar", "5\u200f/6\u200f/2013", "05\u200f/06\u200f/2013", "5 يونيو 2013", "الأربعاء، 5 يونيو 2013", "الأربعاء، 5 يونيو 2013"},
		{"zh", "2013/6/5", "2013年6月5日", "2013年6月5日", "2013年6月5日星期三", "2013年6月5日星期三"},
		{"ja", "2013/06/05", "2013/06/05", "2013年6月5日", "2013年6月5日水曜日", "2013年6月5日水曜日"},
	}
	for _, tt := range tests {
		tr := b.Translator(tt.lang)
		for style, want := range map[string]string{"short": tt.short, "medium": tt.medium, "long": tt.long, "full": tt.full, "article": tt.article} {
			if got := tr.Date(june5, style); got != want {
				t.Errorf("%s Date(%s) = %q, want %q", tt.lang, style, got, want)
			}
		}
	}
	if p := b.Problems(); len(p) != 0 {
		t.Errorf("problems: %v", p)
	}
}

// TestDateArticleAllThemeLanguages pins the article date of every language
// the default theme ships.
func TestDateArticleAllThemeLanguages(t *testing.T) {
	b, _ := loadFiles(t, nil, nil, "en")
	want := map[string]string{
		"vi":    "Thứ Tư, 05/06/2013",
		"vi-VN": "Thứ Tư, 05/06/2013",
		"en":    "Wednesday, June 5, 2013",
		"en-GB": "Wednesday, 5 June 2013",
		"fr":    "mercredi 5 juin 2013",
		"es":    "miércoles, 5 de junio de 2013",
		"ru":    "среда, 5 июня 2013 г.",
		"zh":    "2013年6月5日星期三",
		"ar":    "الأربعاء، 5 يونيو 2013",
		"de":    "Mittwoch, 5. Juni 2013",
		"ja":    "2013年6月5日水曜日",
		"ko":    "2013년 6월 5일 수요일",
		"pt":    "quarta-feira, 5 de junho de 2013",
		"lo":    "ວັນພຸດ ທີ 5 ມິຖຸນາ ຄຣິດສັກກະລາດ 2013",
		"km":    "ពុធ 5 មិថុនា 2013",
	}
	for lang, w := range want {
		if got := b.Translator(lang).Date(june5, DateArticle); got != w {
			t.Errorf("%s article date = %q, want %q", lang, got, w)
		}
	}
}

// TestDateTimeZone: the date is the one in the time value's own zone.
func TestDateTimeZone(t *testing.T) {
	b, _ := loadFiles(t, nil, nil, "vi")
	vi := b.Translator("vi")
	instant := time.Date(2013, 6, 4, 20, 0, 0, 0, time.UTC)
	hanoi := time.FixedZone("ICT", 7*3600)
	if got, want := vi.Date(instant, DateArticle), "Thứ Ba, 04/06/2013"; got != want {
		t.Errorf("UTC: %q, want %q", got, want)
	}
	if got, want := vi.Date(instant.In(hanoi), DateArticle), "Thứ Tư, 05/06/2013"; got != want {
		t.Errorf("UTC+7: %q, want %q", got, want)
	}
}

func TestDateUnknownStyle(t *testing.T) {
	b, _ := loadFiles(t, nil, nil, "en")
	en := b.Translator("en")
	if got, want := en.Date(june5, "fancy"), "Wednesday, June 5, 2013"; got != want {
		t.Errorf("Date(fancy) = %q, want the full date %q", got, want)
	}
	p := b.Problems()
	if len(p) != 1 || p[0].Lang != "en" || !strings.Contains(p[0].Msg, `unknown date style "fancy"`) {
		t.Errorf("problems = %v", p)
	}
}

// TestLocaleFallback: regional and script variants use their own CLDR data
// where it is compiled in, else their parents', base language's, the
// default language's, then en's.
func TestLocaleFallback(t *testing.T) {
	b, _ := loadFiles(t, nil, nil, "vi")
	tests := []struct{ lang, want string }{
		{"vi", "vi"},
		{"vi-VN", "vi"},
		{"pt-BR", "pt"},
		{"pt-PT", "pt_PT"},
		{"zh-TW", "zh_Hant"},
		{"zh-Hant-TW", "zh_Hant"},
		{"zh-CN", "zh"},
		{"sr-Latn-RS", "sr_Latn"},
		{"en-AU", "en_AU"},
		{"en-IE", "en_001"},
		{"es-MX", "es_MX"},
		{"tlh", "vi"},      // no CLDR data: the default language's
		{"!bad!", "vi"},    // no language tag at all
		{"fr-CA", "fr_CA"}, // its own dates: 2013-06-05
	}
	for _, tt := range tests {
		if got := b.Translator(tt.lang).Locale(); got != tt.want {
			t.Errorf("%s Locale() = %q, want %q", tt.lang, got, tt.want)
		}
	}
	if got, want := b.Translator("fr-CA").Date(june5, DateShort), "2013-06-05"; got != want {
		t.Errorf("fr-CA short date = %q, want %q", got, want)
	}
	b2, _ := loadFiles(t, nil, nil, "tlh")
	if got := b2.Translator("tlh").Locale(); got != "en" {
		t.Errorf("default without CLDR data: Locale() = %q, want en", got)
	}
}

func TestFormatPattern(t *testing.T) {
	tests := []struct {
		pattern, want string
		vi            bool
	}{
		{"EEEE, dd/MM/y", "Thứ Tư, 05/06/2013", true},
		{"EEE d/M/yy", "Wed 5/6/13", false},
		{"EEEEE EEEEEE MMM MMMM MMMMM LLLL", "W We Jun June J June", false},
		{"yyyy-MM-dd", "2013-06-05", false},
		{"'Ngày' d 'tháng' M", "Ngày 5 tháng 6", true},
		{"d 'o''clock' ''", "5 o'clock '", false},
		{"h:mm 'unterminated", "h:mm unterminated", false}, // letters outside the subset are kept
	}
	for _, tt := range tests {
		l := en.New()
		if tt.vi {
			l = vi.New()
		}
		if got := formatPattern(l, tt.pattern, june5); got != tt.want {
			t.Errorf("formatPattern(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
	for lang, p := range articlePatterns {
		unquoted := ""
		for i, part := range strings.Split(p.pattern, "'") {
			if i%2 == 0 {
				unquoted += part
			}
		}
		for _, r := range unquoted {
			if (r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') && !strings.ContainsRune("yMLdEc", r) {
				t.Errorf("articlePatterns[%s] uses %q, which formatPattern does not format", lang, r)
			}
		}
	}
}
