package render

import (
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/attache-ssg/attache/internal/site"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// pages renders every HTML page of the site in parallel.
func (r *renderer) pages() []Output {
	var jobs []func() []Output
	for _, l := range r.in.Site.Langs {
		l := l
		sv := r.siteView(l)
		jobs = append(jobs, func() []Output { return r.list(sv, l, l.Home) })
		jobs = append(jobs, func() []Output { return r.searchPage(sv, l) })
		for _, sec := range l.Sections {
			sec := sec
			jobs = append(jobs, func() []Output { return r.list(sv, l, sec) })
		}
		// Articles in chunks: one job per page would spend more on
		// scheduling than on some small pages.
		const chunk = 64
		for i := 0; i < len(l.Articles); i += chunk {
			arts := l.Articles[i:min(i+chunk, len(l.Articles))]
			jobs = append(jobs, func() []Output {
				outs := make([]Output, 0, len(arts)*2)
				for _, p := range arts {
					outs = append(outs, r.article(sv, l, p)...)
				}
				return outs
			})
		}
		for _, tax := range []struct {
			name  string
			terms []*site.Term
		}{{"tags", l.Tags}, {"categories", l.Categories}} {
			tax := tax
			jobs = append(jobs, func() []Output { return r.terms(sv, l, tax.name, tax.terms) })
			for _, t := range tax.terms {
				t := t
				jobs = append(jobs, func() []Output { return r.term(sv, l, t) })
			}
		}
	}
	jobs = append(jobs, r.root, r.sitemaps)
	return r.parallel(len(jobs), func(i int) []Output { return jobs[i]() })
}

func (r *renderer) siteView(l *site.Lang) *SiteView {
	cfg := r.in.Site.Config
	sv := &SiteView{
		Title:       orDefault(l.Config.Title, l.Config.Name),
		Description: l.Config.Description,
		Publisher:   orDefault(cfg.Publisher, orDefault(l.Config.Title, l.Config.Name)),
		Copyright:   cfg.Copyright,
		BaseURL:     cfg.BaseURL,
		Year:        r.year,
		DefaultLang: cfg.DefaultLanguage,
	}
	for _, lc := range r.in.Site.Langs {
		sv.Languages = append(sv.Languages, r.langView(lc))
	}
	return sv
}

func (r *renderer) langView(l *site.Lang) LangView {
	u := "/" + l.Config.Code + "/"
	return LangView{Code: l.Config.Code, Name: l.Config.Name, Dir: l.Config.Direction,
		Title: orDefault(l.Config.Title, l.Config.Name), URL: u, Permalink: urlpath.Abs(r.in.Site.Config.BaseURL, u)}
}

// newView fills what every page of language l has.
func (r *renderer) newView(sv *SiteView, l *site.Lang, kind, url, title string) *PageView {
	v := &PageView{
		Site: sv, Lang: r.langView(l), Kind: kind, URL: url, Title: title,
		Permalink: urlpath.Abs(r.in.Site.Config.BaseURL, url),
		from:      url, base: r.in.Site.Config.BaseURL, Assets: r.assetsView(), assets: r.assets,
	}
	v.Nav = append(v.Nav, NavView{Title: l.Home.Page.Title, URL: l.Home.Page.URL, Active: url == l.Home.Page.URL})
	for _, s := range l.Sections {
		if s.Dir != "" && !strings.Contains(s.Dir, "/") {
			v.Nav = append(v.Nav, NavView{Title: s.Page.Title, URL: s.Page.URL, Active: strings.HasPrefix(url, s.Page.URL)})
		}
	}
	return v
}

// alternates fills the language switcher and hreflang links of page p.
func (r *renderer) alternates(v *PageView, p *site.Page) {
	base := r.in.Site.Config.BaseURL
	for _, t := range p.Translations {
		lc, _ := r.in.Site.Config.Language(t.Lang)
		a := AltView{Lang: t.Lang, Name: lc.Name, Dir: lc.Direction, URL: t.URL, Permalink: urlpath.Abs(base, t.URL)}
		v.Alternates = append(v.Alternates, a)
		if t != p {
			v.Translations = append(v.Translations, a)
		}
		if t.Lang == r.in.Site.Config.DefaultLanguage {
			v.XDefault = a.Permalink
		}
		if t == p.Original {
			a := a
			v.Original = &a
		}
	}
	if v.XDefault == "" && len(v.Alternates) > 0 {
		v.XDefault = v.Alternates[0].Permalink
	}
	if p.Kind == site.Home {
		// The language chooser at / is what x-default is for.
		v.XDefault = urlpath.Abs(base, "/")
	}
}

func (r *renderer) item(p *site.Page, lang string) ItemView {
	lc, _ := r.in.Site.Config.Language(p.Lang)
	return ItemView{Title: p.Title, URL: p.URL, Date: p.Date, Summary: p.Summary, ReadingTime: p.ReadingTime,
		Lang: p.Lang, LangName: lc.Name, Dir: lc.Direction, Foreign: p.Lang != lang, Image: r.image(p, false)}
}

// image describes a page's picture. Problems with it are reported once,
// by the page itself (warn), not by every list that shows the page.
func (r *renderer) image(p *site.Page, warn bool) *ImageView {
	im := p.Image
	if im == nil || im.Src == "" {
		return nil
	}
	v := &ImageView{Alt: im.Alt, Caption: im.Caption}
	switch {
	case urlpath.IsExternal(im.Src):
		v.URL, v.Permalink, v.External = im.Src, im.Src, true
		return v
	case im.Src[0] == '/':
		v.URL = im.Src
	default:
		// A bundle translation usually has its own copy of the picture;
		// else it shows the original's.
		v.URL = p.URL + im.Src
		if _, ok := r.resolve(v.URL); !ok && p.ImageOwner != nil {
			v.URL = p.ImageOwner.URL + im.Src
		}
	}
	if _, ok := r.resolve(v.URL); !ok && warn {
		r.diags.Warnf(p.File, p.Meta.Lines["image"], 0, "image %s: nothing is published at %s", im.Src, v.URL)
	}
	v.Permalink = urlpath.Abs(r.in.Site.Config.BaseURL, v.URL)
	v.Width, v.Height = r.imageSize(v.URL)
	if v.Width > 0 {
		v.Variants = r.variants[v.URL]
	}
	return v
}

// newsArticle is the schema.org NewsArticle of an article page.
func (r *renderer) newsArticle(v *PageView, p *site.Page) *newsArticleLD {
	publisher := ldThing{Type: "Organization", Name: v.Site.Publisher}
	ld := &newsArticleLD{
		Context:          "https://schema.org",
		Type:             "NewsArticle",
		Headline:         p.Title,
		URL:              v.Permalink,
		MainEntityOfPage: v.Permalink,
		InLanguage:       p.Lang,
		DatePublished:    p.Date.Format(time.RFC3339),
		DateModified:     p.Lastmod.Format(time.RFC3339),
		Publisher:        publisher,
		Description:      p.Summary,
		Author:           publisher,
	}
	if p.Author != "" {
		ld.Author = ldThing{Type: "Person", Name: p.Author}
	}
	if v.Image != nil {
		ld.Image = &ldImage{Type: "ImageObject", URL: v.Image.Permalink}
		if v.Image.Width > 0 {
			ld.Image.Width, ld.Image.Height = v.Image.Width, v.Image.Height
		}
	}
	for _, t := range p.Tags {
		ld.Keywords = append(ld.Keywords, t.Name)
	}
	return ld
}

// newsArticleLD is schema.org's NewsArticle. A struct, not a map: the
// escaper marshals it on every article, and encoding/json caches a
// struct's encoder but sorts a map's keys each time. Fields are in the
// order of their JSON names, as a map's were, so the bytes did not change.
type newsArticleLD struct {
	Context          string   `json:"@context"`
	Type             string   `json:"@type"`
	Author           ldThing  `json:"author"`
	DateModified     string   `json:"dateModified"`
	DatePublished    string   `json:"datePublished"`
	Description      string   `json:"description,omitempty"`
	Headline         string   `json:"headline"`
	Image            *ldImage `json:"image,omitempty"`
	InLanguage       string   `json:"inLanguage"`
	Keywords         []string `json:"keywords,omitempty"`
	MainEntityOfPage string   `json:"mainEntityOfPage"`
	Publisher        ldThing  `json:"publisher"`
	URL              string   `json:"url"`
}

type ldThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// ldImage gives width and height together or not at all.
type ldImage struct {
	Type   string `json:"@type"`
	Height int    `json:"height,omitempty"`
	URL    string `json:"url"`
	Width  int    `json:"width,omitempty"`
}

func termViews(ts []*site.Term) []TermView {
	out := make([]TermView, len(ts))
	for i, t := range ts {
		out[i] = TermView{Name: t.Name, URL: t.URL, Count: len(t.Pages)}
	}
	return out
}

func (r *renderer) article(sv *SiteView, l *site.Lang, p *site.Page) []Output {
	v := r.newView(sv, l, "article", p.URL, p.Title)
	var bodyBuf *bytes.Buffer
	v.Summary = p.Summary
	v.Content, bodyBuf = r.body(p)
	r.doneReading(p)
	v.Date, v.Lastmod, v.Author, v.Source = p.Date, p.Lastmod, p.Author, p.Source
	v.ReadingTime, v.Words = p.ReadingTime, p.Words
	v.Image = r.image(p, true)
	if v.Image != nil && strings.TrimSpace(v.Image.Alt) == "" {
		r.diags.Warnf(p.File, p.Meta.Lines["image"], 0, "image %s has no alt text: describe it in image.alt for readers who cannot see it", p.Image.Src)
	}
	v.Tags, v.Categories = termViews(p.Tags), termViews(p.Categories)
	if p.Prev != nil {
		it := r.item(p.Prev, l.Config.Code)
		v.Prev = &it
	}
	if p.Next != nil {
		it := r.item(p.Next, l.Config.Code)
		v.Next = &it
	}
	for _, q := range p.Related {
		v.Related = append(v.Related, r.item(q, l.Config.Code))
	}
	r.alternates(v, p)
	v.Outdated = r.in.Site.Config.OutdatedNotice && p.Outdated()
	v.JSONLD = r.newsArticle(v, p)
	outs := []Output{r.page(p.URL, p.File, v, "_default/single.html")}
	r.putBody(bodyBuf, outs[0])
	outs = append(outs, r.aliasPages(sv, l, p)...)
	return nonEmpty(outs...)
}

// list renders a home or section, one output per page of the list.
func (r *renderer) list(sv *SiteView, l *site.Lang, n *site.SectionNode) []Output {
	outs := r.listPages(sv, l, n, nil)
	if n.Page.File != "" {
		outs = append(outs, r.aliasPages(sv, l, n.Page)...)
	}
	outs = append(outs, r.listFeed(sv, l, n))
	return nonEmpty(outs...)
}

// listPages renders the pages of a list for which want holds (every page
// when want is nil).
func (r *renderer) listPages(sv *SiteView, l *site.Lang, n *site.SectionNode, want func(k int) bool) []Output {
	p := n.Page
	kind := listKind(p)
	layout := "_default/list.html"
	if p.Kind == site.Home {
		layout = "index.html"
	}
	var outs []Output
	r.paginate(p.URL, len(n.Pages), want, func(pager *PagerView, from, to int, url string) {
		v := r.newView(sv, l, kind, url, p.Title)
		var bodyBuf *bytes.Buffer
		v.Summary = p.Summary
		v.Content, bodyBuf = r.body(p)
		v.Pager = pager
		for _, q := range n.Pages[from:to] {
			v.Items = append(v.Items, r.item(q, l.Config.Code))
		}
		r.alternates(v, p)
		out := r.page(url, p.File, v, layout, "_default/list.html")
		r.putBody(bodyBuf, out)
		outs = append(outs, out)
	})
	return nonEmpty(outs...)
}

func (r *renderer) listFeed(sv *SiteView, l *site.Lang, n *site.SectionNode) Output {
	return r.feed(l, n.Page.URL+"index.xml", feedTitle(sv.Title, n.Page, listKind(n.Page)), n.Pages)
}

func listKind(p *site.Page) string {
	if p.Kind == site.Home {
		return "home"
	}
	return "section"
}

func feedTitle(siteTitle string, p *site.Page, kind string) string {
	if kind == "home" || p.Title == "" || p.Title == siteTitle {
		return siteTitle
	}
	return p.Title + " · " + siteTitle
}

// paginate calls fn once per page of a list of n items for which want
// holds (every page when want is nil): page 1 at base, page k at
// base/page/k/. An empty list still has its first page.
func (r *renderer) paginate(base string, n int, want func(k int) bool, fn func(p *PagerView, from, to int, url string)) {
	size := r.in.Site.Config.Paginate
	total := (n + size - 1) / size
	if total == 0 {
		total = 1
	}
	pageURL := func(k int) string {
		if k == 1 {
			return base
		}
		return base + "page/" + strconv.Itoa(k) + "/"
	}
	for k := 1; k <= total; k++ {
		if want != nil && !want(k) {
			continue
		}
		pv := &PagerView{Number: k, Total: total}
		if k > 1 {
			pv.PrevURL = pageURL(k - 1)
		}
		if k < total {
			pv.NextURL = pageURL(k + 1)
		}
		for j := 1; j <= total; j++ {
			// A window of links around the current page keeps pagers of
			// long archives short.
			if j == 1 || j == total || (j >= k-2 && j <= k+2) {
				pv.Pages = append(pv.Pages, PagerLink{Number: j, URL: pageURL(j), Current: j == k})
			}
		}
		from := (k - 1) * size
		fn(pv, from, min(from+size, n), pageURL(k))
	}
}

func (r *renderer) terms(sv *SiteView, l *site.Lang, tax string, terms []*site.Term) []Output {
	u := "/" + l.Config.Code + "/" + tax + "/"
	v := r.newView(sv, l, "terms", u, tax)
	v.Taxonomy = tax
	v.Terms = termViews(terms)
	r.everyLanguageAlternates(v, tax)
	return nonEmpty(r.page(u, "", v, "_default/terms.html"))
}

// everyLanguageAlternates links a page that every language has at /<lang>/<name>/
// (taxonomy lists, search) to the same page in the other languages.
func (r *renderer) everyLanguageAlternates(v *PageView, tax string) {
	base := r.in.Site.Config.BaseURL
	for _, l := range r.in.Site.Langs {
		u := "/" + l.Config.Code + "/" + tax + "/"
		a := AltView{Lang: l.Config.Code, Name: l.Config.Name, Dir: l.Config.Direction, URL: u, Permalink: urlpath.Abs(base, u)}
		v.Alternates = append(v.Alternates, a)
		if l.Config.Code != v.Lang.Code {
			v.Translations = append(v.Translations, a)
		}
		if l.Config.Code == r.in.Site.Config.DefaultLanguage {
			v.XDefault = a.Permalink
		}
	}
}

func (r *renderer) term(sv *SiteView, l *site.Lang, t *site.Term) []Output {
	outs := r.termPages(sv, l, t, nil)
	outs = append(outs, r.termFeed(sv, l, t))
	return nonEmpty(outs...)
}

// termPages renders the pages of a term's list for which want holds
// (every page when want is nil).
func (r *renderer) termPages(sv *SiteView, l *site.Lang, t *site.Term, want func(k int) bool) []Output {
	var outs []Output
	r.paginate(t.URL, len(t.Pages), want, func(pager *PagerView, from, to int, url string) {
		v := r.newView(sv, l, "term", url, t.Name)
		v.Taxonomy = t.Taxonomy
		v.Pager = pager
		for _, q := range t.Pages[from:to] {
			v.Items = append(v.Items, r.item(q, l.Config.Code))
		}
		outs = append(outs, r.page(url, "", v, "_default/term.html"))
	})
	return nonEmpty(outs...)
}

func (r *renderer) termFeed(sv *SiteView, l *site.Lang, t *site.Term) Output {
	return r.feed(l, t.URL+"index.xml", t.Name+" · "+sv.Title, t.Pages)
}

func (r *renderer) aliasPages(sv *SiteView, l *site.Lang, p *site.Page) []Output {
	var outs []Output
	for _, a := range p.Aliases {
		v := r.newView(sv, l, "alias", a, p.Title)
		v.Target = p.URL
		v.Permalink = urlpath.Abs(r.in.Site.Config.BaseURL, p.URL)
		outs = append(outs, r.page(a, p.File, v, "alias.html"))
	}
	return outs
}

// root renders the pages that belong to no language: the language chooser
// at / and the 404 page, whose links are absolute paths because a host
// serves it at any depth.
func (r *renderer) root() []Output {
	s := r.in.Site
	def := s.Lang(s.Config.DefaultLanguage)
	sv := r.siteView(def)
	v := r.newView(sv, def, "languages", "/", sv.Title)
	for _, l := range s.Langs {
		lv := r.langView(l)
		a := AltView{Lang: lv.Code, Name: lv.Name, Dir: lv.Dir, URL: lv.URL, Permalink: lv.Permalink}
		v.Alternates = append(v.Alternates, a)
		v.Translations = append(v.Translations, a)
		if l == def {
			v.XDefault = a.Permalink
		}
	}
	nf := r.newView(sv, def, "404", "/404.html", "404")
	nf.absRoot = true
	nf.Translations = append([]AltView(nil), v.Translations...) // its own Hrefs
	for _, l := range s.Langs {
		tr := r.in.Bundle.Translator(l.Config.Code)
		nf.Localized = append(nf.Localized, LocalizedView{Lang: r.langView(l), Title: tr.T("notFoundTitle"), Text: tr.T("notFoundText")})
	}
	return nonEmpty(
		r.page("/", "", v, "languages.html"),
		r.page("/404.html", "", nf, "404.html"),
	)
}
