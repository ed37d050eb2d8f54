// Package site assembles parsed pages into the site model: languages,
// sections, articles, translations, taxonomies and the URLs of all of them.
//
// The model is built once per build by Assemble and not mutated after it
// returns (but by Rebody, between two renderings, for the dev server), so
// renderers may read it from many goroutines. Pages refer to
// each other by pointer inside one model; a rebuild makes a new model.
package site

import (
	"time"

	"github.com/attache-ssg/attache/internal/frontmatter"
	"github.com/attache-ssg/attache/internal/markdown"
)

// Kind is what a page is.
type Kind int

const (
	// Home is a language's front page (content/<lang>/_index.md, or made up).
	Home Kind = iota
	// Section is a folder's list page (_index.md, or made up for a top-level folder).
	Section
	// Article is a regular page.
	Article
)

func (k Kind) String() string {
	switch k {
	case Home:
		return "home"
	case Section:
		return "section"
	}
	return "article"
}

// Page is one page in one language.
type Page struct {
	File     string // site-relative source path; "" for made-up section and home pages
	Lang     string
	Kind     Kind
	Dir      string // folder under content/<lang>/ ("" for home)
	Meta     frontmatter.Meta
	Doc      *markdown.Doc // nil for made-up pages
	BodyLine int           // line in File where the Markdown body starts
	// Hash is frontmatter.Hash of this page's title and body: what a
	// translation records in translatedFrom to tell when it falls behind.
	Hash string

	URL   string // root-relative, ends with "/"
	Title string
	// Date is the publication date in the site's time zone (inherited from
	// the source when a translation does not set it); Lastmod is Meta's
	// lastmod, else Date.
	Date, Lastmod time.Time
	Summary       string
	Words         int
	ReadingTime   int // minutes, at least 1 for articles
	Weight        int
	Author        string
	Source        string
	Image         *frontmatter.Image
	// ImageOwner is the page whose front matter set Image (this page, or
	// the original it inherits from): a relative image path is relative
	// to that page's URL.
	ImageOwner *Page
	Tags       []*Term
	Categories []*Term
	Aliases    []string // root-relative URLs that redirect here

	// Key groups translations; Translations lists every version of this
	// page, itself included, in the site's language order.
	Key          string
	Translations []*Page
	// Original is the page this one was translated from (its translatedFrom
	// language, else the default language's version), nil for originals.
	Original *Page

	Section   *SectionNode // the section an article belongs to; a section page's own node
	Resources []Resource
	Prev      *Page // the article listed before this one in its section
	Next      *Page // the article listed after it
	// Related are up to MaxRelated articles of the same language sharing
	// the most tags with this one, newest first among equals.
	Related []*Page
}

// MaxRelated is how many related articles a page lists.
const MaxRelated = 5

// Resource is a file of a page bundle, published beside the page.
type Resource struct {
	File string // site-relative source path
	URL  string // root-relative URL of the published copy
}

// Translation returns the version of p in lang, or nil.
func (p *Page) Translation(lang string) *Page {
	for _, t := range p.Translations {
		if t.Lang == lang {
			return t
		}
	}
	return nil
}

// Term is one tag or category of one language.
type Term struct {
	Taxonomy string // "tags" or "categories"
	Name     string
	Slug     string
	URL      string
	Pages    []*Page // sorted like lists
}

// SectionNode is a list: a language's home, or a section folder.
type SectionNode struct {
	Page *Page
	Dir  string
	Lang string
	// Pages are the articles below this section (sub-sections included),
	// sorted for listing. Where the site marks untranslated articles, an
	// article missing in this language appears here in its original
	// language (its Lang differs from the section's).
	Pages []*Page
	// Own are the articles whose nearest section this is.
	Own []*Page
}
