package render

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/gotemplate/html"
	"github.com/attache-ssg/attache/internal/site"
)

func TestPaginateEdges(t *testing.T) {
	var d diag.List
	cfg, _ := config.Parse("site.yaml", []byte("paginate: 3\nlanguages: {vi: {}}\n"), &d)
	r := &renderer{in: Input{Site: &site.Site{Config: cfg}}}
	for _, c := range []struct {
		n     int
		pages string
	}{
		{0, "1[0:0]"},
		{1, "1[0:1]"},
		{3, "1[0:3]"},
		{4, "1[0:3] 2[3:4]"},
		{7, "1[0:3] 2[3:6] 3[6:7]"},
	} {
		var got []string
		r.paginate("/vi/news/", c.n, nil, func(p *PagerView, from, to int, url string) {
			got = append(got, fmt.Sprintf("%d[%d:%d]", p.Number, from, to))
			want := "/vi/news/"
			if p.Number > 1 {
				want += fmt.Sprintf("page/%d/", p.Number)
			}
			if url != want {
				t.Errorf("n=%d page %d at %s", c.n, p.Number, url)
			}
			if (p.Number > 1) != (p.PrevURL != "") || (p.Number < p.Total) != (p.NextURL != "") {
				t.Errorf("n=%d page %d: prev %q next %q", c.n, p.Number, p.PrevURL, p.NextURL)
			}
		})
		if s := strings.Join(got, " "); s != c.pages {
			t.Errorf("n=%d: %s, want %s", c.n, s, c.pages)
		}
	}
}

func TestPagerWindowStaysShort(t *testing.T) {
	var d diag.List
	cfg, _ := config.Parse("site.yaml", []byte("paginate: 1\nlanguages: {vi: {}}\n"), &d)
	r := &renderer{in: Input{Site: &site.Site{Config: cfg}}}
	r.paginate("/vi/", 1000, nil, func(p *PagerView, from, to int, url string) {
		if len(p.Pages) > 7 {
			t.Fatalf("page %d lists %d page links", p.Number, len(p.Pages))
		}
	})
}

func TestNewestFirstIgnoresWeightAndOtherLanguages(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, d, 0, 0, 0, 0, time.UTC) }
	var pages []*site.Page
	for i := 1; i <= 9; i++ {
		pages = append(pages, &site.Page{Lang: "vi", URL: fmt.Sprintf("/vi/%d/", i), Date: day(i), Weight: 10 - i})
	}
	pages = append(pages, &site.Page{Lang: "en", URL: "/en/x/", Date: day(20)})
	var got []string
	for _, p := range newestFirst(pages, "vi", 3) {
		got = append(got, p.URL)
	}
	if s := strings.Join(got, " "); s != "/vi/9/ /vi/8/ /vi/7/" {
		t.Errorf("got %s", s)
	}
}

func TestOnlyDefines(t *testing.T) {
	for src, want := range map[string]bool{
		`{{ define "main" }}x{{ end }}`:               true,
		"\n{{ define \"main\" }}x{{ end }}\n\n":       true,
		`<!DOCTYPE html>{{ define "main" }}{{ end }}`: false,
		`{{ .Title }}`: false,
		"{{/* a comment */}}{{ define \"m\" }}{{ end }}": true, // comments write nothing
	} {
		tm := template.Must(template.New("x").Parse(src))
		if got := onlyDefines(tm); got != want {
			t.Errorf("onlyDefines(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestRelOnRootlessPages(t *testing.T) {
	v := &PageView{from: "/vi/news/a/", base: "https://e.org/news/"}
	if got := v.Rel("/vi/"); got != "../../" {
		t.Errorf("Rel = %q", got)
	}
	v.absRoot = true // the 404 page is served at any depth
	if got := v.Rel("/vi/"); got != "/news/vi/" {
		t.Errorf("absolute-root Rel = %q", got)
	}
	if got := v.Abs("/vi/"); got != "https://e.org/news/vi/" {
		t.Errorf("Abs = %q", got)
	}
}
