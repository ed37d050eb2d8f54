package site

import (
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/frontmatter"
	"github.com/attache-ssg/attache/internal/markdown"
	"github.com/attache-ssg/attache/internal/slug"
	"github.com/attache-ssg/attache/internal/source"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// Input is one parsed Markdown file.
type Input struct {
	File     source.PageFile
	Meta     frontmatter.Meta
	Doc      *markdown.Doc
	BodyLine int
	Hash     string // frontmatter.Hash of the title and body
}

// Options are the build switches that change which pages exist.
type Options struct {
	Drafts bool      // include pages with draft: true
	Future bool      // include pages dated after Now
	Now    time.Time // the moment that decides what is in the future
}

// Site is the assembled model.
type Site struct {
	Config *config.Config
	Langs  []*Lang          // in the site's language order
	ByFile map[string]*Page // site-relative source path → page (published pages only)
	// Resources are content files outside bundles, published at their path.
	Resources []Resource
}

// Lang is everything of one language.
type Lang struct {
	Config     config.Language
	Home       *SectionNode
	Sections   []*SectionNode // sorted by Dir; the home is not among them
	Articles   []*Page        // this language's own articles, sorted for listing
	Tags       []*Term        // sorted by slug
	Categories []*Term
}

// Lang returns the language with the given code, or nil.
func (s *Site) Lang(code string) *Lang {
	for _, l := range s.Langs {
		if l.Config.Code == code {
			return l
		}
	}
	return nil
}

// Pages returns every published page (homes, sections, articles) of every
// language, in a stable order.
func (s *Site) Pages() []*Page {
	var out []*Page
	for _, l := range s.Langs {
		out = append(out, l.Home.Page)
		for _, sec := range l.Sections {
			out = append(out, sec.Page)
		}
		out = append(out, l.Articles...)
	}
	return out
}

// wordsPerMinute for reading time; scripts without spaces are counted in
// characters, which read faster.
func wordsPerMinute(lang string) int {
	switch strings.SplitN(lang, "-", 2)[0] {
	case "zh", "ja", "ko":
		return 400
	}
	return 220
}

// Assemble builds the model from parsed inputs. Problems go to diags; the
// returned Site is usable for rendering only when diags holds no error.
func Assemble(cfg *config.Config, inputs []Input, resources []source.Resource, opts Options, diags *diag.List) *Site {
	a := &assembler{cfg: cfg, opts: opts, diags: diags, byFile: map[string]*Page{}}
	pages := a.makePages(inputs)
	a.linkTranslations(pages)
	pages = a.filter(pages)
	s := &Site{Config: cfg, ByFile: map[string]*Page{}}
	for _, p := range pages {
		s.ByFile[p.File] = p
	}
	a.resources(s, pages, resources)
	for _, lc := range cfg.Languages {
		s.Langs = append(s.Langs, a.language(lc, pages))
	}
	a.markUntranslated(s)
	a.checkURLs(s)
	return s
}

type assembler struct {
	cfg    *config.Config
	opts   Options
	diags  *diag.List
	byFile map[string]*Page
}

func (a *assembler) makePages(inputs []Input) []*Page {
	warned := map[string]bool{}
	var pages []*Page
	for _, in := range inputs {
		f := in.File
		if !a.cfg.HasLanguage(f.Lang) {
			if !warned[f.Lang] && !a.cfg.LeftOut(f.Lang) {
				warned[f.Lang] = true
				a.diags.Warnf("content/"+f.Lang, 0, 0, "language %q is not in %s; its files are skipped", f.Lang, config.File)
			}
			continue
		}
		p := &Page{File: f.Path, Lang: f.Lang, Meta: in.Meta, Doc: in.Doc, BodyLine: in.BodyLine, Hash: in.Hash, Dir: f.Dir()}
		switch {
		case f.Kind == source.Section && p.Dir == "":
			p.Kind = Home
		case f.Kind == source.Section:
			p.Kind = Section
		default:
			p.Kind = Article
			if f.Bundle {
				p.Dir = path.Dir(f.Rel)
				if p.Dir == "." {
					a.diags.Errorf(f.Path, 0, 0, "index.md at the top of a language folder is ambiguous: name the home page _index.md")
					continue
				}
			}
		}
		if !a.setURL(p, f) {
			continue
		}
		p.Title = in.Meta.Title
		if p.Title == "" && p.Kind == Article {
			a.diags.Errorf(f.Path, 1, 0, "title is required")
			continue
		}
		a.aliases(p)
		a.byFile[p.File] = p
		pages = append(pages, p)
	}
	return pages
}

// setURL derives the page's URL from its folder and slug.
func (a *assembler) setURL(p *Page, f source.PageFile) bool {
	var segs []string
	dir := p.Dir
	if p.Kind == Article && !f.Bundle {
		dir = f.Dir()
	}
	if dir != "" {
		for _, seg := range strings.Split(dir, "/") {
			s := slug.Make(seg)
			if s == "" {
				a.diags.Errorf(f.Path, 0, 0, "folder name %q gives an empty URL segment", seg)
				return false
			}
			segs = append(segs, s)
		}
	}
	if p.Kind == Article {
		var name string
		if f.Bundle {
			name = segs[len(segs)-1]
			segs = segs[:len(segs)-1]
		} else {
			base := path.Base(f.Rel)
			name = slug.Make(strings.TrimSuffix(base, path.Ext(base)))
		}
		if s := p.Meta.Slug; s != "" {
			if !slug.IsValid(s) {
				a.diags.Errorf(f.Path, p.Meta.Lines["slug"], 0, "slug %q is not a clean URL segment (try %q)", s, slug.Make(s))
				return false
			}
			name = s
		}
		if name == "" {
			a.diags.Errorf(f.Path, 0, 0, "file name gives an empty slug: set `slug:` in the front matter")
			return false
		}
		segs = append(segs, name)
	}
	u := "/" + p.Lang + "/"
	if len(segs) > 0 {
		u += strings.Join(segs, "/") + "/"
	}
	if _, err := urlpath.OutFile(u); err != nil {
		a.diags.Errorf(f.Path, 0, 0, "URL %s: %v", u, err)
		return false
	}
	p.URL = u
	return true
}

// linkTranslations groups versions of one page and fills inherited fields.
func (a *assembler) linkTranslations(pages []*Page) {
	groups := map[string][]*Page{}
	var keys []string
	for _, p := range pages {
		k := p.Meta.TranslationKey
		switch {
		case k != "":
			k = "key:" + k
		case p.Kind == Article:
			k = "path:" + strings.TrimSuffix(pathUnderLang(p.File), path.Ext(p.File))
			k = strings.TrimSuffix(k, "/index")
		default:
			k = "section:" + p.Dir
		}
		p.Key = k
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], p)
	}
	order := map[string]int{}
	for i, l := range a.cfg.Languages {
		order[l.Code] = i
	}
	for _, k := range keys {
		g := groups[k]
		sort.Slice(g, func(i, j int) bool {
			if order[g[i].Lang] != order[g[j].Lang] {
				return order[g[i].Lang] < order[g[j].Lang]
			}
			return g[i].File < g[j].File
		})
		kept := g[:0]
		for i, p := range g {
			if i > 0 && g[i-1].Lang == p.Lang {
				a.diags.Errorf(p.File, p.Meta.Lines["translationKey"], 0, "two %s versions of one page: %s and %s", p.Lang, g[i-1].File, p.File)
				p.Translations = []*Page{p} // keep the model whole; the build fails anyway
				continue
			}
			kept = append(kept, p)
		}
		for _, p := range kept {
			p.Translations = kept
		}
		for _, p := range kept {
			p.Original = originalOf(p, kept, a.cfg.DefaultLanguage)
			a.inherit(p)
		}
	}
}

