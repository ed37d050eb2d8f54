package markdown

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// xssPayloads are raw HTML and Markdown that try to run script, from the
// classic vectors to mutation XSS and tags split across lines and blocks.
var xssPayloads = []string{
	"<script>alert(1)</script>",
	"<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
	"a <script>alert(1)</script> b",
	"<img src=x onerror=alert(1)>",
	"a <img src=x onerror=alert(1)> b",
	"<a href=\"javascript:alert(1)\">x</a>",
	"<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
	"<a href=\"  JaVaScRiPt:alert(1)\">x</a>",
	"<a href=\"vbscript:x\">x</a>",
	"<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
	"<iframe src=\"javascript:alert(1)\"></iframe>",
	"<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
	"<svg onload=alert(1)>",
	"<svg><script>alert(1)</script></svg>",
	"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
	"<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
	"<style>body{background:url(javascript:alert(1))}</style>",
	"<div style=\"background:url(javascript:alert(1))\">x</div>",
	"<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">x</button></form>",
	"<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
	"<base href=\"javascript:alert(1)//\">",
	"<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
	"<link rel=\"stylesheet\" href=\"javascript:alert(1)\">",
	"<body onload=alert(1)>",
	"<details open ontoggle=alert(1)>",
	"<div onclick=\"alert(1)\">\n\n*md*\n\n</div>",
	"a <b\nonclick=\"alert(1)\">b</b>",
	"<textarea>\n<script>alert(1)</script>\n</textarea>",
	"<!--><script>alert(1)</script>-->",
	"<scr<script>ipt>alert(1)</script>",
	"x <!-- c --> <?php alert(1) ?> <![CDATA[ <script>alert(1)</script> ]]>",
	"| <img src=x onerror=alert(1)> |\n|---|\n| <a href=\"javascript:alert(1)\">x</a> |",
	"[^1]\n\n[^1]: <svg onload=alert(1)>",
	"> <img src=x onerror=alert(1)>\n> - <script>alert(1)</script>",
	"[a](javascript:alert(1)) ![b](javascript:alert(1)) <javascript:alert(1)>",
	"[a][r]\n\n[r]: javascript:alert(1)",
	"## heading {onclick=alert(1)}\n## other {#id onmouseover=alert(1)}",
	"<a href=\"https://ok.example/\" onmouseover=\"alert(1)\">ok</a>",
	"<img src=\"https://ok.example/a.png\" alt=\"a\" onload=\"alert(1)\">",
	"<input onfocus=alert(1) autofocus>",
	"<video><source onerror=\"alert(1)\"></video>",
	"<a href=\"&#106;avascript:alert(1)\">x</a>",
	"<a href=\"java\x00script:alert(1)\">x</a>",
}

// scriptFinding describes the first thing in an HTML fragment that could
// run script: a script element, an event-handler attribute, or a URL
// attribute whose scheme is javascript:, vbscript: or data: (but
// data:image/ on an img), or an element that loads or embeds documents.
// It returns "" when there is none. The tokenizer decodes entities, as a
// browser does, before the checks.
func scriptFinding(fragment []byte) string {
	z := html.NewTokenizer(bytes.NewReader(fragment))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "object", "embed", "base", "style", "form", "frame", "frameset", "link", "meta":
				return "<" + tok.Data + "> element"
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") {
					return "attribute " + a.Key + " on <" + tok.Data + ">"
				}
				switch key {
				case "href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster", "background", "cite", "srcset":
					if dangerousURL(a.Val, tok.Data == "img" && key == "src") || key == "srcdoc" {
						return key + "=" + a.Val + " on <" + tok.Data + ">"
					}
				case "style":
					if strings.Contains(strings.ToLower(a.Val), "javascript:") || strings.Contains(strings.ToLower(a.Val), "expression(") {
						return "style=" + a.Val + " on <" + tok.Data + ">"
					}
				}
			}
		}
	}
}

