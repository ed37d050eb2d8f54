package render

import (
	"fmt"
	"path"
	"strings"

	"github.com/attache-ssg/attache/internal/i18n"
	"github.com/attache-ssg/attache/internal/markdown"
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
	for _, p := range l.Articles {
		r.doneReading(p) // the index has read its text
	}
	return append(outs, r.searchHTML(sv, l)...)
}

func (r *renderer) searchHTML(sv *SiteView, l *site.Lang) []Output {
	u := "/" + l.Config.Code + "/search/"
	v := r.newView(sv, l, "search", u, r.in.Bundle.Translator(l.Config.Code).T("search"))
	r.everyLanguageAlternates(v, "search")
	return nonEmpty(r.page(u, "", v, "search.html"))
}

// searchJob gathers what l's search index is made of: the language's own
// articles (not the untranslated ones its lists show). The job holds
// copies, and each article's document, which does not change (a new body
// is a new Doc), so it can be run later, while the model changes. The
// plain text is read from a document when the index takes it (LoadText),
// and dropped after: a language's texts are never all held, and reading
// them for every article on every save in `serve` cost more than the save.
func (r *renderer) searchJob(l *site.Lang) *SearchJob {
	code := l.Config.Code
	docs := make([]search.Doc, 0, len(l.Articles))
	for _, p := range l.Articles {
		d := search.Doc{URL: strings.TrimPrefix(p.URL, "/"+code+"/"), Title: p.Title, Time: p.Date}
		if p.Doc != nil {
			d.LoadText = plainText(p.Doc, p.File)
		}
		docs = append(docs, d)
	}
	return &SearchJob{Lang: code, docs: docs, tr: r.in.Bundle.Translator(code)}
}

// plainText reads doc's text for the search index; file names it in
// errors.
func plainText(doc *markdown.Doc, file string) func() (string, error) {
	return func() (string, error) {
		text, err := doc.PlainText()
		if err != nil {
			return "", fmt.Errorf("%s: %w", file, err)
		}
		return text, nil
	}
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
