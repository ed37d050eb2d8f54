package hostile

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/attache-ssg/attache/internal/build"
)

// xssBodies are Markdown bodies that try to run script ("PWNED" marks the
// payloads): raw HTML of every kind, script URLs in every link syntax,
// attribute syntax on headings, and tags split across lines.
var xssBodies = []string{
	"<script>alert('PWNED')</script>",
	"a <script>alert('PWNED')</script> b",
	"<SCRIPT SRC=//evil.example/PWNED.js></SCRIPT>",
	"<img src=x onerror=alert('PWNED')>",
	"<svg onload=alert('PWNED')><script>PWNED</script></svg>",
	"<iframe src=\"javascript:alert('PWNED')\"></iframe>",
	"<a href=\"javascript:alert('PWNED')\">x</a> <a href=\"jav&#x09;ascript:PWNED\">y</a>",
	"<div onclick=\"PWNED()\">\n\n*md*\n\n</div>",
	"a <b\nonmouseover=\"PWNED()\">b</b>",
	"<math><mtext><table><mglyph><style><img src=x onerror=PWNED()>",
	"<noscript><p title=\"</noscript><img src=x onerror=PWNED()>\">",
	"<style>*{background:url(javascript:PWNED)}</style><div style=\"background:url(javascript:PWNED)\">s</div>",
	"<form action=\"javascript:PWNED\"><button formaction=\"javascript:PWNED\">x</button></form>",
	"<object data=\"javascript:PWNED\"></object><embed src=\"javascript:PWNED\"><base href=\"javascript:PWNED//\">",
	"<meta http-equiv=\"refresh\" content=\"0;url=javascript:PWNED\">",
	"<details open ontoggle=PWNED()>x</details>",
	"[a](javascript:PWNED) [b](JaVaScRiPt:PWNED) [c](&#106;avascript:PWNED) [d](&#x20;javascript:PWNED)",
	"![i](javascript:PWNED) ![j](data:text/html,PWNED) [k](data:text/html;base64,UFdORUQ=) [l](vbscript:PWNED)",
	"<javascript:PWNED> <JAVASCRIPT:PWNED>",
	"[r1] [r2]\n\n[r1]: javascript:PWNED\n[r2]: <javascript:PWNED> \"t\"",
	"## h {onclick=PWNED}\n\n## g {#id onmouseover=\"PWNED\" .c}\n",
	"[^1]\n\n[^1]: <img src=x onerror=PWNED()> [x](javascript:PWNED)",
	"| <img src=x onerror=PWNED()> | [x](javascript:PWNED) |\n|---|---|\n| a | b |",
	"```html\n<script>PWNED</script>\n```\n\n`<script>PWNED</script>`",
	"<!--><script>PWNED</script>-->",
	"<scr<script>ipt>PWNED</script>",
	"<textarea>\n<script>PWNED</script>\n</textarea>",
	"x <?php PWNED ?> <![CDATA[ <script>PWNED</script> ]]>",
	"[a](https://ok.example/\" onclick=\"PWNED) [b](<https://ok.example/x\" onclick=\"PWNED>)",
	"[a](/vi/ \"title\\\" onclick=\\\"PWNED\")",
	"www.example.org/\"onmouseover=\"PWNED",
}

// xssFront are front matter values a careless or hostile author could
// write: they reach titles, meta tags, JSON-LD, feeds and lists.
var xssFront = []string{
	`title: "</title><script>PWNED</script>"`,
	`summary: "\" onmouseover=\"PWNED"`,
	`author: "</script><script>PWNED</script>"`,
	`source: "<img src=x onerror=PWNED>"`,
	`tags: ["<script>PWNED</script>", "\" onclick=\"PWNED"]`,
	`categories: ["javascript:PWNED"]`,
	`image: {src: "https://ok.example/a.jpg", alt: "\" onerror=\"PWNED", caption: "<script>PWNED</script>"}`,
	`description: "</script><script>PWNED</script>"`,
}

// xssSite is a site with one article per body and per front matter value,
// in Vietnamese and (the bodies) English, so translations, feeds, lists
// and tag pages all carry the payloads.
func xssSite(extraConfig string) map[string]string {
	files := map[string]string{}
	for i, body := range xssBodies {
		name := "content/vi/news/body-" + itoa2(i) + ".md"
		files[name] = article("summary: \"\"", body)
		files["content/en/news/body-"+itoa2(i)+".md"] = article("title: Body", body)
	}
	for i, front := range xssFront {
		files["content/vi/news/front-"+itoa2(i)+".md"] = article(front, "Văn bản.")
	}
	files["i18n/vi.yaml"] = "home: \"<script>PWNED</script>\"\nsearch: \"\\\" onclick=\\\"PWNED\"\n"
	return files
}

