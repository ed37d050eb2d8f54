package status

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
)

// Options narrow a report.
type Options struct {
	// Langs are the translation languages to report, in any order; empty
	// means every language of the site but the default one.
	Langs []string
	// Section keeps only articles with a version under this folder of
	// content/<lang>/ ("news", "news/2024"); empty keeps all.
	Section string
}

// Report is the translation status of a site.
type Report struct {
	DefaultLanguage string
	// Languages are the reported translation languages, in site order.
	Languages []LangSummary
	// Articles are sorted by their source's file (else their first
	// version's). An article is listed when at least one reported language
	// has something to say about it.
	Articles []Article
	// UIStrings are per language, in site order; Run fills them, Compute
	// leaves them nil.
	UIStrings []UIStrings
}

// LangSummary counts the states of one language.
type LangSummary struct {
	Code   string
	Name   string
	Counts map[State]int // every state has an entry, zero included
	Total  int           // articles with an entry in this language
	Drafts int           // versions in this language that are drafts
}

// Article is one article (a group of versions) and its state per language.
type Article struct {
	Key        string // the group key, as GroupKey gives it
	Title      string // the source's title, else the first version's
	Source     string // site-relative file of the source; "" when it has none
	SourceLang string
	Draft      bool      // the source is a draft
	Date       time.Time // the source's date; zero when unknown
	// Translations has an entry for every reported language that has a
	// version of the article, or lacks one while the article has a source.
	Translations map[string]Entry
}

// Entry is one article in one language.
type Entry struct {
	State State
	File  string // site-relative; "" when missing
	Draft bool   // this version is a draft
	// From is the language of the version this one is judged against, and
	// FromFile that version's file ("" when it does not exist).
	From, FromFile string
	// Recorded is translatedFrom.hash; Current the hash of the source now.
	Recorded, Current string
	// Dated is the version's lastmod, else its date, else its source's date:
	// how old the translation is, as far as the front matter tells. Reports
	// list the oldest outdated translations first.
	Dated time.Time
	// Note says why, in words, for orphaned and odd versions.
	Note string
}

// Has reports whether any entry of the report is in one of states.
func (r *Report) Has(states ...State) bool {
	for _, l := range r.Languages {
		for _, s := range states {
			if l.Counts[s] > 0 {
				return true
			}
		}
	}
	return false
}

// OptionError is an Options value the site cannot satisfy: wrong usage,
// not a problem of the content.
type OptionError struct{ Msg string }

func (e *OptionError) Error() string { return e.Msg }

// ReportedLangs checks o.Langs against the site and returns the languages
// a report covers, in site order.
func (o Options) ReportedLangs(cfg *config.Config) ([]string, error) {
	want := map[string]bool{}
	for _, l := range o.Langs {
		if !cfg.HasLanguage(l) {
			return nil, &OptionError{fmt.Sprintf("language %q is not in %s (have %s)", l, config.File, strings.Join(cfg.Codes(), ", "))}
		}
		if l == cfg.DefaultLanguage {
			return nil, &OptionError{fmt.Sprintf("%s is the default language: its articles are the sources the other languages are checked against", l)}
		}
		want[l] = true
	}
	var out []string
	for _, code := range cfg.Codes() {
		if code != cfg.DefaultLanguage && (len(want) == 0 || want[code]) {
			out = append(out, code)
		}
	}
	return out, nil
}

// cleanSection checks and normalises Options.Section.
func cleanSection(s string) (string, error) {
	s = strings.Trim(strings.ReplaceAll(s, "\\", "/"), "/")
	if s == "" {
		return "", nil
	}
	if c := path.Clean(s); c != s || strings.HasPrefix(c, "..") {
		return "", &OptionError{fmt.Sprintf("section %q: give a folder under content/<lang>/, such as news", s)}
	}
	return s, nil
}

// group is the versions of one article, one per language.
type group struct {
	key    string
	byLang map[string]*Version
	first  *Version // in site language order
}

// Compute judges every article of c in the languages opts asks for.
// Problems that do not stop it (two versions of one article in one
// language) go to diags. The error is for options the site cannot satisfy.
func Compute(c *Corpus, opts Options, diags *diag.List) (*Report, error) {
	if diags == nil {
		diags = new(diag.List)
	}
	cfg := c.Config
	langs, err := opts.ReportedLangs(cfg)
	if err != nil {
		return nil, err
	}
	section, err := cleanSection(opts.Section)
	if err != nil {
		return nil, err
	}
	r := &Report{DefaultLanguage: cfg.DefaultLanguage}
	for _, g := range groups(c, diags) {
		if section != "" && !g.under(section) {
			continue
		}
		if a, ok := judgeGroup(g, cfg.DefaultLanguage, cfg.Codes(), langs); ok {
			r.Articles = append(r.Articles, a)
		}
	}
	sort.Slice(r.Articles, func(i, j int) bool {
		a, b := r.Articles[i], r.Articles[j]
		if a.sortFile() != b.sortFile() {
			return a.sortFile() < b.sortFile()
		}
		return a.Key < b.Key
	})
	for _, code := range langs {
		lc, _ := cfg.Language(code)
		s := LangSummary{Code: code, Name: lc.Name, Counts: map[State]int{}}
		for _, st := range States() {
			s.Counts[st] = 0
		}
		for _, a := range r.Articles {
			if e, ok := a.Translations[code]; ok {
				s.Counts[e.State]++
				s.Total++
				if e.File != "" && e.Draft {
					s.Drafts++
				}
			}
		}
		r.Languages = append(r.Languages, s)
	}
	return r, nil
}

