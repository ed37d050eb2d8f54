package render

import (
	"fmt"
	"path"
	"strings"

	"github.com/attache-ssg/attache/internal/i18n"
	"github.com/attache-ssg/attache/internal/search"
	"github.com/attache-ssg/attache/internal/site"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// searchPage renders /<lang>/search/ and the static index it queries in
// the browser.
func (r *renderer) searchPage(sv *SiteView, l *site.Lang) []Output {
	outs, err := r.searchJob(l).index()
	if err != nil {
		r.diags.Errorf("content/"+l.Config.Code, 0, 0, "%v", err)
	}
	return append(outs, r.searchHTML(sv, l)...)
}

func (r *renderer) searchHTML(sv *SiteView, l *site.Lang) []Output {
	u := "/" + l.Config.Code + "/search/"
	v := r.newView(sv, l, "search", u, r.in.Bundle.Translator(l.Config.Code).T("search"))
	r.everyLanguageAlternates(v, "search")
	return nonEmpty(r.output(u, "", r.execute(v, "", "search.html")))
}

// searchJob gathers what l's search index is made of: the language's own
// articles (not the untranslated ones its lists show). The job holds
// copies, so it can be run later, while the model changes.
func (r *renderer) searchJob(l *site.Lang) *SearchJob {
	code := l.Config.Code
	docs := make([]search.Doc, 0, len(l.Articles))
	for _, p := range l.Articles {
		d := search.Doc{URL: strings.TrimPrefix(p.URL, "/"+code+"/"), Title: p.Title, Time: p.Date}
		if p.Doc != nil {
			text, err := p.Doc.PlainText()
			if err != nil {
				r.diags.Errorf(p.File, 0, 0, "search index: %v", err)
			}
			d.Text = text
			r.doneReading(p)
		}
		docs = append(docs, d)
	}
	return &SearchJob{Lang: code, docs: docs, tr: r.in.Bundle.Translator(code)}
}

// SearchJob is the making of one language's search index, put off by
// Rebody: it costs about a second on a big site.
type SearchJob struct {
	Lang string
	docs []search.Doc // Date is filled by index, when the job runs
	tr   *i18n.Translator
	// page is the search page, rendered by Rebody, which the index files
	// join under /<lang>/search/.
	page []Output
}

// Prefix is the output folder the job's files fill, whole.
func (j *SearchJob) Prefix() string { return j.Lang + "/search/" }

// Make returns every file under Prefix: the search page and the index.
// It reads nothing of the model, so it may run at any time, from any
// goroutine.
func (j *SearchJob) Make() ([]Output, error) {
	outs, err := j.index()
	return append(outs, j.page...), err
}

func (j *SearchJob) index() ([]Output, error) {
	for i := range j.docs {
		j.docs[i].Date = j.tr.Date(j.docs[i].Time, "medium")
	}
	files, err := search.Build(j.Lang, j.docs)
	if err != nil {
		return nil, err
	}
	u := "/" + j.Lang + "/search/"
	outs := make([]Output, 0, len(files)+1)
	for name, data := range files {
		p, err := urlpath.OutFile(path.Join(u, name))
		if err != nil {
			return nil, fmt.Errorf("search index file %s: %w", name, err)
		}
		outs = append(outs, Output{Path: p, Data: data, Origin: u})
	}
	return outs, nil
}
