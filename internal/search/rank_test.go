package search

import (
	"reflect"
	"testing"
)

// rankCases are checked against both Go references here and against
// search.js in js_test.go.
var rankCases = []struct {
	lang, q string
	want    []string // complete ranking
}{
	// Accents optional; the title match first; "hội" also in "Hội thảo".
	{"vi", "hoi nghi", []string{"news/hoi-nghi/", "news/script/"}},
	// Title first, then the exact-accent body ahead of the newer folded one,
	// then a document with one folded term ("trao đổi").
	{"vi", "đối ngoại", []string{"news/hoi-nghi/", "news/doi-ngoai-exact/", "news/doi-ngoai-folded/", "news/hop-tac-title/"}},
	// Without accents nothing is exact: newer first among equals.
	{"vi", "doi ngoai", []string{"news/hoi-nghi/", "news/doi-ngoai-folded/", "news/doi-ngoai-exact/", "news/hop-tac-title/"}},
	// A title match beats a newer body match; "tác" alone is in "công tác".
	{"vi", "hợp tác", []string{"news/hop-tac-title/", "news/hop-tac-body/", "news/hoi-nghi/", "news/doi-ngoai-exact/"}},
	{"vi", "xyzzy", nil},
	{"ar", "الاعلام", []string{"news/ilam/"}},
	{"ar", "مدرسه", []string{"news/madrasa/"}},
	{"ar", "اكد", []string{"news/madrasa/"}}, // أكّد with shadda
	{"zh", "对外", []string{"news/title-duiwai/", "news/duiwai/"}},
	// One bigram in the title beats all three in the body: titles first.
	{"zh", "对外信息", []string{"news/title-duiwai/", "news/duiwai/"}},
	{"zh", "对", []string{"news/title-duiwai/", "news/duiwai/"}},
	{"zh", "经济 合作", []string{"news/jingji/"}},
}

func TestRank(t *testing.T) {
	all := fixtureDocs()
	built := map[string]map[string][]byte{}
	for lang, docs := range all {
		built[lang] = mustBuild(t, lang, docs)
	}
	for _, tc := range rankCases {
		if got := rankDocs(all[tc.lang], tc.q); !reflect.DeepEqual(got, tc.want) && len(got)+len(tc.want) > 0 {
			t.Errorf("%s %q: brute force ranks %q, want %q", tc.lang, tc.q, got, tc.want)
		}
		ids, _ := indexQuery(t, built[tc.lang], tc.q, 10)
		if got := urlsOf(t, built[tc.lang], ids); !reflect.DeepEqual(got, tc.want) && len(got)+len(tc.want) > 0 {
			t.Errorf("%s %q: index ranks %q, want %q", tc.lang, tc.q, got, tc.want)
		}
	}
}

// TestRankDateOrder: among equal scores, newest first, across 24 documents.
func TestRankDateOrder(t *testing.T) {
	docs := fixtureDocs()["vi"]
	got := rankDocs(docs, "bản tin")
	// 24 titles with both terms; then 3 with "tin" in the title.
	if len(got) != 27 || got[0] != "news/hop-tac-body/" || got[1] != "news/ban-tin-23/" || got[23] != "news/ban-tin-01/" {
		t.Errorf("ranking of \"bản tin\": %q", got)
	}
	files := mustBuild(t, "vi", docs)
	ids, _ := indexQuery(t, files, "bản tin", 10)
	if idx := urlsOf(t, files, ids); !reflect.DeepEqual(idx, got) {
		t.Errorf("index ranking %q differs from brute force %q", idx, got)
	}
}
