package render

import (
	"bytes"
	"encoding/xml"
	"strings"
	"sync"
	"time"

	"github.com/attache-ssg/attache/internal/gotemplate/html"
	"github.com/attache-ssg/attache/internal/site"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// FeedItems is how many of the newest articles a feed carries.
const FeedItems = 20

type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	Lang    string     `xml:"xml:lang,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	Generator     string    `xml:"generator"`
	LastBuildDate string    `xml:"lastBuildDate,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	GUID        rssGUID  `xml:"guid"`
	PubDate     string   `xml:"pubDate"`
	Author      string   `xml:"dc:creator,omitempty"`
	Categories  []string `xml:"category"`
	Description string   `xml:"description"`
}

type rssGUID struct {
	IsPermaLink string `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// feed renders an RSS 2.0 feed at url for the newest of pages. Links are
// absolute (feed readers have no base), and so are the links inside full
// content.
func (r *renderer) feed(l *site.Lang, url, title string, pages []*site.Page) Output {
	base := r.in.Site.Config.BaseURL
	code := l.Config.Code
	f := rss{Version: "2.0", Atom: "http://www.w3.org/2005/Atom", Lang: code}
	ch := &f.Channel
	ch.Title = title
	ch.Link = urlpath.Abs(base, strings.TrimSuffix(url, "index.xml"))
	ch.Description = orDefault(l.Config.Description, title)
	ch.Language = code
	ch.Generator = "attache"
	ch.Self = atomLink{Href: urlpath.Abs(base, url), Rel: "self", Type: "application/rss+xml"}
	for _, p := range newestFirst(pages, code, FeedItems) {
		if ch.LastBuildDate == "" {
			ch.LastBuildDate = p.Lastmod.Format(time.RFC1123Z)
		}
		it := rssItem{Title: p.Title, Link: urlpath.Abs(base, p.URL), PubDate: p.Date.Format(time.RFC1123Z), Author: p.Author}
		it.GUID = rssGUID{IsPermaLink: "true", Value: it.Link}
		for _, c := range p.Categories {
			it.Categories = append(it.Categories, c.Name)
		}
		if r.in.Site.Config.FeedContent == "full" && p.Doc != nil {
			it.Description = string(r.absoluteHTML(p))
		} else {
			it.Description = p.Summary
		}
		ch.Items = append(ch.Items, it)
	}
	buf := r.getBuffer()
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		r.diags.Errorf("", 0, 0, "feed %s: %v", url, err)
		r.putBuffer(buf)
		return Output{}
	}
	// The dc: prefix needs its namespace on the root element, which
	// encoding/xml cannot declare by itself.
	out := r.getBuffer()
	out.WriteString(xml.Header)
	rest := buf.Bytes()
	if i := bytes.Index(rest, []byte(rssStart)); i >= 0 {
		out.Write(rest[:i+len(rssStart)])
		out.WriteString(` xmlns:dc="http://purl.org/dc/elements/1.1/"`)
		rest = rest[i+len(rssStart):]
	}
	out.Write(rest)
	out.WriteByte('\n')
	r.putBuffer(buf)
	return r.bufferOutput(url, "", out)
}

const rssStart = `<rss version="2.0"`

// newestFirst picks the n newest articles of language lang from pages
// (lists put weighted articles first; a feed is a timeline). Untranslated
// articles shown in a language's lists stay out of its feeds.
func newestFirst(pages []*site.Page, lang string, n int) []*site.Page {
	top := site.NewTopK(n, func(a, b *site.Page) bool {
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.URL < b.URL
	})
	for _, p := range pages {
		if p.Lang == lang {
			top.Offer(p)
		}
	}
	return top.Items()
}

// absoluteHTML renders a page's Markdown with every internal link made
// absolute, once per page however many feeds carry it.
func (r *renderer) absoluteHTML(p *site.Page) template.HTML {
	v, _ := r.absHTML.LoadOrStore(p, &absEntry{})
	e := v.(*absEntry)
	e.once.Do(func() {
		var buf bytes.Buffer
		p.Doc.Render(&buf, func(l markdownLink) string {
			rel := r.linkTarget(p, l)
			if rel == "" {
				return l.Dest
			}
			return urlpath.Abs(r.in.Site.Config.BaseURL, rel)
		})
		e.html = template.HTML(buf.String())
	})
	return e.html
}

type absEntry struct {
	once sync.Once
	html template.HTML
}
