package site

import (
	"sort"
	"strings"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/slug"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// Less is the order of every list: weighted pages first (lower weight
// first), then newest first, then by title and URL so ties are stable.
func Less(a, b *Page) bool {
	wa, wb := a.Weight, b.Weight
	if (wa != 0) != (wb != 0) {
		return wa != 0
	}
	if wa != wb {
		return wa < wb
	}
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.URL < b.URL
}

func sortPages(ps []*Page) { sort.SliceStable(ps, func(i, j int) bool { return Less(ps[i], ps[j]) }) }

// language builds the home, sections, article list and taxonomies of one
// language.
func (a *assembler) language(lc config.Language, pages []*Page) *Lang {
	l := &Lang{Config: lc}
	nodes := map[string]*SectionNode{}
	node := func(dir string, p *Page) *SectionNode {
		n := nodes[dir]
		if n == nil {
			n = &SectionNode{Dir: dir, Lang: lc.Code}
			nodes[dir] = n
		}
		if p != nil {
			n.Page = p
		}
		return n
	}
	for _, p := range pages {
		if p.Lang != lc.Code {
			continue
		}
		switch p.Kind {
		case Home:
			node("", p)
		case Section:
			node(p.Dir, p)
		case Article:
			l.Articles = append(l.Articles, p)
			// Every top-level folder is a section even without _index.md.
			if top, _, _ := strings.Cut(p.Dir, "/"); top != "" && !isBundleDir(p, top) {
				node(top, nil)
			}
		}
	}
	node("", nil)
	sortPages(l.Articles)
	// Attach each article to its nearest section and to every section above.
	for _, p := range l.Articles {
		dir := p.Dir
		if isBundle(p) {
			dir = parentDir(dir)
		}
		own := true
		for {
			if n, ok := nodes[dir]; ok {
				if own {
					n.Own = append(n.Own, p)
					p.Section = n
					own = false
				}
				n.Pages = append(n.Pages, p)
			}
			if dir == "" {
				break
			}
			dir = parentDir(dir)
		}
	}
	var dirs []string
	for d := range nodes {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		n := nodes[d]
		if n.Page == nil {
			n.Page = a.madeUpSection(lc, d)
		}
		n.Page.Section = n
		if d == "" {
			l.Home = n
		} else {
			l.Sections = append(l.Sections, n)
		}
	}
	for _, n := range nodes {
		for i, p := range n.Own {
			if i > 0 {
				p.Prev = n.Own[i-1]
			}
			if i+1 < len(n.Own) {
				p.Next = n.Own[i+1]
			}
		}
	}
	l.Tags = a.taxonomy(lc.Code, "tags", l.Articles, func(p *Page) []string { return p.Meta.Tags }, func(p *Page, t []*Term) { p.Tags = t })
	l.Categories = a.taxonomy(lc.Code, "categories", l.Articles, func(p *Page) []string { return p.Meta.Categories }, func(p *Page, t []*Term) { p.Categories = t })
	related(l.Articles)
	return l
}

// relatedScan is how many of a tag's newest articles are candidates for
// the related articles of a page carrying it.
const relatedScan = 500

// related fills Page.Related from the tag index: candidates are the other
// pages of each of a page's tags, scored by the number of tags shared.
// Work is proportional to the tag lists touched, not to the square of the
// number of articles.
func related(arts []*Page) {
	// Pages are numbered (arts first, in list order: newest first), and
	// each tag's candidates turned into numbers once, so scoring an
	// article is counting in a slice, not hashing pointers: on 10,000
	// articles a map made this most of the assembly.
	ids := make(map[*Page]int32, len(arts))
	pages := append([]*Page(nil), arts...)
	rank := make([]int32, len(arts), len(arts)+16)
	for i, p := range arts {
		ids[p] = int32(i)
		rank[i] = int32(i)
	}
	cands := map[*Term][]int32{}
	for _, p := range arts {
		for _, t := range p.Tags {
			if _, ok := cands[t]; ok {
				continue
			}
			// A tag on thousands of articles would make this quadratic;
			// its newest relatedScan articles are the ones worth showing.
			scan := t.Pages[:min(len(t.Pages), relatedScan)]
			c := make([]int32, len(scan))
			for k, q := range scan {
				id, ok := ids[q]
				if !ok {
					id = int32(len(pages))
					ids[q] = id
					pages = append(pages, q)
					rank = append(rank, 0)
				}
				c[k] = id
			}
			cands[t] = c
		}
	}
	score := make([]int32, len(pages))
	var touched []int32
	for _, p := range arts {
		if len(p.Tags) == 0 {
			continue
		}
		self := ids[p]
		touched = touched[:0]
		for _, t := range p.Tags {
			for _, id := range cands[t] {
				if id == self {
					continue
				}
				if score[id] == 0 {
					touched = append(touched, id)
				}
				score[id]++
			}
		}
		top := NewTopK(MaxRelated, func(a, b int32) bool {
			if score[a] != score[b] {
				return score[a] > score[b]
			}
			return rank[a] < rank[b]
		})
		for _, id := range touched {
			top.Offer(id)
		}
		if best := top.Items(); len(best) > 0 {
			p.Related = make([]*Page, len(best))
			for k, id := range best {
				p.Related[k] = pages[id]
			}
		}
		for _, id := range touched {
			score[id] = 0
		}
	}
}

func isBundle(p *Page) bool { return p.File != "" && strings.HasSuffix(p.File, "/index.md") }

// isBundleDir reports whether top is the bundle folder of p itself (a
// bundle directly under the language folder is not a section).
func isBundleDir(p *Page, top string) bool { return isBundle(p) && p.Dir == top }

func parentDir(d string) string {
	if i := strings.LastIndexByte(d, '/'); i >= 0 {
		return d[:i]
	}
	return ""
}

// madeUpSection is the page of a folder without _index.md: titled by the
// folder name, which the theme may translate.
func (a *assembler) madeUpSection(lc config.Language, dir string) *Page {
	p := &Page{Lang: lc.Code, Kind: Section, Dir: dir}
	if dir == "" {
		p.Kind = Home
		p.URL = "/" + lc.Code + "/"
		p.Title = lc.Title
		if p.Title == "" {
			p.Title = lc.Name
		}
		return p
	}
	var segs []string
	for _, s := range strings.Split(dir, "/") {
		segs = append(segs, slug.Make(s))
	}
	p.URL = "/" + lc.Code + "/" + strings.Join(segs, "/") + "/"
	name := dir[strings.LastIndexByte(dir, '/')+1:]
	p.Title = strings.ToUpper(name[:1]) + name[1:]
	p.Key = "section:" + dir
	p.Translations = []*Page{p}
	return p
}

func (a *assembler) taxonomy(lang, name string, arts []*Page, get func(*Page) []string, set func(*Page, []*Term)) []*Term {
	bySlug := map[string]*Term{}
	for _, p := range arts {
		var terms []*Term
		seen := map[string]bool{}
		for _, raw := range get(p) {
			s := slug.Make(raw)
			if s == "" {
				a.diags.Warnf(p.File, p.Meta.Lines[name], 0, "%s term %q gives an empty slug; skipped", name, raw)
				continue
			}
			if seen[s] {
				continue
			}
			seen[s] = true
			t := bySlug[s]
			if t == nil {
				t = &Term{Taxonomy: name, Name: raw, Slug: s, URL: "/" + lang + "/" + name + "/" + s + "/"}
				bySlug[s] = t
			}
			t.Pages = append(t.Pages, p) // arts is sorted, so t.Pages is too
			terms = append(terms, t)
		}
		set(p, terms)
	}
	out := make([]*Term, 0, len(bySlug))
	for _, t := range bySlug {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out
}

// markUntranslated lists, in each language's home and sections, the
// articles that have no version in that language, in their original
// language, when the site asks for it.
func (a *assembler) markUntranslated(s *Site) {
	if a.cfg.Untranslated != "mark" {
		return
	}
	def := s.Lang(a.cfg.DefaultLanguage)
	for _, l := range s.Langs {
		added := false
		for _, src := range s.Langs {
			if src == l {
				continue
			}
			for _, p := range src.Articles {
				if p.Translation(l.Config.Code) != nil || !isRepresentative(p, def) {
					continue
				}
				added = true
				l.Home.Pages = append(l.Home.Pages, p)
				dir := p.Dir
				if isBundle(p) {
					dir = parentDir(dir)
				}
				for {
					for _, n := range l.Sections {
						if n.Dir == dir {
							n.Pages = append(n.Pages, p)
						}
					}
					if dir == "" {
						break
					}
					dir = parentDir(dir)
				}
			}
		}
		if added {
			sortPages(l.Home.Pages)
			for _, n := range l.Sections {
				sortPages(n.Pages)
			}
		}
	}
}

// isRepresentative picks one version of a group to show in languages that
// lack it: the default language's, else the first in site order.
func isRepresentative(p *Page, def *Lang) bool {
	if def != nil {
		if v := p.Translation(def.Config.Code); v != nil {
			return v == p
		}
	}
	return p.Translations[0] == p
}

// checkURLs reports two pages that claim one URL, naming both files and,
// where one of them set it with `slug`, that line; and an alias that would
// overwrite a page, a file every build writes at the root, or another
// alias, at the line of `aliases`.
func (a *assembler) checkURLs(s *Site) {
	owner := map[string]*Page{}
	for _, p := range s.Pages() {
		if q, ok := owner[p.URL]; ok {
			at := p
			if p.Meta.Lines["slug"] == 0 && q.Meta.Lines["slug"] > 0 {
				at = q
			}
			a.diags.Errorf(at.File, at.Meta.Lines["slug"], 0, "URL %s is claimed by both %s and %s", p.URL, nameOf(q), nameOf(p))
			continue
		}
		owner[p.URL] = p
	}
	for _, l := range s.Langs {
		for _, tax := range []string{"tags", "categories"} {
			u := "/" + l.Config.Code + "/" + tax + "/"
			if q, ok := owner[u]; ok {
				a.diags.Errorf(q.File, q.Meta.Lines["slug"], 0, "URL %s is reserved for the %s list", u, tax)
			}
		}
	}
	written := map[string]string{} // output file → what writes it
	for u, p := range owner {
		if f, err := urlpath.OutFile(u); err == nil {
			written[f] = nameOf(p)
		}
	}
	for _, f := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "versions.json"} {
		written[f] = "attache itself"
	}
	for _, p := range s.Pages() {
		for _, al := range p.Aliases {
			f, err := urlpath.OutFile(al)
			if err != nil {
				continue // reported where the alias was read
			}
			if by, ok := written[f]; ok {
				a.diags.Errorf(p.File, p.Meta.Lines["aliases"], 0, "alias %s would overwrite %s, which %s writes", al, f, by)
				continue
			}
			written[f] = "an alias in " + nameOf(p)
		}
	}
}

func nameOf(p *Page) string {
	if p.File != "" {
		return p.File
	}
	return "the " + p.Kind.String() + " page of " + p.URL
}
