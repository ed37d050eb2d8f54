package slug

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMake(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		// Vietnamese titles from the seed articles.
		{"vi seed title", "Đoàn trường thực hiện Hội nghị thông tin các hoạt động đối ngoại của Việt Nam đầu năm 2021",
			"doan-truong-thuc-hien-hoi-nghi-thong-tin-cac-hoat-dong-doi-ngoai-cua-viet-nam-dau-nam-2021"},
		{"vi spec example", "Hội nghị thông tin đối ngoại", "hoi-nghi-thong-tin-doi-ngoai"},
		{"vi capital D stroke", "ĐOÀN TRƯỜNG", "doan-truong"},
		{"vi file name", "Đoàn trường thực hiện", "doan-truong-thuc-hien"},
		{"vi NFD input", "Ho\u0302\u0323i nghi\u0323", "hoi-nghi"},
		{"vi directive number", "Quyết định số 368/QĐ-TTg ngày 28/02/2013", "quyet-dinh-so-368-qd-ttg-ngay-28-02-2013"},
		{"vi horn letters", "Ưu tiên hợp tác", "uu-tien-hop-tac"},

		// French and other Latin.
		{"fr apostrophe", "L'information à l'étranger", "l-information-a-l-etranger"},
		{"fr typographic apostrophe", "l’économie française", "l-economie-francaise"},
		{"fr ligature oe", "Œuvre d’art", "oeuvre-d-art"},
		{"de eszett", "Straße Größe", "strasse-grosse"},
		{"de capital eszett", "GROẞE", "grosse"},
		{"da slash o", "Ørsted Ærø", "orsted-aero"},
		{"pl stroke l", "Łódź", "lodz"},
		{"is thorn eth", "Þórður", "thordur"},
		{"tr dotless i", "Kırıkkale İzmir", "kirikkale-izmir"},
		{"ligature fi", "ﬁnance", "finance"},
		{"fullwidth", "ＡＳＥＡＮ ２０２５", "asean-2025"},
		{"superscript", "m² km³", "m2-km3"},
		{"en possessive", "Vietnam's Journalists' Association", "vietnam-s-journalists-association"},

		// Cyrillic and Greek.
		{"ru Moscow", "Москва", "moskva"},
		{"ru sentence", "Министерство иностранных дел России", "ministerstvo-inostrannykh-del-rossii"},
		{"ru yo and short i", "Ёлка йод", "elka-yod"},
		{"ru hard soft sign", "Объявление, мальчик", "obyavlenie-malchik"},
		{"ru lone soft sign", "2021 Ь", "2021"},
		{"ru shch", "Щукин", "shchukin"},
		{"uk letters", "Європа, Україна, Ґанок", "yevropa-ukrayina-ganok"},
		{"sr letters", "Ђорђе Љубљана", "djordje-ljubljana"},
		{"el Athens", "Αθήνα", "athina"},
		{"el ou digraph", "Κουβέιτ", "kouveit"},
		{"el eu digraph and dialytika", "Ευρωπαϊκή", "evropaiki"},
		{"el dialytika on upsilon", "Ταΰγετος", "taygetos"},
		{"el av digraph", "Αυγή", "avgi"},

		// Scripts kept as written.
		{"ar", "الإعلام الخارجي", "الإعلام-الخارجي"},
		{"ar harakat dropped", "الإِعْلَامُ", "الإعلام"},
		{"ar tatweel dropped", "الإعـــلام", "الإعلام"},
		{"ar NFD hamza composed", "ال\u0627\u0655علام", "الإعلام"},
		{"ar presentation forms", "ﻻ", "لا"},
		{"ar rlm dropped", "\u200fالإعلام\u200f", "الإعلام"},
		{"zh", "对外 信息", "对外-信息"},
		{"zh punctuation", "对外信息，新闻。", "对外信息-新闻"},
		{"ja kana and prolonged mark", "ニュース・ヘッドライン", "ニュース-ヘッドライン"},
		{"ja halfwidth katakana", "ﾆｭｰｽ", "ニュース"},
		{"ja NFD dakuten", "か\u3099", "が"},
		{"ko", "외교부 소식", "외교부-소식"},
		{"th marks kept", "ข่าวต่างประเทศ", "ข่าวต่างประเทศ"},
		{"lo", "ຂ່າວ ລາວ", "ຂ່າວ-ລາວ"},
		{"km", "ព័ត៌មាន", "ព័ត៌មាន"},
		{"hi", "विदेश मंत्रालय", "विदेश-मंत्रालय"},
		{"hy lower-cased", "Հայաստան", "հայաստան"},
		{"fa zwnj vanishes", "می\u200cخواهم", "میخواهم"},

		// Mixed.
		{"mixed vi en zh", "ASEAN – Việt Nam – 东盟", "asean-viet-nam-东盟"},
		{"mixed marks after latin dropped", "q\u0303", "q"},

		// Separators and hostile input.
		{"empty", "", ""},
		{"only punctuation", " -- !!! / ", ""},
		{"path traversal", "../../etc/passwd", "etc-passwd"},
		{"backslashes", `..\..\windows\system32`, "windows-system32"},
		{"dot file", ".htaccess", "htaccess"},
		{"NUL", "a\x00b", "a-b"},
		{"control chars", "a\tb\nc\r\x7fd", "a-b-c-d"},
		{"invalid utf8", "a\xffb\xc3", "a-b"},
		{"invalid utf8 before compat form", "\xf2ٷ", "ۇٴ"},
		{"dashes collapse", "--a---b--", "a-b"},
		{"underscores", "snake_case_name", "snake-case-name"},
		{"emoji", "Tin 🎉 mới", "tin-moi"},
		{"only emoji", "🎉🎉", ""},
		{"only harakat", "\u064e\u064f", ""},
		{"only tatweel", "ـــ", ""},

		// Windows device names.
		{"CON", "CON", "con-1"},
		{"con.txt", "con.txt", "con-txt"},
		{"nul", "nul", "nul-1"},
		{"aux", "Aux", "aux-1"},
		{"com1", "COM1", "com1-1"},
		{"lpt9", "lpt9", "lpt9-1"},
		{"com10 is fine", "com10", "com10"},
		{"con inside", "con-1", "con-1"},

		// Already clean.
		{"clean", "hoi-nghi-2021", "hoi-nghi-2021"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Make(c.in)
			if got != c.want {
				t.Errorf("Make(%q) = %q, want %q", c.in, got, c.want)
			}
			if again := Make(got); again != got {
				t.Errorf("Make not idempotent: Make(%q) = %q", got, again)
			}
		})
	}
}

