package archive

import (
	"fmt"
	"html"
	"net/url"
	"strings"

	"github.com/attache-ssg/attache/internal/i18n"
	"github.com/attache-ssg/attache/internal/render"
)

// MainSite is the publisher's site a bundle is a copy of.
type MainSite struct {
	BaseURL         string            // the main site's base URL (site.yaml's baseURL), absolute, ends with "/"
	Titles          map[string]string // the site's title per language code
	DefaultLanguage string
	Bundle          *i18n.Bundle // localizes the link
}

// MessageMainSite is the UI string MarkMirror uses when the theme has it:
// the link's text, with {{ .Title }} (the site's title in the page's
// language) and {{ .Host }} (the main site's host name). Without it the
// link reads "Title · host", which needs no translation.
const MessageMainSite = "mainSite"

// MarkMirror returns outs with a link to the main site inserted right after
// the <body> start tag of every rendered HTML page (outputs holding Data;
// copied files are left alone): a copy hosted by an embassy says whose it
// is and leads back to the original. The link goes to the main site's home
// in the page's language (a page of the copy may be gone from the main
// site by now; its home is not).
func MarkMirror(outs []render.Output, main MainSite) ([]render.Output, error) {
	u, err := url.Parse(main.BaseURL)
	if err != nil || u.Host == "" || !strings.HasSuffix(main.BaseURL, "/") {
		return nil, fmt.Errorf("main site address %q must be an absolute URL ending in /", main.BaseURL)
	}
	if main.Bundle == nil {
		return nil, fmt.Errorf("archive: no UI strings to localize the main-site link with")
	}
	res := make([]render.Output, len(outs))
	for i, o := range outs {
		res[i] = o
		if o.Data == nil || !strings.HasSuffix(strings.ToLower(o.Path), ".html") {
			continue
		}
		d := scanHTML(o.Data)
		lang := d.lang
		if lang == "" {
			lang = main.DefaultLanguage
		}
		title := main.Titles[lang]
		if title == "" {
			title = main.Titles[main.DefaultLanguage]
		}
		href := main.BaseURL
		if _, ok := main.Titles[lang]; ok {
			href += url.PathEscape(lang) + "/"
		}
		text := main.Bundle.Translator(lang).T(MessageMainSite, "Title", title, "Host", u.Host)
		if text == MessageMainSite || text == "" {
			text = strings.TrimSpace(title + " · " + u.Host)
		}
		notice := "\n" + `<div class="mirror-notice" role="note"><a href="` + html.EscapeString(href) + `" hreflang="` + html.EscapeString(lang) + `">` + html.EscapeString(text) + `</a></div>`
		if b, ok := rewrite(o.Data, d, notice, ""); ok {
			res[i].Data = b
		}
	}
	return res, nil
}