// sortFile is the file an article is listed by.
func (a Article) sortFile() string {
	if a.Source != "" {
		return a.Source
	}
	files := make([]string, 0, len(a.Translations))
	for _, e := range a.Translations {
		if e.File != "" {
			files = append(files, e.File)
		}
	}
	sort.Strings(files)
	if len(files) == 0 {
		return ""
	}
	return files[0]
}

// groups gathers versions by key; keys come out in the order of their
// first file, so the result is deterministic.
func groups(c *Corpus, diags *diag.List) []*group {
	order := map[string]int{}
	for i, code := range c.Config.Codes() {
		order[code] = i
	}
	byKey := map[string]*group{}
	var out []*group
	for i := range c.Versions {
		v := &c.Versions[i]
		g := byKey[v.Key]
		if g == nil {
			g = &group{key: v.Key, byLang: map[string]*Version{}}
			byKey[v.Key] = g
			out = append(out, g)
		}
		if prev := g.byLang[v.Lang]; prev != nil {
			// Versions are sorted by file, so prev is the one to keep.
			diags.Warnf(v.File, v.Meta.Lines["translationKey"], 0,
				"two %s versions of one article: %s and %s; status reports the first", v.Lang, prev.File, v.File)
			continue
		}
		g.byLang[v.Lang] = v
		if g.first == nil || order[v.Lang] < order[g.first.Lang] {
			g.first = v
		}
	}
	return out
}

// under reports whether a version of g sits in section or below it.
func (g *group) under(section string) bool {
	for _, v := range g.byLang {
		if strings.HasPrefix(v.Rel, section+"/") {
			return true
		}
	}
	return false
}

// source is the version the article is translated from: the default
// language's, else the first (in site order) that records no
// translatedFrom, i.e. an article written first in another language.
func (g *group) source(def string, order []string) *Version {
	if v := g.byLang[def]; v != nil {
		return v
	}
	for _, code := range order {
		if v := g.byLang[code]; v != nil && v.Meta.TranslatedFrom == nil {
			return v
		}
	}
	return nil
}

// judgeGroup judges g in langs; order is every language of the site, in
// site order (a language outside the report can still hold the source).
func judgeGroup(g *group, def string, order, langs []string) (Article, bool) {
	src := g.source(def, order)
	a := Article{Key: g.key, Translations: map[string]Entry{}}
	titled := src
	if titled == nil {
		titled = g.first
	}
	a.Title = titled.Meta.Title
	if src != nil {
		a.Source, a.SourceLang, a.Draft, a.Date = src.File, src.Lang, src.Meta.Draft, src.Meta.Date
	}
	for _, code := range langs {
		v := g.byLang[code]
		switch {
		case v != nil:
			a.Translations[code] = judge(v, src, g, a.Date)
		case src != nil:
			a.Translations[code] = Entry{State: Missing, From: src.Lang, FromFile: src.File, Current: src.Hash, Dated: a.Date}
		}
	}
	return a, len(a.Translations) > 0
}

// judge gives the state of one existing version.
func judge(v, src *Version, g *group, srcDate time.Time) Entry {
	e := Entry{File: v.File, Draft: v.Meta.Draft, Dated: v.Meta.Lastmod}
	if e.Dated.IsZero() {
		e.Dated = v.Meta.Date
	}
	if e.Dated.IsZero() {
		e.Dated = srcDate
	}
	tf := v.Meta.TranslatedFrom
	switch {
	case tf == nil && v == src:
		e.State = Original
		return e
	case tf == nil:
		e.State, e.From, e.FromFile, e.Current = Untracked, src.Lang, src.File, src.Hash
		return e
	case tf.Lang == v.Lang:
		e.State, e.Recorded = Untracked, tf.Hash
		e.Note = "translatedFrom.lang is the article's own language"
		return e
	}
	e.From, e.Recorded = tf.Lang, tf.Hash
	from := g.byLang[tf.Lang]
	if from == nil {
		e.State = Orphaned
		e.Note = fmt.Sprintf("translated from %s, but this article has no %s version", tf.Lang, tf.Lang)
		if !strings.HasPrefix(g.key, "key:") {
			e.Note += " at " + strings.TrimPrefix(g.key, "path:") + " (moved or deleted? give both the same translationKey to link them)"
		}
		return e
	}
	e.FromFile, e.Current = from.File, from.Hash
	if from.Hash == tf.Hash {
		e.State = UpToDate
	} else {
		e.State = Outdated
	}
	return e
}
