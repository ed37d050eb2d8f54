package main

// User errors that once named the file but not the line: a duplicate URL,
// an alias collision and a template execution error.

import "testing"

func TestUserErrorsNameTheLine(t *testing.T) {
	const fm = "content/vi/news/a.md"
	tests := []struct {
		name  string
		files map[string]string
		want  string
		words []string
	}{
		// internal/site: the second page's slug (or file name) line, naming the first.
		{"duplicate URL", map[string]string{"content/vi/news/b.md": "---\ntitle: B\ndate: 2024-03-05\nslug: a\n---\nx\n"},
			"content/vi/news/b.md:4", []string{"content/vi/news/a.md"}},
		// internal/site: the aliases line, checked at assembly against pages and
		// the files the build writes itself (/, sitemap.xml, 404.html, robots.txt).
		{"alias collision", map[string]string{fm: "---\ntitle: A\ndate: 2024-03-05\naliases: [/vi/]\n---\nx\n"},
			fm + ":4", []string{"alias", "/vi/"}},
		{"alias over sitemap", map[string]string{fm: "---\ntitle: A\ndate: 2024-03-05\naliases: [/sitemap.xml]\n---\nx\n"},
			fm + ":4", []string{"alias", "/sitemap.xml"}},
		// internal/render: the template's own line and column, from
		// html/template's "template: NAME:LINE:COL:" prefix.
		{"template exec error", map[string]string{"layouts/_default/single.html": "{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n{{ index .Nothing 3 }}\n{{ end }}\n"},
			"layouts/_default/single.html:3:9", []string{"content/vi/news/a.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := userErrorSite()
			for k, v := range tt.files {
				files[k] = v
			}
			checkUserError(t, writeUserErrorSite(t, files), tt.want, tt.words)
		})
	}
}