func TestMakeLength(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		// MaxLen is 200: 20 words of 10 bytes would make 199 bytes, the
		// cut falls after the 20th word.
		{"cut at dash", strings.Repeat("abcdefghi ", 30), strings.TrimSuffix(strings.Repeat("abcdefghi-", 20), "-")},
		{"one long word", strings.Repeat("a", 250), strings.Repeat("a", 200)},
		{"dash only in first half", "ab " + strings.Repeat("c", 250), "ab-" + strings.Repeat("c", 197)},
		// 3-byte runes: 200 is not a rune boundary; 66 runes = 198 bytes.
		{"cjk not split", strings.Repeat("信", 100), strings.Repeat("信", 66)},
		// ก่ is 6 bytes (base + mark); cutting must not leave ก without its mark.
		{"thai cluster kept whole", strings.Repeat("ก่", 40), strings.Repeat("ก่", 33)},
		{"cut leaves device name", "con " + strings.Repeat("x", 250), "con-" + strings.Repeat("x", 196)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Make(c.in)
			if got != c.want {
				t.Errorf("Make(%q)\n got %q (%d bytes)\nwant %q (%d bytes)", c.in, got, len(got), c.want, len(c.want))
			}
			if len(got) > MaxLen || !utf8.ValidString(got) {
				t.Errorf("bad result %q", got)
			}
		})
	}
}

func TestMakeLongTitleStopsEarlyWithSameResult(t *testing.T) {
	// Make stops reading a huge input once the result is decided; the
	// result must equal the one for the title's first words alone.
	word := "Hội nghị thông tin đối ngoại "
	long := strings.Repeat(word, 10000)
	short := strings.Repeat(word, 14)
	if a, b := Make(long), Make(short); a != b {
		t.Fatalf("long title gives %q, its first words %q", a, b)
	}
}

func TestIsValid(t *testing.T) {
	cases := []struct {
		in   string
		want bool
	}{
		{"hoi-nghi", true},
		{"a", true},
		{"2021", true},
		{"الإعلام-الخارجي", true},
		{"对外-信息", true},
		{"con-1", true},
		{"", false},
		{"Hoi-Nghi", false},
		{"hoi--nghi", false},
		{"-hoi", false},
		{"hoi-", false},
		{"hội-nghị", false},
		{"a/b", false},
		{"..", false},
		{"con", false},
		{"COM3", false},
		{"a.md", false},
		{strings.Repeat("a", MaxLen+1), false},
		{strings.Repeat("a", MaxLen), true},
		{"الإِعْلَامُ", false},
	}
	for _, c := range cases {
		if got := IsValid(c.in); got != c.want {
			t.Errorf("IsValid(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestMakeCleanASCIIDoesNotAllocate(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { _ = Make("hoi-nghi-thong-tin-doi-ngoai") })
	if allocs != 0 {
		t.Errorf("Make on a clean slug allocates %.0f times, want 0", allocs)
	}
}
