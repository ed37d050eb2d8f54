package search

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// termCases: raw terms for indexing and for a query; shared with the JS test
// through the query column.
var termCases = []struct {
	name, in     string
	index, query []string
}{
	{"vi words", "Hội nghị, 2025–2030!", []string{"Hội", "nghị", "2025", "2030"}, nil},
	{"fr apostrophe", "L’Hôpital d'aujourd'hui", []string{"L", "Hôpital", "d", "aujourd", "hui"}, nil},
	{"ar comma", "الإعلام، والاتصال", []string{"الإعلام", "والاتصال"}, nil},
	{"zh run", "对外信息", []string{"对", "对外", "外", "外信", "信", "信息", "息"}, []string{"对外", "外信", "信息"}},
	{"zh one", "对", []string{"对"}, []string{"对"}},
	{"zh punct", "对外。信息", []string{"对", "对外", "外", "信", "信息", "息"}, []string{"对外", "信息"}},
	{"mixed", "GDP增长5%", []string{"GDP", "增", "增长", "长", "5"}, []string{"GDP", "增长", "5"}},
	{"ja kana", "ガイドブック", []string{"ガ", "ガイ", "イ", "イド", "ド", "ドブ", "ブ", "ブッ", "ッ", "ック", "ク"}, []string{"ガイ", "イド", "ドブ", "ブッ", "ック"}},
	{"ja decomposed", "カ\u3099イ", []string{"カ\u3099", "カ\u3099イ", "イ"}, []string{"カ\u3099イ"}},
	{"ja long mark", "データ", []string{"デ", "デー", "ー", "ータ", "タ"}, []string{"デー", "ータ"}},
	{"leading mark", " \u0301abc", []string{"\u0301abc"}, nil},
	{"mark then han", "\u0301漢字", []string{"\u0301", "漢", "漢字", "字"}, []string{"\u0301", "漢字"}},
	{"invalid utf8", "ab\xffcd", []string{"ab", "cd"}, nil},
	{"only punctuation", "… — !?", nil, nil},
	{"long word", strings.Repeat("a", maxTermRunes+1) + " ok", []string{"ok"}, []string{strings.Repeat("a", maxTermRunes+1), "ok"}},
}

func TestScanTerms(t *testing.T) {
	for _, tc := range termCases {
		for _, query := range []bool{false, true} {
			want := tc.index
			if query && tc.query != nil {
				want = tc.query
			}
			var got []string
			scanTerms(tc.in, query, func(raw string) { got = append(got, raw) })
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (query=%v): scanTerms(%q) = %q, want %q", tc.name, query, tc.in, got, want)
			}
		}
	}
}

func TestQueryTerms(t *testing.T) {
	got := queryTerms("Hội hội HỎI hoi 对外信息")
	want := []qterm{{"hội", "hoi"}, {"对外", "对外"}, {"外信", "外信"}, {"信息", "信息"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("queryTerms = %v, want %v", got, want)
	}
	long := strings.Repeat("a b c d e f g h i j k l m n o p q r s t u v w x y z ", 2) + "α β γ δ ε ζ η θ"
	if n := len(queryTerms(long)); n != maxQueryTerms {
		t.Errorf("queryTerms kept %d terms, want the cap %d", n, maxQueryTerms)
	}
}

func FuzzScanTerms(f *testing.F) {
	for _, tc := range termCases {
		f.Add(tc.in)
	}
	f.Add("漢\U00016FF0字\U00016FF1 \U00016FF0字 ｶﾞｲﾄﾞ 𠀀𠀁 ab\u0301\u0302c")
	f.Fuzz(func(t *testing.T, s string) {
		for _, query := range []bool{false, true} {
			var got, want []string
			scanTermsRef(s, query, func(raw string) { want = append(want, raw) })
			scanTerms(s, query, func(raw string) {
				got = append(got, raw)
				if raw == "" {
					t.Fatalf("empty term from %q", s)
				}
				if !strings.Contains(s, raw) {
					t.Fatalf("term %q is not a substring of %q", raw, s)
				}
				if !query && !isCJK(firstRune(raw)) && utf8.RuneCountInString(raw) > maxTermRunes {
					t.Fatalf("indexed over-long term %q", raw)
				}
			})
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("scanTerms(%q, %v) = %q, the reference gives %q", s, query, got, want)
			}
		}
		tok := newTokenizer(s)
		for _, _, ok := tok.next(); ok; _, _, ok = tok.next() {
		}
		if tok.invalid == utf8.ValidString(s) {
			t.Fatalf("tokenizer: invalid = %v for %q", tok.invalid, s)
		}
	})
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// TestDecodeRune: the inline decoder agrees with unicode/utf8 on every
// sequence of up to three bytes that starts with a non-ASCII byte, followed
// by more text or not.
func TestDecodeRune(t *testing.T) {
	for b0 := 0x80; b0 < 0x100; b0++ {
		for b1 := 0; b1 < 0x100; b1++ {
			for b2 := 0; b2 < 0x100; b2++ {
				for _, s := range []string{string([]byte{byte(b0), byte(b1), byte(b2)}), string([]byte{byte(b0), byte(b1), byte(b2), 'x'})} {
					r, n := decodeRune(s, 0)
					wr, wn := utf8.DecodeRuneInString(s)
					if r != wr || n != wn {
						t.Fatalf("decodeRune(% x) = %U, %d; want %U, %d", s, r, n, wr, wn)
					}
				}
			}
			s := string([]byte{byte(b0), byte(b1)})
			r, n := decodeRune(s, 0)
			if wr, wn := utf8.DecodeRuneInString(s); r != wr || n != wn {
				t.Fatalf("decodeRune(% x) = %U, %d; want %U, %d", s, r, n, wr, wn)
			}
		}
	}
}