func pathUnderLang(file string) string {
	rest := strings.TrimPrefix(file, "content/")
	_, rel, _ := strings.Cut(rest, "/")
	return rel
}

func originalOf(p *Page, group []*Page, def string) *Page {
	from := def
	if tf := p.Meta.TranslatedFrom; tf != nil {
		from = tf.Lang
	}
	if from == p.Lang {
		return nil
	}
	for _, q := range group {
		if q.Lang == from {
			return q
		}
	}
	return nil
}

// inherit fills what a translation does not set and is not words.
func (a *assembler) inherit(p *Page) {
	m := p.Meta
	// get returns the front matter that sets key: this page's, else the
	// nearest original's up the chain (a translation of a translation
	// inherits from the first page that says).
	from := func(key string) *Page {
		q := p
		for depth := 0; q != nil && depth < 16; depth++ {
			if q.Meta.Set[key] {
				return q
			}
			q = q.Original
		}
		return p
	}
	get := func(key string) frontmatter.Meta { return from(key).Meta }
	p.Date = get("date").Date
	if !p.Date.IsZero() {
		p.Date = p.Date.In(a.cfg.TimeZone)
	}
	p.Lastmod = m.Lastmod
	if p.Lastmod.IsZero() {
		p.Lastmod = p.Date
	} else {
		p.Lastmod = p.Lastmod.In(a.cfg.TimeZone)
	}
	if ip := from("image"); ip.Meta.Image != nil {
		p.Image = ip.Meta.Image
		p.ImageOwner = ip
	}
	p.Author = get("author").Author
	p.Source = get("source").Source
	p.Weight = get("weight").Weight
	if p.Kind == Article && p.Date.IsZero() {
		a.diags.Errorf(p.File, 1, 0, "date is required for articles (e.g. `date: 2024-03-05`)")
	}
	p.fromBody()
}

