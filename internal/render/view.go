package render

import (
	"time"

	"github.com/attache-ssg/attache/internal/gotemplate/html"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// PageView is what every layout receives. URLs in views are root-relative;
// layouts turn them into links with {{ $.Rel .URL }} so that the same bytes
// work at a domain's root, under a sub-path and in archived copies.
type PageView struct {
	Site *SiteView
	Lang LangView
	// Kind is "home", "section", "article", "terms", "term", "404",
	// "languages", "search" or "alias".
	Kind        string
	Title       string
	Summary     string
	Content     template.HTML
	URL         string
	Permalink   string
	Date        time.Time
	Lastmod     time.Time
	Author      string
	Source      string
	Image       *ImageView
	ReadingTime int
	Words       int
	Tags        []TermView
	Categories  []TermView
	// Translations are the other languages this page exists in; Alternates
	// are all of them, this one included, for hreflang.
	Translations []AltView
	Alternates   []AltView
	XDefault     string
	// Original is set on a translation: the language it was translated from.
	Original *AltView
	// Outdated is set on a translation whose original changed since.
	Outdated bool
	Prev     *ItemView
	Next     *ItemView
	Items    []ItemView // a list page's entries on this page of the list
	Pager    *PagerView
	Terms    []TermView // a taxonomy's terms, on its list page
	Taxonomy string     // "tags" or "categories" on terms and term pages
	Related  []ItemView
	Nav      []NavView
	Target   string // alias pages: the URL redirected to
	// Localized holds, on pages that belong to no language (the 404 page),
	// a message in every language of the site.
	Localized []LocalizedView
	// JSONLD is the schema.org description of an article, for
	// <script type="application/ld+json">.
	JSONLD any
	Assets AssetsView

	assets  map[string]string
	from    string // the URL links are made relative to
	absRoot bool   // links are absolute paths (the 404 page, served at any depth)
	base    string // the site's base URL
}

// Rel turns a root-relative URL into a link from this page.
func (v *PageView) Rel(u string) string {
	if v.absRoot {
		return urlpath.BasePath(v.base) + trimSlash(u)
	}
	return urlpath.Rel(v.from, u)
}

// Asset links to a static file by its source name ("js/search.js"),
// fingerprinted or not.
func (v *PageView) Asset(name string) string {
	if u, ok := v.assets[name]; ok {
		return v.Rel(u)
	}
	return v.Rel("/" + name)
}

// Abs turns a root-relative URL into an absolute one under the base URL.
func (v *PageView) Abs(u string) string { return urlpath.Abs(v.base, u) }

// IsHome and friends let layouts branch without string compares.
func (v *PageView) IsHome() bool    { return v.Kind == "home" }
func (v *PageView) IsArticle() bool { return v.Kind == "article" }

func trimSlash(u string) string {
	if len(u) > 0 && u[0] == '/' {
		return u[1:]
	}
	return u
}

// LocalizedView is a page's message in one language.
type LocalizedView struct {
	Lang  LangView
	Title string
	Text  string
}

// SiteView holds what is the same on every page of one language.
type SiteView struct {
	Title       string
	Description string
	Publisher   string
	Copyright   string
	BaseURL     string
	Year        int // year of the newest article: deterministic, unlike the clock
	Languages   []LangView
	DefaultLang string
}

// LangView is one language of the site.
type LangView struct {
	Code      string
	Name      string
	Dir       string // "ltr" or "rtl"
	Href      string // relative link from the current page to the language's home
	Title     string
	URL       string
	Permalink string
}

// AltView is a version of the current page in another language.
type AltView struct {
	Lang      string
	Name      string
	Dir       string
	Href      string // relative link from the current page
	URL       string
	Permalink string
}

// ItemView is an entry of a list.
type ItemView struct {
	Title       string
	URL         string
	Href        string // relative link from the current page
	Date        time.Time
	DateText    string // Date in the list's language, CLDR medium style
	ISO         string // Date in RFC 3339, for <time datetime>
	Summary     string
	ReadingTime int
	Lang        string
	LangName    string
	Dir         string
	// Foreign marks an article shown in a language it has no version in.
	Foreign bool
	Image   *ImageView
}

// ImageView is an article's picture.
type ImageView struct {
	URL       string // root-relative, or absolute when external
	Permalink string
	Alt       string
	Caption   string
	External  bool
	Width     int // 0 when unknown
	Height    int
	// Variants are smaller copies of a bundle picture, narrowest first,
	// for srcset; the picture itself (URL, Width) is the widest candidate.
	Variants []ImageVariantView
}

// ImageVariantView is one resized copy of a picture.
type ImageVariantView struct {
	URL   string // root-relative
	Width int
}

// TermView is a tag or category.
type TermView struct {
	Name  string
	URL   string
	Href  string // relative link from the current page
	Count int
}

// PagerView is the position of a list page among its pages.
type PagerView struct {
	Number  int
	Total   int
	PrevURL string
	NextURL string
	Pages   []PagerLink
}

// PagerLink is one numbered page link.
type PagerLink struct {
	Number  int
	URL     string
	Href    string // relative link from the current page
	Current bool
}

// NavView is a main-navigation entry.
type NavView struct {
	Title  string
	URL    string
	Href   string // relative link from the current page
	Active bool
}

// AssetsView names the theme's fingerprinted files.
type AssetsView struct {
	CSS string
	JS  string
}
