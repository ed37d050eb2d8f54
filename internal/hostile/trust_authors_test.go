package hostile

// A site that trusts its authors gets their raw HTML as written.

import (
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/build"
)

func TestTrustAuthorsKeepsRawHTML(t *testing.T) {
	site := mapSite(map[string]string{"content/vi/news/embed.md": article("", "<iframe src=\"https://player.example/v/1\"></iframe>\n\n<script src=\"https://player.example/p.js\"></script>\n")})
	site["site.yaml"].Data = []byte(siteYAML + "markup: {unsafeHTML: true, trustAuthors: true}\n")
	o := buildBounded(t, site, build.Options{})
	if o.err != nil {
		t.Fatalf("build failed:\n%s", o.diags())
	}
	page := string(o.outputs["vi/news/embed/index.html"])
	for _, want := range []string{`<iframe src="https://player.example/v/1"></iframe>`, `<script src="https://player.example/p.js"></script>`} {
		if !strings.Contains(page, want) {
			t.Errorf("trusted raw HTML %s missing", want)
		}
	}
}
