package e2e

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/browsertest"
	"github.com/chromedp/chromedp/kb"
)

// conference is the article every sample language has.
const conference = "news/hoi-nghi-thong-tin-doi-ngoai-2021/"

// TestBrowser runs every browser check in one Chromium, each subtest in a
// tab and browser context of its own (fresh localStorage).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are not short")
	}
	browser := browsertest.New(t)
	srv := serve(t, buildSample(t))
	for _, st := range []struct {
		name string
		run  func(t *testing.T, b *tab)
	}{
		{"search", testSearch},
		{"language switcher", testLanguageSwitcher},
		{"controls persist", testControls},
		{"keyboard", testKeyboard},
		{"rtl", testRTL},
		{"404", test404},
		{"no javascript", testNoScript},
		{"print", testPrint},
		{"axe", testAxe},
	} {
		t.Run(st.name, func(t *testing.T) { st.run(t, newTab(t, browser, srv.URL)) })
	}
}

// searchResults returns the paths the search page's results link to.
func searchResults(b *tab) []string {
	b.t.Helper()
	b.waitFor("#search-results li")
	return eval[[]string](b, `[...document.querySelectorAll("#search-results li a")].map(a => new URL(a.href).pathname)`)
}

func testSearch(t *testing.T, b *tab) {
	for _, tc := range []struct{ lang, query string }{
		{"vi", "hoi nghi"}, // without accents
		{"vi", "hội nghị"},
		{"vi", "HỘI NGHỊ"},
		{"en", "conference"},
		{"fr", "conference"}, // conférence
		{"ar", "مؤتمر"},
		{"ar", "الاعلامي"}, // الإعلامي without its hamza
		{"zh", "会议"},
		{"zh", "总结会议"},
	} {
		b.open("/" + tc.lang + "/search/?q=" + url.QueryEscape(tc.query))
		got := searchResults(b)
		if want := "/" + tc.lang + "/" + conference; !slices.Contains(got, want) {
			t.Errorf("%s search %q: results %v, want %s among them", tc.lang, tc.query, got, want)
		}
		for _, p := range got {
			if !strings.HasPrefix(p, "/"+tc.lang+"/") {
				t.Errorf("%s search %q: result %s is in another language", tc.lang, tc.query, p)
			}
		}
		if s := eval[string](b, `document.getElementById("search-status").textContent`); !strings.Contains(s, tc.query) {
			t.Errorf("%s search %q: status %q does not repeat the query", tc.lang, tc.query, s)
		}
	}

	// The header's search box leads to the results.
	b.open("/vi/news/")
	b.submit("#header-q", "hội nghị")
	if p := b.path(); !strings.HasPrefix(p, "/vi/search/?q=") {
		t.Errorf("the header's search box went to %s", p)
	}
	if got := searchResults(b); !slices.Contains(got, "/vi/"+conference) {
		t.Errorf("header search: results %v", got)
	}
	if v := eval[string](b, `document.getElementById("search-q").value`); v != "hội nghị" {
		t.Errorf("the search page's box shows %q, want the query", v)
	}

	// Nothing found says so.
	b.open("/en/search/?q=xylophonequartz")
	b.waitFor("#search-empty")
	if n := eval[int](b, `document.querySelectorAll("#search-results li").length`); n != 0 {
		t.Errorf("%d results for nonsense", n)
	}
}

func testLanguageSwitcher(t *testing.T, b *tab) {
	b.open("/vi/" + conference)
	links := eval[[][3]string](b, `[...document.querySelectorAll(".lang-switcher a")].map(a => [a.getAttribute("hreflang"), a.getAttribute("lang"), new URL(a.href).pathname])`)
	var langs []string
	for _, l := range links {
		langs = append(langs, l[0])
		if l[0] != l[1] || l[2] != "/"+l[0]+"/"+conference {
			t.Errorf("switcher link hreflang=%q lang=%q to %s", l[0], l[1], l[2])
		}
	}
	if want := []string{"en", "fr", "ar", "zh"}; !slices.Equal(langs, want) {
		t.Errorf("switcher offers %v, want %v", langs, want)
	}
	for _, to := range []struct{ lang, dir string }{{"ar", "rtl"}, {"zh", "ltr"}, {"vi", "ltr"}} {
		b.follow(`.lang-switcher a[hreflang="` + to.lang + `"]`)
		if p := b.path(); p != "/"+to.lang+"/"+conference {
			t.Errorf("switching to %s went to %s", to.lang, p)
		}
		got := eval[[2]string](b, `[document.documentElement.lang, document.documentElement.dir]`)
		if got != [2]string{to.lang, to.dir} {
			t.Errorf("after switching to %s: <html lang=%q dir=%q>", to.lang, got[0], got[1])
		}
	}
}

