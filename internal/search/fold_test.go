package search

import (
	"testing"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// foldCases is shared with the JS test (js_test.go writes it out), so both
// implementations are held to the same table.
var foldCases = []struct{ lang, in, want string }{
	// Vietnamese: tones and vowel marks go, đ becomes d, case goes.
	{"vi", "Hội nghị", "hoi nghi"},
	{"vi", "ĐỐI NGOẠI", "doi ngoai"},
	{"vi", "đổi ngoài", "doi ngoai"},
	{"vi", "Thủ tướng Chính phủ", "thu tuong chinh phu"},
	{"vi", "Ủy ban", "uy ban"},
	{"vi", "Hô\u0323i", "hoi"}, // decomposed input
	{"vi", "2025–2030", "2025–2030"},
	// Arabic: alef forms, hamza carriers, ta marbuta, alef maqsura, tatweel, harakat.
	{"ar", "الإعلام", "الاعلام"},
	{"ar", "أحمد", "احمد"},
	{"ar", "آمن", "امن"},
	{"ar", "ٱلله", "الله"},
	{"ar", "مؤتمر", "موتمر"},
	{"ar", "رئيس", "رييس"},
	{"ar", "مدرسة", "مدرسه"},
	{"ar", "مستشفى", "مستشفي"},
	{"ar", "العـــربية", "العربيه"},
	{"ar", "مُحَمَّدٌ", "محمد"},
	// Chinese and Japanese: Han is untouched; kana lose voicing marks.
	{"zh", "对外信息", "对外信息"},
	{"zh", "中國外交部", "中國外交部"},
	{"zh", "ＡＢＣ对外", "ａｂｃ对外"}, // no compatibility folding
	{"ja", "ガイドブック", "カイトフック"},
	// French and other Latin scripts.
	{"fr", "Élysée", "elysee"},
	{"fr", "Garçon, où êtes-vous ?", "garcon, ou etes-vous ?"},
	{"fr", "Œuvre", "oeuvre"},
	{"fr", "L’Hôpital", "l’hopital"},
	{"de", "Straße", "strasse"},
	{"pl", "Łódź", "lodz"},
	{"da", "København", "kobenhavn"},
	{"tr", "İSTANBUL ıssız", "istanbul issiz"},
	{"el", "ΟΔΟΣ Αθηνών", "οδοσ αθηνων"},
	{"ru", "Ёлка", "елка"},
	{"ko", "외교부", "외교부"}, // Hangul recomposed after NFD
	{"", "", ""},
}

func TestFold(t *testing.T) {
	for _, tc := range foldCases {
		got := Fold(tc.in)
		if got != tc.want {
			t.Errorf("%s: Fold(%q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
		if again := Fold(got); again != got {
			t.Errorf("%s: Fold not idempotent on %q: %q", tc.lang, got, again)
		}
	}
}

var exactCases = []struct{ in, want string }{
	{"Hội", "hội"},
	{"Hô\u0323i", "hội"},
	{"ĐỐI", "đối"},
	{"ΟΔΟΣ", "οδοσ"},
	{"İstanbul", "i̇stanbul"},
	{"الإعلام", "الإعلام"},
	{"ＡＢＣ", "ａｂｃ"},
}

func TestExactForm(t *testing.T) {
	c := cases.Lower(language.Und)
	for _, tc := range exactCases {
		if got := exactForm(c, tc.in); got != tc.want {
			t.Errorf("exactForm(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestASCIIShortcuts: every ASCII byte, in every case, takes the shortcut to
// the same result as golang.org/x/text.
func TestASCIIShortcuts(t *testing.T) {
	c := cases.Lower(language.Und)
	var all []byte
	for b := 0; b < 0x80; b++ {
		all = append(all, byte(b))
	}
	for _, s := range []string{string(all), "HOI", "hoi", "Hoi2025", "", "İ"} {
		if got, want := exactForm(c, s), exactFormUnicode(c, s); got != want {
			t.Errorf("exactForm(%q) = %q, want %q", s, got, want)
		}
		if got, want := foldLower(s), foldLowerUnicode(s); got != want {
			t.Errorf("foldLower(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, tc := range foldCases {
		f.Add(tc.in)
	}
	f.Add("\xff\xfe invalid")
	f.Add("ASCII Only 123")
	c := cases.Lower(language.Und)
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if again := Fold(got); again != got {
			t.Errorf("Fold(%q) = %q, Fold again = %q", s, got, again)
		}
		// The ASCII shortcuts change nothing.
		if e, want := exactForm(c, s), exactFormUnicode(c, s); e != want {
			t.Errorf("exactForm(%q) = %q, without the shortcut %q", s, e, want)
		}
		if lower := c.String(s); foldLower(lower) != foldLowerUnicode(lower) {
			t.Errorf("foldLower(%q) = %q, without the shortcut %q", lower, foldLower(lower), foldLowerUnicode(lower))
		}
	})
}
