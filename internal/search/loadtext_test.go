package search

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// TestLoadTextGivesTheSameIndex builds each fixture language with texts
// given and with texts loaded, which must give the same files, and checks
// that a text failing to load fails the build with its error.
func TestLoadTextGivesTheSameIndex(t *testing.T) {
	for lang, docs := range fixtureDocs() {
		want := mustBuild(t, lang, docs)
		lazy := slices.Clone(docs)
		var loads atomic.Int32
		for i := range lazy {
			text := lazy[i].Text
			lazy[i].Text = ""
			lazy[i].LoadText = func() (string, error) { loads.Add(1); return text, nil }
		}
		if got := mustBuild(t, lang, lazy); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: loaded texts give another index", lang)
		}
		if int(loads.Load()) != len(docs) {
			t.Errorf("%s: %d texts loaded for %d documents", lang, loads.Load(), len(docs))
		}
		for i := range lazy {
			if lazy[i].Text != "" {
				t.Fatalf("%s: Build kept a loaded text in docs", lang)
			}
		}
		bad := errors.New("no text for you")
		lazy[len(lazy)/2].LoadText = func() (string, error) { return "", bad }
		if _, err := Build(lang, lazy); !errors.Is(err, bad) || !strings.Contains(err.Error(), lang) {
			t.Errorf("%s: a failed load gave %v", lang, err)
		}
	}
}