func testControls(t *testing.T, b *tab) {
	b.open("/vi/")
	b.waitFor(".a11y-controls button")
	if n := eval[int](b, `document.querySelectorAll(".a11y-controls button").length`); n != 4 {
		t.Fatalf("%d control buttons, want 4 (A- A A+ contrast)", n)
	}
	before := b.style(":root", "", "font-size")
	b.click(".a11y-controls button:nth-child(3)") // A+
	b.click(".a11y-controls button:nth-child(4)") // contrast
	b.follow(`.main-nav a[href="news/"]`)
	if p := b.path(); p != "/vi/news/" {
		t.Fatalf("navigated to %s", p)
	}
	b.waitFor(".a11y-controls button")
	state := eval[[4]string](b, `[document.documentElement.dataset.textSize, document.documentElement.dataset.contrast,
		document.querySelector(".a11y-controls button:nth-child(3)").getAttribute("aria-pressed"),
		document.querySelector(".a11y-controls button:nth-child(4)").getAttribute("aria-pressed")]`)
	if state != [4]string{"large", "high", "true", "true"} {
		t.Errorf("after a navigation: text size %q, contrast %q, A+ pressed %q, contrast pressed %q; want both kept", state[0], state[1], state[2], state[3])
	}
	if got := b.style(":root", "", "font-size"); got != "19.2px" || before != "16px" {
		t.Errorf("root font size %s then %s, want 16px then 19.2px", before, got)
	}
	if got := b.style(".item-title a", "", "color"); got != "rgb(0, 0, 192)" {
		t.Errorf("link colour in high contrast is %s", got)
	}
	// Back to the defaults, again across a page.
	b.click(".a11y-controls button:nth-child(2)")
	b.click(".a11y-controls button:nth-child(4)")
	b.open("/vi/documents/")
	b.waitFor(".a11y-controls button")
	if got := eval[bool](b, `document.documentElement.hasAttribute("data-text-size") || document.documentElement.hasAttribute("data-contrast")`); got {
		t.Error("the defaults did not come back")
	}
	if got := b.style(":root", "", "font-size"); got != "16px" {
		t.Errorf("root font size %s after A", got)
	}
}

func testKeyboard(t *testing.T, b *tab) {
	b.open("/en/")
	b.key(kb.Tab)
	if c := eval[string](b, `document.activeElement.className`); c != "skip-link" {
		t.Fatalf("the first Tab focuses %q, want the skip link", c)
	}
	if r := b.box(".skip-link"); r.Top < 0 || r.Bottom <= r.Top {
		t.Errorf("the focused skip link is off screen: %+v", r)
	}
	b.key(kb.Tab)
	if got := b.style(":focus", "", "outline-style"); got != "solid" {
		t.Errorf("focused %s has outline %q", eval[string](b, `document.activeElement.className`), got)
	}
	// The skip link takes keyboard users past the header.
	b.open("/en/")
	b.key(kb.Tab)
	b.key(kb.Enter)
	if id := eval[string](b, `document.activeElement.id`); id != "main" {
		t.Errorf("the skip link moved focus to %q, want main", id)
	}
}

func testRTL(t *testing.T, b *tab) {
	for _, lang := range []string{"ar", "en"} {
		b.open("/" + lang + "/")
		width := eval[float64](b, `document.documentElement.clientWidth`)
		first := b.box(".main-nav li:first-child a")
		last := b.box(".main-nav li:last-child a")
		title := b.box(".site-title")
		main := b.box("main .wrap")
		rtl := lang == "ar"
		if rtl != (first.Left > last.Left) {
			t.Errorf("%s: first navigation link at x=%v, last at x=%v: want the first on the %s", lang, first.Left, last.Left, map[bool]string{true: "right", false: "left"}[rtl])
		}
		if rtl != (title.Left+title.Width/2 > width/2) {
			t.Errorf("%s: site title centred at x=%v of %v", lang, title.Left+title.Width/2, width)
		}
		// The navigation starts at the content's start edge: right in ar.
		if rtl && (first.Right < main.Right-24 || first.Right > main.Right+1) {
			t.Errorf("ar: navigation starts at x=%v, content's right edge at %v", first.Right, main.Right)
		}
		if !rtl && (first.Left > main.Left+24 || first.Left < main.Left-1) {
			t.Errorf("en: navigation starts at x=%v, content's left edge at %v", first.Left, main.Left)
		}
	}
}

