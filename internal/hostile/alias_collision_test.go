package hostile

// An alias collision is reported at the alias's file and line, not at "/"
// or "/sitemap.xml".

import (
	"testing"

	"github.com/attache-ssg/attache/internal/build"
)

// TestAliasCollisionNamesAliasLine: an alias that lands on a page, on the home page or
// on a file the build writes itself fails the build instead of replacing
// it.
func TestAliasCollisionNamesAliasLine(t *testing.T) {
	for _, alias := range []string{"/vi/", "/index.html", "/sitemap.xml", "/vi/news/a/", "/404.html", "/robots.txt"} {
		t.Run(alias, func(t *testing.T) {
			o := buildBounded(t, mapSite(map[string]string{"content/vi/news/a.md": article("aliases: ["+alias+"]", "x")}), build.Options{})
			if o.err == nil {
				t.Fatalf("alias %s built", alias)
			}
			found := false
			for _, d := range o.res.Diags.Errors() {
				found = found || d.File == "content/vi/news/a.md" && d.Line == 3
			}
			if !found {
				t.Errorf("no error at content/vi/news/a.md:3 (the aliases line):\n%s", o.diags())
			}
		})
	}
}