// fromBody fills what is computed from the page's body: its words,
// reading time and, unless the front matter gives one, summary.
func (p *Page) fromBody() {
	p.Summary = p.Meta.Summary
	p.Words = 0
	if p.Doc != nil {
		p.Words = p.Doc.WordCount()
		if p.Summary == "" {
			// The lead (1 KiB of text) is all a Doc keeps of its text,
			// several times what 160 characters need.
			p.Summary = summarize(p.Doc.Lead(), 160)
		}
	}
	if p.Kind == Article {
		wpm := wordsPerMinute(p.Lang)
		p.ReadingTime = (p.Words + wpm - 1) / wpm
		if p.ReadingTime < 1 {
			p.ReadingTime = 1
		}
	}
}

// summarize cuts text to about max runes at a word boundary.
func summarize(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= max {
		return text
	}
	cut := 0
	for i := range text {
		if cut >= max {
			text = text[:i]
			break
		}
		cut++
	}
	if i := strings.LastIndexByte(text, ' '); i > len(text)/2 {
		text = text[:i]
	}
	return strings.TrimRight(text, " ,;:.") + "…"
}

func (a *assembler) filter(pages []*Page) []*Page {
	kept := pages[:0]
	dropped := map[*Page]bool{}
	for _, p := range pages {
		if p.Meta.Draft && !a.opts.Drafts {
			dropped[p] = true
			continue
		}
		if p.Kind == Article && !a.opts.Future && p.Date.After(a.opts.Now) {
			dropped[p] = true
			continue
		}
		kept = append(kept, p)
	}
	if len(dropped) == 0 {
		return kept
	}
	for _, p := range kept {
		var tr []*Page
		for _, t := range p.Translations {
			if !dropped[t] {
				tr = append(tr, t)
			}
		}
		p.Translations = tr
		if dropped[p.Original] {
			p.Original = nil
		}
	}
	return kept
}

func (a *assembler) resources(s *Site, pages []*Page, res []source.Resource) {
	for _, r := range res {
		if r.Lang == "" || !a.cfg.HasLanguage(r.Lang) {
			continue
		}
		if r.Owner != "" {
			p := s.ByFile[r.Owner]
			if p == nil {
				continue // the bundle is a draft or failed
			}
			bundleDir := path.Dir(r.Owner)
			rel := strings.TrimPrefix(r.Path, bundleDir+"/")
			p.Resources = append(p.Resources, Resource{File: r.Path, URL: p.URL + rel})
			continue
		}
		segs := strings.Split(r.Rel, "/")
		for i := range segs[:len(segs)-1] {
			segs[i] = slug.Make(segs[i])
		}
		s.Resources = append(s.Resources, Resource{File: r.Path, URL: "/" + r.Lang + "/" + strings.Join(segs, "/")})
	}
}

// aliases turns the page's `aliases` into root-relative URLs: one without
// a leading slash is relative to the language's home.
func (a *assembler) aliases(p *Page) {
	for _, al := range p.Meta.Aliases {
		u := al
		if !strings.HasPrefix(u, "/") {
			u = "/" + p.Lang + "/" + u
		}
		if !strings.HasSuffix(u, "/") && path.Ext(u) == "" {
			u += "/"
		}
		if _, err := urlpath.OutFile(u); err != nil || urlpath.IsExternal(al) {
			a.diags.Errorf(p.File, p.Meta.Lines["aliases"], 0, "alias %q: not a path inside the site", al)
			continue
		}
		p.Aliases = append(p.Aliases, path.Clean(u)+map[bool]string{true: "/", false: ""}[strings.HasSuffix(u, "/") && u != "/"])
	}
}
