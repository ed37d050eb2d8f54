package render

import (
	"bytes"
	"encoding/xml"
	"time"

	"github.com/attache-ssg/attache/internal/site"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// The sitemap is an index at /sitemap.xml pointing at one sitemap per
// language: a language's pages stay under the protocol's 50,000-URL limit
// much longer than the whole site would.

type sitemapIndex struct {
	XMLName  xml.Name      `xml:"sitemapindex"`
	NS       string        `xml:"xmlns,attr"`
	Sitemaps []sitemapLink `xml:"sitemap"`
}

type sitemapLink struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc        string      `xml:"loc"`
	Lastmod    string      `xml:"lastmod,omitempty"`
	Alternates []xhtmlLink `xml:"xhtml:link"`
}

type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

func w3cDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func encodeXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// newest is the latest Lastmod among pages.
func newest(pages []*site.Page) time.Time {
	var t time.Time
	for _, p := range pages {
		if p.Lastmod.After(t) {
			t = p.Lastmod
		}
	}
	return t
}

func (r *renderer) sitemaps() []Output {
	base := r.in.Site.Config.BaseURL
	idx := sitemapIndex{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	var outs []Output
	for _, l := range r.in.Site.Langs {
		us := urlset{NS: idx.NS, XHTML: "http://www.w3.org/1999/xhtml"}
		add := func(p *site.Page, lastmod time.Time) {
			u := sitemapURL{Loc: urlpath.Abs(base, p.URL), Lastmod: w3cDate(lastmod)}
			if len(p.Translations) > 1 {
				def := ""
				for _, t := range p.Translations {
					href := urlpath.Abs(base, t.URL)
					u.Alternates = append(u.Alternates, xhtmlLink{Rel: "alternate", Hreflang: t.Lang, Href: href})
					if t.Lang == r.in.Site.Config.DefaultLanguage {
						def = href
					}
				}
				if def == "" {
					def = urlpath.Abs(base, p.Translations[0].URL)
				}
				if p.Kind == site.Home {
					def = urlpath.Abs(base, "/") // the language chooser, as in the pages
				}
				u.Alternates = append(u.Alternates, xhtmlLink{Rel: "alternate", Hreflang: "x-default", Href: def})
			}
			us.URLs = append(us.URLs, u)
		}
		add(l.Home.Page, newest(l.Home.Pages))
		for _, s := range l.Sections {
			add(s.Page, newest(s.Pages))
		}
		for _, p := range l.Articles {
			add(p, p.Lastmod)
		}
		for _, tax := range []struct {
			name  string
			terms []*site.Term
		}{{"tags", l.Tags}, {"categories", l.Categories}} {
			us.URLs = append(us.URLs, sitemapURL{Loc: urlpath.Abs(base, "/"+l.Config.Code+"/"+tax.name+"/"), Lastmod: w3cDate(newest(l.Articles))})
			for _, t := range tax.terms {
				us.URLs = append(us.URLs, sitemapURL{Loc: urlpath.Abs(base, t.URL), Lastmod: w3cDate(newest(t.Pages))})
			}
		}
		u := "/" + l.Config.Code + "/sitemap.xml"
		data, err := encodeXML(us)
		if err != nil {
			r.diags.Errorf("", 0, 0, "sitemap %s: %v", u, err)
			continue
		}
		outs = append(outs, r.output(u, "", data))
		idx.Sitemaps = append(idx.Sitemaps, sitemapLink{Loc: urlpath.Abs(base, u), Lastmod: w3cDate(newest(l.Articles))})
	}
	data, err := encodeXML(idx)
	if err != nil {
		r.diags.Errorf("", 0, 0, "sitemap index: %v", err)
		return outs
	}
	robots := "User-agent: *\nAllow: /\n\nSitemap: " + urlpath.Abs(base, "/sitemap.xml") + "\n"
	outs = append(outs, r.output("/sitemap.xml", "", data), r.output("/robots.txt", "", []byte(robots)))
	return nonEmpty(outs...)
}
