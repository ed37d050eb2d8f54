package search

import (
	"maps"
	"slices"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// FuzzIndexAdd: the indexer's own loop over tokens (string keys for words,
// rune keys for CJK) records exactly the terms scanTerms yields, and tells
// valid UTF-8 as utf8.ValidString does.
func FuzzIndexAdd(f *testing.F) {
	for _, tc := range termCases {
		f.Add(tc.in, "")
	}
	f.Add("对外信息。中國 漢\u0301字 漢\U00016FF0字 𠀀𠀁", "Hội nghị đối ngoại \xff")
	c := cases.Lower(language.Und)
	f.Fuzz(func(t *testing.T, title, text string) {
		ix := newIndexer()
		for id, s := range []string{title, text} {
			if valid := ix.add(int32(id), s, id == 0); valid != utf8.ValidString(s) {
				t.Fatalf("add(%q) reports valid = %v", s, valid)
			}
		}
		want := map[string][]int32{}
		for id, s := range []string{title, text} {
			scanTerms(s, false, func(raw string) {
				e := exactForm(c, raw)
				if Fold(e) == "" {
					return
				}
				if l := want[e]; len(l) == 0 || l[len(l)-1] != int32(id) {
					want[e] = append(l, int32(id))
				}
			})
		}
		got := map[string][]int32{}
		for e, v := range ix.byExact {
			got[e] = v.docs
			if v.exact != e || v.fold != Fold(e) {
				t.Fatalf("variant %q: exact %q, fold %q", e, v.exact, v.fold)
			}
		}
		if !maps.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("add(%q, %q) indexed %v, scanTerms gives %v", title, text, got, want)
		}
	})
}