func itoa2(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

// TestNoScriptByDefault: whatever the Markdown and front matter say, with
// the default configuration no output holds anything that runs an author's
// script, in pages, feeds (feed readers render their HTML) or the search
// index. The feeds carry full content so bodies reach them too.
func TestNoScriptByDefault(t *testing.T) {
	site := mapSite(xssSite(""))
	site["site.yaml"].Data = []byte(siteYAML + "feedContent: full\n")
	o := buildBounded(t, site, build.Options{})
	checkNoScript(t, o)
}

// TestNoScriptWithUnsafeHTML: a site that allows raw HTML (markup:
// {unsafeHTML: true}) still gets no script, event handler or script URL
// from its authors: raw HTML passes an allow-list sanitizer. What the
// sanitizer keeps is checked in internal/markdown.
func TestNoScriptWithUnsafeHTML(t *testing.T) {
	site := mapSite(xssSite(""))
	site["site.yaml"].Data = []byte(siteYAML + "feedContent: full\nmarkup: {unsafeHTML: true}\n")
	site["content/vi/news/kept.md"] = &fstest.MapFile{Data: []byte(article("", "<div class=\"note\"><strong>Giữ lại</strong></div>\n"))}
	o := buildBounded(t, site, build.Options{})
	checkNoScript(t, o)
	if page := string(o.outputs["vi/news/kept/index.html"]); !strings.Contains(page, `<div class="note"><strong>Giữ lại</strong></div>`) {
		t.Errorf("raw HTML allowed by the site was not kept")
	}
}

func checkNoScript(t *testing.T, o outcome) {
	t.Helper()
	if o.err != nil {
		// Script URLs in links are not errors, but a payload may still
		// look like a dangling link; the pages must build all the same.
		t.Fatalf("build failed:\n%s", o.diags())
	}
	pages := 0
	for p := range o.outputs {
		if strings.HasPrefix(p, "vi/news/body-") || strings.HasPrefix(p, "vi/news/front-") {
			pages++
		}
	}
	if pages < len(xssBodies)+len(xssFront) {
		t.Fatalf("only %d payload pages built", pages)
	}
	checkPaths(t, o.outputs)
	scanOutputs(t, o.outputs)
}

// TestScriptURLImageRefused: a lead image is written into <img>, og:image
// and structured data, so a script URL there is an error at its line.
func TestScriptURLImageRefused(t *testing.T) {
	for _, src := range []string{"javascript:PWNED", " JavaScript:PWNED", "data:text/html,PWNED", "vbscript:PWNED"} {
		o := buildBounded(t, mapSite(map[string]string{"content/vi/news/a.md": article("image: {src: \""+src+"\", alt: x}", "x")}), build.Options{})
		found := false
		for _, d := range o.res.Diags.Errors() {
			found = found || d.File == "content/vi/news/a.md" && d.Line == 3 && strings.Contains(d.Msg, "http(s) URL")
		}
		if !found {
			t.Errorf("image %q: no error at content/vi/news/a.md:3:\n%s", src, o.diags())
		}
	}
}

// TestScannerSeesScript makes sure scanOutputs is not blind: each of these
// outputs must be flagged.
func TestScannerSeesScript(t *testing.T) {
	bad := map[string]string{
		"a.html": "<p>x</p><script>PWNED()</script>",
		"b.html": "<img src=x onerror=PWNED()>",
		"c.html": "<a href=\"&#106;avascript:x\">x</a>",
		"d.html": "<meta http-equiv=\"refresh\" content=\"0; url=javascript:x\">",
		"e.html": "<iframe src=\"https://x\"></iframe>",
		"f.xml":  "<rss><channel><item><description>&lt;img src=x onerror=PWNED()&gt;</description></item></channel></rss>",
		"g.xml":  "<feed><entry><content type=\"html\"><![CDATA[<script>PWNED</script>]]></content></entry></feed>",
		"h.json": `{"pages": [{"url": "javascript:PWNED"}]}`,
		"i.html": "<script src=\"https://evil.example/x.js\"></script>",
		"j.html": "<div style=\"background:url(javascript:x)\">",
		"k.xml":  "<rss><channel><link>javascript:x</link></channel></rss>",
		"l.html": "<svg><a xlink:href=\"javascript:x\">x</a></svg>",
		"m.html": "<a href=\" java\tscript:x\">x</a>",
	}
	for name, data := range bad {
		var f string
		switch {
		case strings.HasSuffix(name, ".html"):
			f = htmlFinding([]byte(data))
		case strings.HasSuffix(name, ".xml"):
			f = feedFinding([]byte(data))
		default:
			f = jsonFinding([]byte(data))
		}
		if f == "" {
			t.Errorf("%s: %q not flagged", name, data)
		}
	}
	good := []string{
		`<script src="../js/site.js" defer></script><script type="application/ld+json">{"a":"&lt;script&gt;"}</script>`,
		`<p>&lt;script&gt;PWNED&lt;/script&gt; onclick=x javascript:x</p><a href="https://e.org/?q=javascript:">x</a>`,
		`<img src="data:image/png;base64,AA" alt="">`,
		`<meta name="description" content="javascript:PWNED is text here">`,
	}
	for _, g := range good {
		if f := htmlFinding([]byte(g)); f != "" {
			t.Errorf("%q: false finding %s", g, f)
		}
	}
}