func test404(t *testing.T, b *tab) {
	for _, p := range []string{"/no-such-page/", "/vi/news/deep/missing/page/"} {
		if status := b.open(p); status != 404 {
			t.Errorf("%s: status %d, want 404", p, status)
		}
		if got := b.style(".site-header", "", "border-bottom-style"); got != "solid" {
			t.Errorf("%s: the theme's style sheet is not applied (header border %q)", p, got)
		}
		langs := eval[[]string](b, `[...document.querySelectorAll(".not-found li")].map(li => li.lang)`)
		if !slices.Equal(langs, languages) {
			t.Errorf("%s: messages in %v, want %v", p, langs, languages)
		}
	}
	b.follow(`.not-found li[lang="zh"] a`)
	if p := b.path(); p != "/zh/" {
		t.Errorf("the 404 page's zh link went to %s", p)
	}
}

func testNoScript(t *testing.T, b *tab) {
	b.noScript()
	b.open("/vi/")
	if n := eval[int](b, `document.querySelectorAll(".a11y-controls").length`); n != 0 {
		t.Fatalf("JavaScript ran: %d control groups", n)
	}
	steps := []struct{ follow, want string }{
		{`.main-nav a[href="news/"]`, "/vi/news/"},
		{`.pager a[rel="next"]`, "/vi/news/page/2/"},
		{`.pager a[rel="prev"]`, "/vi/news/"},
		{`.pager a[rel="next"]`, "/vi/news/page/2/"},
		{`.items a[href$="hoi-nghi-thong-tin-doi-ngoai-2021/"]`, "/vi/" + conference},
		{`.lang-switcher a[hreflang="fr"]`, "/fr/" + conference},
		{`.main-nav li:first-child a`, "/fr/"},
		{`.lang-switcher a[hreflang="ar"]`, "/ar/"},
	}
	for _, s := range steps {
		b.follow(s.follow)
		if p := b.path(); p != s.want {
			t.Fatalf("following %s went to %s, want %s", s.follow, p, s.want)
		}
	}
	// Search needs JavaScript, but its form still leads to the search page,
	// which says what it can.
	b.submit("#header-q", "مؤتمر")
	if p := b.path(); !strings.HasPrefix(p, "/ar/search/?q=") {
		t.Errorf("the search form went to %s", p)
	}
}

func testPrint(t *testing.T, b *tab) {
	b.open("/en/news/school-youth-union-briefing/")
	b.waitFor(".a11y-controls")
	b.media("print")
	for _, sel := range []string{".main-nav", ".lang-switcher", ".a11y-controls", ".header-search", ".skip-link", ".site-footer", ".prev-next"} {
		if n := eval[int](b, `document.querySelectorAll(`+jsString(sel)+`).length`); n == 0 {
			continue // not on this page
		}
		if d := b.style(sel, "", "display"); d != "none" {
			t.Errorf("printed, %s has display %q", sel, d)
		}
	}
	if d := b.style("article h1", "", "display"); d == "none" {
		t.Error("the printed article has no title")
	}
	after := b.style(`.content a[href^="http"]`, "::after", "content")
	if !strings.Contains(after, "https://") {
		t.Errorf("printed external link shows %s after it, want its URL", after)
	}
	b.media("")
}

// testAxe audits the home, a list, an article, search results and the
// 404 page in every language, in normal and high contrast.
func testAxe(t *testing.T, b *tab) {
	axe := axeSource(t)
	pages := []string{"/404/missing-page/"}
	for _, l := range languages {
		pages = append(pages, "/"+l+"/", "/"+l+"/news/", "/"+l+"/"+conference, "/"+l+"/search/?q="+url.QueryEscape(axeQueries[l]))
	}
	for _, p := range pages {
		b.open(p)
		if strings.Contains(p, "/search/") {
			b.waitFor("#search-results li")
		}
		b.waitFor(".a11y-controls") // audit the controls too
		for _, v := range audit(b, axe, false) {
			t.Errorf("%s: %s", p, v)
		}
		eval[bool](b, `document.documentElement.setAttribute("data-contrast", "high"), true`)
		for _, v := range audit(b, axe, true) {
			t.Errorf("%s, high contrast: %s", p, v)
		}
	}
}

// axeQueries give search results in each language, so that the results
// list is audited too.
var axeQueries = map[string]string{
	"vi": "hội nghị", "en": "conference", "fr": "conférence", "ar": "مؤتمر", "zh": "会议",
}
