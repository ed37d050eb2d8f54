package status

import (
	"os"
	"testing"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/diag"
)

// TestSamplePublication runs status on the bundled sample, which is kept
// showing an outdated translation (en), an up-to-date one (fr) and
// missing ones, and whose layouts use only strings every language has.
func TestSamplePublication(t *testing.T) {
	var d diag.List
	r, err := Run(os.DirFS("../.."), attache.Theme(), Options{}, &d)
	if err != nil {
		t.Fatal(err)
	}
	if d.HasErrors() {
		t.Fatalf("errors: %v", d.Errors())
	}
	_, en, _ := entry(t, r, "content/vi/news/phan-bac-thong-tin-sai-lech.md", "en")
	_, fr, _ := entry(t, r, "content/vi/news/phan-bac-thong-tin-sai-lech.md", "fr")
	if en.State != Outdated || fr.State != UpToDate {
		t.Errorf("phan-bac-thong-tin-sai-lech: en %s, fr %s; want outdated, up to date", en.State, fr.State)
	}
	if !r.Has(Missing) {
		t.Error("the sample has no missing translation")
	}
	if len(r.UIStrings) != 5 {
		t.Fatalf("UI strings for %d languages, want the site's 5", len(r.UIStrings))
	}
	for _, u := range r.UIStrings {
		if len(u.Missing) > 0 {
			t.Errorf("%s lacks UI strings the theme uses: %v", u.Lang, u.Missing)
		}
	}
	// --lang narrows the UI strings too.
	r, err = Run(os.DirFS("../.."), attache.Theme(), Options{Langs: []string{"fr"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.UIStrings) != 1 || r.UIStrings[0].Lang != "fr" || len(r.Languages) != 1 {
		t.Errorf("with --lang fr: %d languages, UI strings %+v", len(r.Languages), r.UIStrings)
	}
}
