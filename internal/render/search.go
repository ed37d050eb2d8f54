package render

import (
	"path"
	"strings"

	"github.com/attache-ssg/attache/internal/search"
	"github.com/attache-ssg/attache/internal/site"
)

// searchPage renders /<lang>/search/ and the static index it queries in
// the browser: the language's own articles (not the untranslated ones its
// lists show), indexed by package search.
func (r *renderer) searchPage(sv *SiteView, l *site.Lang) []Output {
	code := l.Config.Code
	u := "/" + code + "/search/"
	tr := r.in.Bundle.Translator(code)
	docs := make([]search.Doc, 0, len(l.Articles))
	for _, p := range l.Articles {
		d := search.Doc{URL: strings.TrimPrefix(p.URL, "/"+code+"/"), Title: p.Title, Date: tr.Date(p.Date, "medium"), Time: p.Date}
		if p.Doc != nil {
			d.Text = p.Doc.PlainText()
		}
		docs = append(docs, d)
	}
	files, err := search.Build(code, docs)
	if err != nil {
		r.diags.Errorf("content/"+code, 0, 0, "%v", err)
		return nil
	}
	outs := make([]Output, 0, len(files)+1)
	for name, data := range files {
		outs = append(outs, r.output(path.Join(u, name), "", data))
	}
	v := r.newView(sv, l, "search", u, tr.T("search"))
	r.everyLanguageAlternates(v, "search")
	outs = append(outs, r.output(u, "", r.execute(v, "", "search.html")))
	return nonEmpty(outs...)
}
