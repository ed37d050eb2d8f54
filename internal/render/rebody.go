package render

import (
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/site"
)

// Renderer is a finished full rendering kept alive to render parts of the
// same site again: the dev server's answer to "one article was saved".
// It is not safe for concurrent use; one caller drives it between builds.
type Renderer struct {
	r *renderer
}

// RenderKeep is Render that also returns the Renderer, for Rebody. Set
// Input.KeepDocs: a later Rebody renders unchanged pages again.
func RenderKeep(in Input, diags *diag.List) ([]Output, *Renderer) {
	outs, r := render(in, diags)
	return outs, &Renderer{r: r}
}

// Rebody renders again every output that shows something of the changed
// pages, after the caller replaced their bodies in the model (site.Rebody):
// the pages themselves, the translations whose outdated notice compares
// with them, the articles that list them as related or neighbours, the
// list and term pages and feeds they appear on (only the pager pages that
// hold them). Outputs that do not depend on the bodies (sitemaps, other
// pager pages, taxonomy indexes, the root pages) are not rendered.
//
// The search index of each changed article's language changed too; it is
// not made here but returned as a job the caller runs when the index is
// asked for.
func (x *Renderer) Rebody(changed []*site.Page, diags *diag.List) (outs []Output, search []*SearchJob) {
	r := x.r
	r.diags = diags
	set := pageSet(changed)
	for _, p := range changed {
		r.absHTML.Delete(p)
	}
	articles := map[*site.Page]bool{}
	langs := map[string]bool{}
	for _, p := range changed {
		if p.Kind != site.Article {
			continue
		}
		langs[p.Lang] = true
		articles[p] = true
		for _, t := range p.Translations {
			articles[t] = true // their outdated notice compares hashes
		}
	}
	size := r.in.Site.Config.Paginate
	for _, l := range r.in.Site.Langs {
		sv := r.siteView(l)
		for _, q := range l.Articles {
			// Neighbours and related articles are of one language.
			if articles[q] || langs[l.Config.Code] && (set.has(q.Prev) || set.has(q.Next) || set.any(q.Related)) {
				outs = append(outs, r.article(sv, l, q)...)
			}
		}
		// Lists of every language: one may show an untranslated article
		// of another.
		for _, n := range append([]*site.SectionNode{l.Home}, l.Sections...) {
			if set.has(n.Page) {
				outs = append(outs, r.list(sv, l, n)...)
				continue
			}
			if want := set.pagesHolding(n.Pages, size); want != nil {
				outs = append(outs, r.listPages(sv, l, n, want)...)
				outs = append(outs, nonEmpty(r.listFeed(sv, l, n))...)
			}
		}
		for _, tax := range [][]*site.Term{l.Tags, l.Categories} {
			for _, t := range tax {
				if want := set.pagesHolding(t.Pages, size); want != nil {
					outs = append(outs, r.termPages(sv, l, t, want)...)
					outs = append(outs, nonEmpty(r.termFeed(sv, l, t))...)
				}
			}
		}
		if langs[l.Config.Code] {
			job := r.searchJob(l)
			job.page = r.searchHTML(sv, l)
			search = append(search, job)
		}
	}
	return r.finish(outs), search
}

// pageSet is the few pages a save changed. A slice searched from the
// front beats a map: it is asked about every page of a big site, and
// holds one or two.
type pageSet []*site.Page

func (s pageSet) has(p *site.Page) bool {
	if p == nil {
		return false
	}
	for _, q := range s {
		if q == p {
			return true
		}
	}
	return false
}

func (s pageSet) any(pages []*site.Page) bool {
	for _, p := range pages {
		if s.has(p) {
			return true
		}
	}
	return false
}

// pagesHolding returns which pager pages of a list show a page of s, or
// nil when none does.
func (s pageSet) pagesHolding(pages []*site.Page, size int) func(k int) bool {
	var ks map[int]bool
	for i, p := range pages {
		if s.has(p) {
			if ks == nil {
				ks = map[int]bool{}
			}
			ks[i/size+1] = true
		}
	}
	if ks == nil {
		return nil
	}
	return func(k int) bool { return ks[k] }
}
