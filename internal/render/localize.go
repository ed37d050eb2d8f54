package render

import (
	"time"

	"github.com/attache-ssg/attache/internal/i18n"
)

// localize fills the fields of a view that depend on where the page is and
// which language it speaks: every nested link's Href relative to the page,
// and dates as text. Templates could compute them with {{ $.Rel .URL }}
// and date, but a function call from a template goes through reflection
// and allocates; doing it once here, in Go, is the cheapest place on a
// build of tens of thousands of pages.
func (r *renderer) localize(v *PageView) *PageView {
	tr := r.in.Bundle.Translator(v.Lang.Code)
	v.Lang.Href = v.Rel(v.Lang.URL)
	for i := range v.Nav {
		v.Nav[i].Href = v.Rel(v.Nav[i].URL)
	}
	for _, alts := range [][]AltView{v.Translations, v.Alternates} {
		for i := range alts {
			alts[i].Href = v.Rel(alts[i].URL)
		}
	}
	if v.Original != nil {
		v.Original.Href = v.Rel(v.Original.URL)
	}
	for _, terms := range [][]TermView{v.Tags, v.Categories, v.Terms} {
		for i := range terms {
			terms[i].Href = v.Rel(terms[i].URL)
		}
	}
	for _, items := range [][]ItemView{v.Items, v.Related} {
		for i := range items {
			r.finishItem(v, tr, &items[i])
		}
	}
	for _, it := range []*ItemView{v.Prev, v.Next} {
		if it != nil {
			r.finishItem(v, tr, it)
		}
	}
	if v.Pager != nil {
		for i := range v.Pager.Pages {
			v.Pager.Pages[i].Href = v.Rel(v.Pager.Pages[i].URL)
		}
	}
	return v
}

func (r *renderer) finishItem(v *PageView, tr *i18n.Translator, it *ItemView) {
	it.Href = v.Rel(it.URL)
	if !it.Date.IsZero() {
		it.DateText = tr.Date(it.Date, "medium")
		it.ISO = it.Date.Format(time.RFC3339)
	}
}
