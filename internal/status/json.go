package status

import (
	"encoding/json"
	"io"
	"time"
)

// JSONSchema is the version of the JSON shape WriteJSON writes. Fields may
// be added without changing it; it changes only if a field changes meaning
// or goes away.
const JSONSchema = 1

// WriteJSON writes the report as one JSON document, indented, with this
// shape (every list sorted as in Report; absent values are left out):
//
//	{
//	  "schema": 1,
//	  "defaultLanguage": "vi",
//	  "languages": [
//	    {"code": "en", "name": "English", "total": 14, "drafts": 1,
//	     "counts": {"up-to-date": 3, "outdated": 1, "missing": 5,
//	                "orphaned": 0, "untracked": 4, "original": 1}}
//	  ],
//	  "articles": [
//	    {"key": "path:news/x", "title": "…", "source": "content/vi/news/x.md",
//	     "sourceLang": "vi", "draft": false, "date": "2024-03-05T09:00:00+07:00",
//	     "translations": {
//	       "en": {"state": "outdated", "file": "content/en/news/x.md", "draft": false,
//	              "from": "vi", "fromFile": "content/vi/news/x.md",
//	              "recordedHash": "3f2a9c0b1d2e", "currentHash": "9b8a7c6d5e4f",
//	              "dated": "2024-03-05T09:00:00+07:00"},
//	       "fr": {"state": "missing", "from": "vi", "fromFile": "content/vi/news/x.md",
//	              "currentHash": "9b8a7c6d5e4f"}
//	     }}
//	  ],
//	  "uiStrings": [{"lang": "vi", "missing": [], "unused": ["readMore"]}]
//	}
//
// "state" is one of up-to-date, outdated, missing, orphaned, untracked,
// original; "note" says why for orphaned and odd entries.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r.jsonDoc())
}

type jsonReport struct {
	Schema          int            `json:"schema"`
	DefaultLanguage string         `json:"defaultLanguage"`
	Languages       []jsonLang     `json:"languages"`
	Articles        []jsonArticle  `json:"articles"`
	UIStrings       []jsonUIString `json:"uiStrings"`
}

type jsonLang struct {
	Code   string         `json:"code"`
	Name   string         `json:"name"`
	Total  int            `json:"total"`
	Drafts int            `json:"drafts"`
	Counts map[string]int `json:"counts"`
}

type jsonArticle struct {
	Key          string               `json:"key"`
	Title        string               `json:"title"`
	Source       string               `json:"source,omitempty"`
	SourceLang   string               `json:"sourceLang,omitempty"`
	Draft        bool                 `json:"draft"`
	Date         string               `json:"date,omitempty"`
	Translations map[string]jsonEntry `json:"translations"`
}

type jsonEntry struct {
	State        string `json:"state"`
	File         string `json:"file,omitempty"`
	Draft        bool   `json:"draft"`
	From         string `json:"from,omitempty"`
	FromFile     string `json:"fromFile,omitempty"`
	RecordedHash string `json:"recordedHash,omitempty"`
	CurrentHash  string `json:"currentHash,omitempty"`
	Dated        string `json:"dated,omitempty"`
	Note         string `json:"note,omitempty"`
}

type jsonUIString struct {
	Lang    string   `json:"lang"`
	Missing []string `json:"missing"`
	Unused  []string `json:"unused"`
}

func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func (r *Report) jsonDoc() jsonReport {
	doc := jsonReport{
		Schema: JSONSchema, DefaultLanguage: r.DefaultLanguage,
		Languages: []jsonLang{}, Articles: []jsonArticle{}, UIStrings: []jsonUIString{},
	}
	for _, l := range r.Languages {
		jl := jsonLang{Code: l.Code, Name: l.Name, Total: l.Total, Drafts: l.Drafts, Counts: map[string]int{}}
		for _, s := range States() {
			jl.Counts[string(s)] = l.Counts[s]
		}
		doc.Languages = append(doc.Languages, jl)
	}
	for _, a := range r.Articles {
		ja := jsonArticle{Key: a.Key, Title: a.Title, Source: a.Source, SourceLang: a.SourceLang,
			Draft: a.Draft, Date: jsonTime(a.Date), Translations: map[string]jsonEntry{}}
		for lang, e := range a.Translations {
			ja.Translations[lang] = jsonEntry{
				State: string(e.State), File: e.File, Draft: e.Draft, From: e.From, FromFile: e.FromFile,
				RecordedHash: e.Recorded, CurrentHash: e.Current, Dated: jsonTime(e.Dated), Note: e.Note,
			}
		}
		doc.Articles = append(doc.Articles, ja)
	}
	for _, u := range r.UIStrings {
		ju := jsonUIString{Lang: u.Lang, Missing: u.Missing, Unused: u.Unused}
		if ju.Missing == nil {
			ju.Missing = []string{}
		}
		if ju.Unused == nil {
			ju.Unused = []string{}
		}
		doc.UIStrings = append(doc.UIStrings, ju)
	}
	return doc
}
