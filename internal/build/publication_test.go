package build

import (
	"encoding/xml"
	"net/url"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/render"
)

func sampleOutputs(t *testing.T) map[string]render.Output {
	t.Helper()
	res, err := Run(os.DirFS("../.."), attache.Theme(), Options{Now: now, Workers: 2})
	if err != nil {
		t.Fatalf("sample build failed: %v\n%v", err, res.Diags.Err())
	}
	outs := map[string]render.Output{}
	for _, o := range res.Outputs {
		outs[o.Path] = o
	}
	return outs
}

const sampleBase = "https://attache.example.org/"

// outputFor maps an absolute URL of the sample to its output path.
func outputFor(t *testing.T, abs string) string {
	t.Helper()
	if !strings.HasPrefix(abs, sampleBase) {
		t.Errorf("%q is not an absolute URL under %s", abs, sampleBase)
		return ""
	}
	p, err := url.PathUnescape(strings.TrimPrefix(abs, sampleBase))
	if err != nil {
		t.Errorf("%q: %v", abs, err)
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

func TestFeedsAreValidWithAbsoluteLinks(t *testing.T) {
	outs := sampleOutputs(t)
	feeds := 0
	for path, o := range outs {
		if !strings.HasSuffix(path, "index.xml") {
			continue
		}
		feeds++
		var f struct {
			Lang    string `xml:"lang,attr"`
			Channel struct {
				Links []struct {
					XMLName xml.Name
					Value   string `xml:",chardata"`
				} `xml:"link"`
				Items []struct {
					Link    string `xml:"link"`
					PubDate string `xml:"pubDate"`
				} `xml:"item"`
			} `xml:"channel"`
		}
		if err := xml.Unmarshal(o.Data, &f); err != nil {
			t.Errorf("%s: not valid XML: %v", path, err)
			continue
		}
		if top, _, _ := strings.Cut(path, "/"); f.Lang != top {
			t.Errorf("%s: xml:lang %q", path, f.Lang)
		}
		for _, l := range f.Channel.Links {
			if l.XMLName.Space != "" {
				continue // atom:link rel=self
			}
			if _, ok := outs[outputFor(t, l.Value)]; !ok {
				t.Errorf("%s: channel link %s is not a page", path, l.Value)
			}
		}
		for _, it := range f.Channel.Items {
			if _, ok := outs[outputFor(t, it.Link)]; !ok {
				t.Errorf("%s: item link %s is not a page", path, it.Link)
			}
		}
		if len(f.Channel.Items) > render.FeedItems {
			t.Errorf("%s: %d items", path, len(f.Channel.Items))
		}
	}
	// Per language, per section and per term.
	for _, want := range []string{"vi/index.xml", "en/index.xml", "vi/news/index.xml", "vi/tags/thong-tin-doi-ngoai/index.xml"} {
		if _, ok := outs[want]; !ok {
			t.Errorf("missing feed %s", want)
		}
	}
	if feeds < 20 {
		t.Errorf("only %d feeds", feeds)
	}
}

func TestSitemapListsEveryPageWithAlternates(t *testing.T) {
	outs := sampleOutputs(t)
	var idx struct {
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(outs["sitemap.xml"].Data, &idx); err != nil {
		t.Fatal(err)
	}
	if len(idx.Sitemaps) != 5 {
		t.Fatalf("sitemap index lists %d sitemaps", len(idx.Sitemaps))
	}
	listed := map[string]map[string]string{} // output path → hreflang → href
	for _, sm := range idx.Sitemaps {
		var us struct {
			URLs []struct {
				Loc   string `xml:"loc"`
				Links []struct {
					Hreflang string `xml:"hreflang,attr"`
					Href     string `xml:"href,attr"`
				} `xml:"link"`
			} `xml:"url"`
		}
		o, ok := outs[outputFor(t, sm.Loc)]
		if !ok {
			t.Fatalf("sitemap %s missing", sm.Loc)
		}
		if err := xml.Unmarshal(o.Data, &us); err != nil {
			t.Fatalf("%s: %v", sm.Loc, err)
		}
		for _, u := range us.URLs {
			p := outputFor(t, u.Loc)
			if _, ok := outs[p]; !ok {
				t.Errorf("sitemap lists %s, which is not a page", u.Loc)
			}
			alt := map[string]string{}
			for _, l := range u.Links {
				alt[l.Hreflang] = l.Href
			}
			listed[p] = alt
		}
	}
	// Every HTML page but the chooser, the 404, noindex pages and list
	// pages beyond the first is in the sitemap.
	for p, o := range outs {
		if !strings.HasSuffix(p, "index.html") || p == "index.html" || strings.Contains(p, "/page/") {
			continue
		}
		if strings.Contains(string(o.Data), `<meta name="robots" content="noindex">`) {
			continue // alias redirects and search pages are not for indexing
		}
		if _, ok := listed[p]; !ok {
			t.Errorf("%s is not in the sitemap", p)
		}
	}
	// A translated page lists every translation and x-default, and each
	// translation lists it back.
	art := listed["vi/news/hoi-nghi-thong-tin-doi-ngoai-2021/index.html"]
	for _, l := range []string{"vi", "en", "fr", "ar", "zh", "x-default"} {
		if art[l] == "" {
			t.Errorf("article lacks the %s alternate: %v", l, art)
		}
	}
	for p, alt := range listed {
		for lang, href := range alt {
			if lang == "x-default" {
				continue
			}
			back := listed[outputFor(t, href)]
			if back == nil {
				t.Errorf("%s: alternate %s not in the sitemap", p, href)
			} else if back[strings.SplitN(p, "/", 2)[0]] == "" {
				t.Errorf("%s: %s does not list it back", p, href)
			}
		}
	}
}

func TestAliasPagesRedirect(t *testing.T) {
	outs := sampleOutputs(t)
	a := string(outs["vi/tin-cu/hoi-nghi-2021/index.html"].Data)
	for _, want := range []string{
		`<meta http-equiv="refresh" content="0; url=../../news/hoi-nghi-thong-tin-doi-ngoai-2021/">`,
		`<link rel="canonical" href="https://attache.example.org/vi/news/hoi-nghi-thong-tin-doi-ngoai-2021/">`,
		`<meta name="robots" content="noindex">`,
	} {
		if !strings.Contains(a, want) {
			t.Errorf("alias page lacks %s:\n%s", want, a)
		}
	}
}

func TestAliasCollidingWithPageFails(t *testing.T) {
	errs := errorsOf(t, siteFS(map[string]*fstest.MapFile{
		"content/vi/news/a.md": md("title: A\ndate: 2024-01-01\naliases: [/vi/news/b/]", "x"),
		"content/vi/news/b.md": md("title: B\ndate: 2024-01-01", "x"),
	}))
	contains(t, errs, "vi/news/b/index.html", "content/vi/news/a.md")
}

func TestRobotsAndNotFound(t *testing.T) {
	outs := sampleOutputs(t)
	if r := string(outs["robots.txt"].Data); !strings.Contains(r, "Sitemap: https://attache.example.org/sitemap.xml") {
		t.Errorf("robots.txt: %q", r)
	}
	nf := string(outs["404.html"].Data)
	for _, want := range []string{`href="/vi/"`, `href="/ar/"`, `lang="ar" dir="rtl"`, "The page you are looking for"} {
		if !strings.Contains(nf, want) {
			t.Errorf("404 lacks %s", want)
		}
	}
}

func TestOutdatedTranslationNotice(t *testing.T) {
	outs := sampleOutputs(t)
	// The sample's en version records a stale hash of its vi original; the
	// fr version records the current one.
	if en := string(outs["en/news/phan-bac-thong-tin-sai-lech/index.html"].Data); !strings.Contains(en, "notice-outdated") {
		t.Error("the outdated en translation shows no notice")
	}
	if fr := string(outs["fr/news/phan-bac-thong-tin-sai-lech/index.html"].Data); strings.Contains(fr, "notice-outdated") {
		t.Error("the up-to-date fr translation shows the notice")
	}
	if vi := string(outs["vi/news/phan-bac-thong-tin-sai-lech/index.html"].Data); strings.Contains(vi, "notice-outdated") {
		t.Error("the original shows the notice")
	}
}
