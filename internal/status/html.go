package status

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"
)

// HTMLOptions shape the HTML report.
type HTMLOptions struct {
	// LinkPrefix turns a site-relative file path into a link: it is the
	// URL path from the report's folder to the site's root, ending with
	// "/" ("../site/"), or "" when the report sits at the root. Relative
	// links keep working when the report and the site move together (a CI
	// artifact, a shared folder), which file:// URLs would not.
	LinkPrefix string
	// Generated is shown as the report's date; zero leaves it out.
	Generated time.Time
}

//go:embed report.html.tmpl
var reportTemplate string

// reportTmpl is parsed once; executing it is safe for concurrent use.
var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"symbol": func(s State) string { return s.Symbol() },
	"label":  func(s State) string { return s.Label() },
	"class":  func(s State) string { return "s-" + string(s) },
}).Parse(reportTemplate))

// WriteHTML writes the report as one self-contained HTML page (inline CSS,
// no script): progress bars per language, a legend, the coverage matrix of
// articles × languages — rows that need the most urgent work first, the
// oldest outdated translation at the top — and the UI strings. States are
// told by a symbol and a word as well as a colour.
func (r *Report) WriteHTML(w io.Writer, opts HTMLOptions) error {
	return reportTmpl.Execute(w, r.htmlView(opts))
}

type htmlView struct {
	Default   string
	Generated string
	Langs     []htmlLang
	States    []State
	Rows      []htmlRow
	UIStrings []UIStrings
	Articles  int
}

type htmlLang struct {
	Code, Name string
	Total      int
	Drafts     int
	Segments   []htmlSegment
	UpToDate   string // percentage, "42%"
	Summary    string // the bar in words, for assistive technology
}

type htmlSegment struct {
	State State
	Count int
	Width string // CSS percentage
}

type htmlRow struct {
	Title, TitleLang string
	Source, Href     string
	SourceLang       string
	Draft            bool
	Cells            []htmlCell
}

type htmlCell struct {
	State State // "" when the language has nothing to say
	Href  string
	Draft bool
	Title string // details for the title attribute
}

// rowRank orders the matrix: what needs work most comes first.
var rowRank = map[State]int{Outdated: 0, Orphaned: 1, Missing: 2, Untracked: 3}

func (r *Report) htmlView(opts HTMLOptions) htmlView {
	v := htmlView{Default: r.DefaultLanguage, States: States(), UIStrings: r.UIStrings, Articles: len(r.Articles)}
	if !opts.Generated.IsZero() {
		v.Generated = opts.Generated.Format("2006-01-02 15:04 MST")
	}
	for _, l := range r.Languages {
		hl := htmlLang{Code: l.Code, Name: l.Name, Total: l.Total, Drafts: l.Drafts, UpToDate: percent(l.Counts[UpToDate], l.Total)}
		var words []string
		for _, s := range States() {
			n := l.Counts[s]
			if n == 0 {
				continue
			}
			hl.Segments = append(hl.Segments, htmlSegment{s, n, fmt.Sprintf("%.2f%%", 100*float64(n)/float64(l.Total))})
			words = append(words, fmt.Sprintf("%d %s", n, s.Label()))
		}
		if len(words) == 0 {
			words = []string{"no articles"}
		}
		hl.Summary = fmt.Sprintf("%s: %s of %d up to date; %s", l.Code, hl.UpToDate, l.Total, strings.Join(words, ", "))
		v.Langs = append(v.Langs, hl)
	}
	type ranked struct {
		row    htmlRow
		rank   int
		oldest time.Time
		file   string
	}
	var rows []ranked
	for _, a := range r.Articles {
		rk := ranked{rank: len(rowRank), file: a.sortFile()}
		row := htmlRow{Title: a.Title, Source: a.Source, SourceLang: a.SourceLang, Draft: a.Draft, TitleLang: a.SourceLang}
		if a.Source != "" {
			row.Href = fileHref(opts.LinkPrefix, a.Source)
		}
		for _, l := range r.Languages {
			e, ok := a.Translations[l.Code]
			if !ok {
				row.Cells = append(row.Cells, htmlCell{Title: "no version and no source to translate from"})
				continue
			}
			c := htmlCell{State: e.State, Draft: e.Draft, Title: cellTitle(e)}
			switch {
			case e.File != "":
				c.Href = fileHref(opts.LinkPrefix, e.File)
			case e.FromFile != "":
				c.Href = fileHref(opts.LinkPrefix, e.FromFile)
			}
			if row.TitleLang == "" && e.File != "" {
				row.TitleLang = l.Code
			}
			row.Cells = append(row.Cells, c)
			if n, ok := rowRank[e.State]; ok && n < rk.rank {
				rk.rank = n
			}
			if e.State == Outdated && (rk.oldest.IsZero() || e.Dated.Before(rk.oldest)) {
				rk.oldest = e.Dated
			}
		}
		rk.row = row
		rows = append(rows, rk)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if !a.oldest.Equal(b.oldest) {
			return a.oldest.Before(b.oldest)
		}
		return a.file < b.file
	})
	for _, rk := range rows {
		v.Rows = append(v.Rows, rk.row)
	}
	return v
}

func percent(n, total int) string {
	if total == 0 {
		return "0%"
	}
	return fmt.Sprintf("%d%%", n*100/total)
}

// cellTitle is the detail of one cell, for its title attribute.
func cellTitle(e Entry) string {
	var parts []string
	parts = append(parts, e.State.Label())
	if e.File != "" {
		parts = append(parts, e.File)
	}
	switch e.State {
	case Outdated:
		parts = append(parts, fmt.Sprintf("%s changed since (recorded %s, now %s)", e.FromFile, e.Recorded, e.Current))
	case Missing:
		parts = append(parts, "translate "+e.FromFile)
	case UpToDate:
		parts = append(parts, "matches "+e.FromFile)
	}
	if e.Note != "" {
		parts = append(parts, e.Note)
	}
	if e.Draft {
		parts = append(parts, "draft")
	}
	return strings.Join(parts, " — ")
}

// fileHref is the link to a site-relative file: each segment escaped, so
// "Đoàn trường.md" and "a#b.md" stay one path.
func fileHref(prefix, file string) string {
	segs := strings.Split(file, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return prefix + strings.Join(segs, "/")
}
