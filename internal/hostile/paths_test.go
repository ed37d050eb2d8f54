package hostile

import (
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/build"
)

// long is a 250-byte name: legal on disk, beyond what a slug keeps.
var long = strings.Repeat("a", 250)

// TestHostilePaths builds sites whose slugs, aliases, file names and terms
// try to leave the output directory or to make names no file system can
// hold. Each either fails with an error naming the file and line of the
// culprit, or builds with the culprit made safe; either way every output
// path stays inside the output and every output is free of script.
func TestHostilePaths(t *testing.T) {
	const a = "content/vi/news/a.md"
	tests := []struct {
		name  string
		files map[string]string
		// errLine > 0: the build fails with an error at a:errLine holding errWords.
		errLine  int
		errWords []string
		// else it builds and has every one of outputs.
		outputs []string
	}{
		{name: "slug with ..", files: map[string]string{a: article("slug: ../../../etc/passwd", "x")}, errLine: 3, errWords: []string{"slug", "etc-passwd"}},
		{name: "absolute slug", files: map[string]string{a: article("slug: /etc/passwd", "x")}, errLine: 3, errWords: []string{"slug"}},
		{name: "slug with NUL", files: map[string]string{a: article(`slug: "a\0b"`, "x")}, errLine: 3, errWords: []string{"slug", "a-b"}},
		{name: "250-byte slug", files: map[string]string{a: article("slug: "+long, "x")}, errLine: 3, errWords: []string{"slug"}},
		{name: "Windows device slug", files: map[string]string{a: article("slug: CON", "x")}, errLine: 3, errWords: []string{"slug", "con-1"}},
		{name: "slug of dots", files: map[string]string{a: article("slug: '...'", "x")}, errLine: 3, errWords: []string{"slug"}},
		{name: "slug with backslash", files: map[string]string{a: article(`slug: '..\..\x'`, "x")}, errLine: 3, errWords: []string{"slug"}},

		{name: "alias with ..", files: map[string]string{a: article("aliases: [../../../../tmp/x, /../../y/]", "x")}, errLine: 3, errWords: []string{"alias", "not a path inside the site"}},
		{name: "absolute and external aliases", files: map[string]string{a: article(`aliases: [//evil.example/x, 'C:\x', https://evil.example/]`, "x")}, errLine: 3, errWords: []string{"alias"}},
		{name: "alias with NUL", files: map[string]string{a: article(`aliases: ["/a\0b/"]`, "x")}, errLine: 3, errWords: []string{"alias"}},
		{name: "alias with a 500-byte segment", files: map[string]string{a: article("aliases: [/"+long+long+"/]", "x")}, errLine: 3, errWords: []string{"alias"}},
		{name: "Windows device aliases", files: map[string]string{a: article("aliases: [/con/, /aux.html, /vi/nul, /LPT1/]", "x")}, errLine: 3, errWords: []string{"alias"}},
		{name: "alias with a trailing dot", files: map[string]string{a: article("aliases: [/vi/old./]", "x")}, errLine: 3, errWords: []string{"alias"}},
		{name: "alias to /etc/passwd stays in the site", files: map[string]string{a: article("aliases: [/etc/passwd]", "x")}, outputs: []string{"etc/passwd/index.html"}},

		{name: "250-byte file name", files: map[string]string{"content/vi/news/" + long + ".md": article("", "x")}, outputs: []string{"vi/news/" + long[:200] + "/index.html"}},
		{name: "NUL in a file name", files: map[string]string{"content/vi/news/a\x00b.md": article("", "x")}, outputs: []string{"vi/news/a-b/index.html"}},
		{name: "Windows device file and folder names", files: map[string]string{"content/vi/news/CON.md": article("", "x"), "content/vi/aux/x.md": article("", "x"), "content/vi/news/lpt1.md": article("", "x")},
			outputs: []string{"vi/news/con-1/index.html", "vi/aux-1/x/index.html", "vi/news/lpt1-1/index.html"}},
		{name: "colon and backslash in names", files: map[string]string{"content/vi/news/a:b.md": article("", "x"), `content/vi/c\d/x.md`: article("", "x")}, outputs: []string{"vi/news/a-b/index.html", "vi/c-d/x/index.html"}},
		{name: "names made of dots are hidden", files: map[string]string{"content/vi/news/...md": article("", "x"), "content/vi/news/.md": article("", "x"), "content/vi/news/ok.md": article("", "x")}, outputs: []string{"vi/news/ok/index.html"}},
		{name: "terms with .., /, NUL, 500 bytes and device names", files: map[string]string{a: article("tags: [../../x, /etc, \"a\\0b\", "+long+long+", CON]\ncategories: ['../..', 'a/../../b']", "x")},
			outputs: []string{"vi/tags/x/index.html", "vi/tags/etc/index.html", "vi/tags/a-b/index.html", "vi/tags/con-1/index.html", "vi/tags/" + long[:200] + "/index.html", "vi/categories/a-b/index.html"}},
		{name: "image outside the site is not read", files: map[string]string{a: article("image: {src: ../../../../../../etc/passwd, alt: x}", "x"), "content/vi/news/b.md": article("image: {src: /etc/hostname, alt: y}", "y")},
			outputs: []string{"vi/news/a/index.html", "vi/news/b/index.html"}},
		{name: "links outside the site are dangling", files: map[string]string{a: article("", "[x](../../../../../etc/passwd) ![y](../../../../../../etc/hostname) [z](/etc/passwd) [w](file:///etc/passwd)")}, errLine: 6, errWords: []string{"/etc/passwd"}},
		{name: "translationKey with ..", files: map[string]string{a: article("translationKey: ../../../x", "x"), "content/en/news/b.md": article("translationKey: ../../../x", "y")}, outputs: []string{"vi/news/a/index.html", "en/news/b/index.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := buildBounded(t, mapSite(tt.files), build.Options{})
			checkPaths(t, o.outputs)
			scanOutputs(t, o.outputs)
			for p, data := range o.outputs {
				if strings.Contains(string(data), "root:x:0:0") {
					t.Errorf("%s holds /etc/passwd", p)
				}
			}
			if tt.errLine > 0 {
				if o.err == nil {
					t.Fatalf("built; want an error at %s:%d", a, tt.errLine)
				}
				found := false
				for _, d := range o.res.Diags.Errors() {
					found = found || d.File == a && d.Line == tt.errLine && containsAll(d.Msg, tt.errWords)
				}
				if !found {
					t.Fatalf("no error at %s:%d with %q:\n%s", a, tt.errLine, tt.errWords, o.diags())
				}
				return
			}
			if o.err != nil {
				t.Fatalf("build failed:\n%s", o.diags())
			}
			for _, p := range tt.outputs {
				if _, ok := o.outputs[p]; !ok {
					t.Errorf("no output %s", p)
				}
			}
			if t.Failed() {
				t.Logf("diagnostics:\n%s", o.diags())
			}
		})
	}
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// TestAliasCollisions: an alias that lands on a page, on the home page or
// on a file the build writes itself fails the build instead of replacing
// it, and the error says which output.
func TestAliasCollisions(t *testing.T) {
	for _, tt := range []struct{ alias, out string }{
		{"/vi/", "vi/index.html"}, {"/index.html", "index.html"}, {"/sitemap.xml", "sitemap.xml"},
		{"/vi/news/a/", "vi/news/a/index.html"}, {"/404.html", "404.html"}, {"/robots.txt", "robots.txt"},
	} {
		t.Run(tt.alias, func(t *testing.T) {
			o := buildBounded(t, mapSite(map[string]string{"content/vi/news/a.md": article("aliases: ["+tt.alias+"]", "x")}), build.Options{})
			if o.err == nil {
				t.Fatalf("alias %s built", tt.alias)
			}
			found := false
			for _, d := range o.res.Diags.Errors() {
				found = found || strings.Contains(d.String()+" ", " "+tt.out+" ") || strings.Contains(d.String(), " "+tt.out+",")
			}
			if !found {
				t.Errorf("no collision error for %s:\n%s", tt.out, o.diags())
			}
		})
	}
}