// TestSanitizedRawHTML checks that, with Unsafe but without TrustAuthors,
// no payload leaves anything that runs script, that the same holds without
// Unsafe, and that TrustAuthors really writes raw HTML as it is (so the
// check above is not vacuous).
func TestSanitizedRawHTML(t *testing.T) {
	sanitized := New(Options{Unsafe: true})
	safe := New(Options{})
	trusted := New(Options{Unsafe: true, TrustAuthors: true})
	trustedFindings := 0
	for _, src := range xssPayloads {
		for name, c := range map[string]*Converter{"sanitized": sanitized, "safe": safe} {
			var b bytes.Buffer
			if err := c.Parse([]byte(src)).Render(&b, nil); err != nil {
				t.Fatal(err)
			}
			if f := scriptFinding(b.Bytes()); f != "" {
				t.Errorf("%s: %q gave %s:\n%s", name, src, f, b.String())
			}
		}
		var b bytes.Buffer
		if err := trusted.Parse([]byte(src)).Render(&b, nil); err != nil {
			t.Fatal(err)
		}
		if scriptFinding(b.Bytes()) != "" {
			trustedFindings++
		}
	}
	if trustedFindings < len(xssPayloads)/2 {
		t.Errorf("TrustAuthors kept only %d of %d payloads: is raw HTML still sanitized?", trustedFindings, len(xssPayloads))
	}
}

// TestSanitizerKeepsFormatting: what a newsroom writes by hand in HTML
// survives the sanitizer.
func TestSanitizerKeepsFormatting(t *testing.T) {
	tests := []struct{ src, want string }{
		{"<div class=\"note big\">\n<p>Text <strong>bold</strong></p>\n</div>",
			"<div class=\"note big\">\n<p>Text <strong>bold</strong></p>\n</div>"},
		{"a <a href=\"https://mofa.gov.vn/\" title=\"MOFA\">link</a> <sup>1</sup>",
			"<p>a <a href=\"https://mofa.gov.vn/\" title=\"MOFA\">link</a> <sup>1</sup></p>"},
		{"<figure>\n<img src=\"anh.jpg\" alt=\"Ảnh\" width=\"640\">\n<figcaption>Chú thích</figcaption>\n</figure>",
			"<figure>\n<img src=\"anh.jpg\" alt=\"Ảnh\" width=\"640\">\n<figcaption>Chú thích</figcaption>\n</figure>"},
		{"<table>\n<tr><td colspan=\"2\">x</td></tr>\n</table>",
			"<table>\n<tr><td colspan=\"2\">x</td></tr>\n</table>"},
		{"call <a href=\"tel:+84241234567\">us</a> or <a href=\"mailto:a@b.vn\">mail</a>",
			"<p>call <a href=\"tel:+84241234567\">us</a> or <a href=\"mailto:a@b.vn\">mail</a></p>"},
		{"<details><summary>More</summary>\n\nbody\n\n</details>",
			"<details><summary>More</summary>\n<p>body</p>\n</details>"},
		// Markdown around raw HTML keeps working.
		{"*em* <kbd>x</kbd> `<script>`", "<p><em>em</em> x <code>&lt;script&gt;</code></p>"},
	}
	for _, tt := range tests {
		if got := render(t, Options{Unsafe: true}, tt.src); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

// TestScriptFinding makes sure the checker itself sees what it must.
func TestScriptFinding(t *testing.T) {
	for _, bad := range []string{
		"<script>x</script>", "<p onclick=x>", "<a href=\"JAVASCRIPT:x\">", "<a href=\"&#106;avascript:x\">",
		"<img src=\"data:text/html,x\">", "<iframe src=x>", "<div style=\"background:url(javascript:x)\">",
	} {
		if scriptFinding([]byte(bad)) == "" {
			t.Errorf("%q not found", bad)
		}
	}
	for _, good := range []string{"<p>onclick=x</p>", "<img src=\"data:image/png;base64,AA\">", "<a href=\"https://x\">javascript:</a>", "&lt;script&gt;"} {
		if f := scriptFinding([]byte(good)); f != "" {
			t.Errorf("%q: false finding %s", good, f)
		}
	}
}

// FuzzRenderSanitized renders arbitrary Markdown with raw HTML allowed but
// sanitized: whatever the input, nothing that runs script is written.
func FuzzRenderSanitized(f *testing.F) {
	for _, s := range xssPayloads {
		f.Add([]byte(s))
	}
	c := New(Options{Lang: "vi", Unsafe: true})
	f.Fuzz(func(t *testing.T, src []byte) {
		d := c.Parse(src)
		var b bytes.Buffer
		if err := d.Render(&b, func(l Link) string { return l.Dest }); err != nil {
			t.Fatal(err)
		}
		if finding := scriptFinding(b.Bytes()); finding != "" {
			t.Fatalf("%q gave %s:\n%s", src, finding, b.String())
		}
	})
}
