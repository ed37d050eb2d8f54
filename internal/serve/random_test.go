package serve

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
)

// TestRandomEditsMatchFreshBuilds edits a generated site at random —
// articles, translations, a section page, a template override, a UI-string
// file; creating, editing, renaming, deleting, breaking and fixing — and
// after each step checks that the server ends up serving exactly what a
// fresh build of the same sources gives (every path, byte for byte, and no
// path more), or, when the sources are broken, that it reports exactly the
// fresh build's errors while still serving the last good build.
//
// ATTACHE_SEED=n replays a sequence; the seed is printed on failure.
func TestRandomEditsMatchFreshBuilds(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("ATTACHE_SEED"); v != "" {
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("ATTACHE_SEED: %v", err)
		}
		seed = n
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("replay with ATTACHE_SEED=%d", seed)
		}
	})
	steps := 40
	switch {
	case testing.Short():
		steps = 12
	case raceEnabled:
		steps = 20
	}
	g := newGenSite(t, rand.New(rand.NewPCG(seed, 0x5eed)))
	var incremental atomic.Int64 // builds that took the Session's fast path
	s := startCfg(t, Config{Root: g.root, Addr: "127.0.0.1:0", OnBuild: func(r Report) {
		if r.Result != nil && r.Result.Incremental {
			incremental.Add(1)
		}
	}}, testLimits())
	ev := openEvents(t, s)
	ev.waitFor(t, evHello)

	seen := map[string]bool{} // every path ever expected
	want, errs := g.expect(s.URL())
	if errs != nil {
		t.Fatalf("the generated site does not build:\n%s", strings.Join(errs, "\n"))
	}
	if diff := compareServed(t, s, want, seen); diff != "" {
		t.Fatalf("initial build: %s", diff)
	}
	lastGood := want
	var fix func()
	forced := 0 // every kind of mistake is made at least once
	good, bad := 0, 0
	for i := 0; i < steps; i++ {
		var what string
		switch {
		case fix != nil:
			what = "fix the broken file"
			fix()
			fix = nil
		case forced < breakKinds && i >= (forced+1)*steps/(breakKinds+1):
			what, fix = g.breakSomething(forced)
			forced++
		default:
			what, fix = g.step()
		}
		want, errs := g.expect(s.URL())
		if errs == nil {
			good++
			waitServed(t, s, ev, want, seen, fmt.Sprintf("step %d (%s)", i, what))
			lastGood = want
		} else {
			bad++
			waitErrors(t, ev, errs, fmt.Sprintf("step %d (%s)", i, what))
			if diff := compareServed(t, s, lastGood, seen); diff != "" {
				t.Fatalf("step %d (%s): the last good build is no longer served: %s", i, what, diff)
			}
		}
	}
	t.Logf("seed %d: %d steps built, %d failed as expected, %d builds incremental; %d paths seen", seed, good, bad, incremental.Load(), len(seen))
	// The broken link made on purpose is a body edit: the fast path was
	// taken at least for it and its fix.
	if incremental.Load() == 0 {
		t.Error("no build took the incremental path")
	}
}

// waitServed waits for reload events until the served site equals want.
func waitServed(t *testing.T, s *Server, ev *sseClient, want map[string][]byte, seen map[string]bool, step string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	last := "no reload event came"
	for time.Now().Before(deadline) {
		e, ok := nextBefore(ev, deadline)
		if !ok {
			break
		}
		if e.name != evReload {
			continue
		}
		if last = compareServed(t, s, want, seen); last == "" {
			return
		}
	}
	t.Fatalf("%s: the server never served the fresh build's output: %s", step, last)
}

// waitErrors waits for an error event listing exactly the errors wanted.
func waitErrors(t *testing.T, ev *sseClient, want []string, step string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	var last []string
	for time.Now().Before(deadline) {
		e, ok := nextBefore(ev, deadline)
		if !ok {
			break
		}
		if e.name != evError {
			continue
		}
		last = last[:0]
		for _, d := range e.state.Errors {
			last = append(last, describe(d))
		}
		if slices.Equal(last, want) {
			return
		}
	}
	t.Fatalf("%s: want the errors\n%s\ngot\n%s", step, strings.Join(want, "\n"), strings.Join(last, "\n"))
}

func nextBefore(ev *sseClient, deadline time.Time) (sseEvent, bool) {
	select {
	case e, ok := <-ev.events:
		return e, ok
	case <-time.After(time.Until(deadline)):
		return sseEvent{}, false
	}
}

// compareServed asks the server for every wanted path and every path ever
// seen, and describes the first differences; "" means none.
func compareServed(t *testing.T, s *Server, want map[string][]byte, seen map[string]bool) string {
	t.Helper()
	var diffs []string
	// The snapshot holds exactly the wanted paths: nothing stale.
	sn := s.snap.Load()
	for _, p := range sn.files.paths() {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "stale path in the snapshot: "+p)
		}
	}
	paths := make([]string, 0, len(want)+len(seen))
	for p := range want {
		paths = append(paths, p)
		seen[p] = true
	}
	for p := range seen {
		if _, ok := want[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		if len(diffs) >= 5 {
			break
		}
		r := get(t, s, http.MethodGet, escapePath(p))
		w, ok := want[p]
		switch {
		case !ok && r.status != http.StatusNotFound:
			diffs = append(diffs, fmt.Sprintf("%s: removed, but served with status %d", p, r.status))
		case ok && r.status != http.StatusOK:
			diffs = append(diffs, fmt.Sprintf("%s: status %d", p, r.status))
		case ok && string(stripInjected(r.body)) != string(w):
			diffs = append(diffs, fmt.Sprintf("%s: served bytes differ from a fresh build's", p))
		}
	}
	return strings.Join(diffs, "; ")
}

func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return "/" + strings.Join(segs, "/")
}

// genSite is a generated site on disk, and what the random steps know
// about it.
type genSite struct {
	t        *testing.T
	rnd      *rand.Rand
	root     string
	articles []string // content paths of the articles that exist
	next     int      // counter for new names
}

var (
	genLangs    = []string{"vi", "en", "fr"}
	genSections = []string{"news", "docs"}
	genTags     = map[string][]string{
		"vi": {"hội nghị", "báo chí", "đối ngoại", "biển đảo"},
		"en": {"conferences", "press", "الإعلام", "foreign information"},
		"fr": {"conférences", "presse", "information extérieure"},
	}
	genWords = map[string][]string{
		"vi": strings.Fields("thông tin đối ngoại hội nghị tỉnh công tác báo chí nước ngoài tuyên truyền kế hoạch năm triển khai"),
		"en": strings.Fields("foreign information conference province press work plan year abroad community guide report"),
		"fr": strings.Fields("information extérieure conférence province presse travail plan année étranger communauté guide"),
	}
)

const genSiteYAML = `baseURL: https://example.org/
defaultLanguage: vi
timeZone: Asia/Ho_Chi_Minh
paginate: 4
languages:
  vi: {name: Tiếng Việt, title: Thông tin đối ngoại, weight: 1}
  en: {name: English, title: Foreign Information, weight: 2}
  fr: {name: Français, title: Information extérieure, weight: 3}
`

func newGenSite(t *testing.T, rnd *rand.Rand) *genSite {
	g := &genSite{t: t, rnd: rnd, root: t.TempDir()}
	g.write("site.yaml", genSiteYAML)
	for _, l := range genLangs {
		g.write("content/"+l+"/_index.md", "---\ntitle: "+g.words(l, 2)+"\n---\n")
		for _, sec := range genSections {
			g.write("content/"+l+"/"+sec+"/_index.md", "---\ntitle: "+g.words(l, 2)+"\n---\n\n"+g.words(l, 12)+"\n")
		}
	}
	for i := 0; i < 30; i++ {
		name := genSections[i%2] + "/bai-" + strconv.Itoa(i) + ".md"
		g.article("vi", name)
		if i%3 != 2 {
			g.article("en", name)
		}
		if i%3 == 0 {
			g.article("fr", name)
		}
	}
	g.next = 30
	g.write("layouts/partials/footer.html", g.footer())
	g.write("i18n/en.yaml", g.uiStrings())
	return g
}

func (g *genSite) write(name, data string) { writeFile(g.t, g.root, name, data) }

func (g *genSite) read(name string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(g.root, filepath.FromSlash(name)))
	return string(b), err == nil
}

func (g *genSite) remove(name string) {
	if err := os.Remove(filepath.Join(g.root, filepath.FromSlash(name))); err != nil {
		g.t.Fatal(err)
	}
}

func (g *genSite) words(lang string, n int) string {
	ws := genWords[lang]
	out := make([]string, n)
	for i := range out {
		out[i] = ws[g.rnd.IntN(len(ws))]
	}
	r, size := utf8.DecodeRuneInString(out[0])
	out[0] = string(unicode.ToUpper(r)) + out[0][size:]
	return strings.Join(out, " ")
}

// article writes a valid article at content/<lang>/<name>.
func (g *genSite) article(lang, name string) {
	tags := genTags[lang]
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndate: %d-%02d-%02d\n", g.words(lang, 5), 2019+g.rnd.IntN(6), 1+g.rnd.IntN(12), 1+g.rnd.IntN(28))
	if g.rnd.IntN(3) > 0 {
		fmt.Fprintf(&b, "tags: [%q, %q]\n", tags[g.rnd.IntN(len(tags))], tags[g.rnd.IntN(len(tags))])
	}
	b.WriteString("---\n\n")
	for p := 0; p < 1+g.rnd.IntN(3); p++ {
		b.WriteString(g.words(lang, 20) + ".\n\n")
	}
	p := "content/" + lang + "/" + name
	g.write(p, b.String())
	if !slices.Contains(g.articles, p) {
		g.articles = append(g.articles, p)
	}
}

// editBody gives the file at p a new body, keeping its front matter, with
// a link to another article of its folder now and then.
func (g *genSite) editBody(p string) {
	old, ok := g.read(p)
	if !ok {
		return
	}
	end := strings.Index(old[3:], "\n---\n")
	if !strings.HasPrefix(old, "---\n") || end < 0 {
		return
	}
	lang, _ := splitArticle(p)
	var b strings.Builder
	b.WriteString(old[:3+end+5])
	b.WriteString("\n" + g.words(lang, 12) + ".\n")
	for _, q := range g.articles {
		if q != p && path.Dir(q) == path.Dir(p) && g.rnd.IntN(2) == 0 {
			fmt.Fprintf(&b, "\nSee [%s](%s).\n", g.words(lang, 2), path.Base(q))
			break
		}
	}
	g.write(p, b.String())
}

func (g *genSite) footer() string {
	return `<footer class="site-footer"><p>{{ T "backToTop" }} · footer ` + strconv.Itoa(g.rnd.IntN(1000)) + `</p></footer>` + "\n"
}

func (g *genSite) uiStrings() string {
	return `backToTop: "Back to the top ` + strconv.Itoa(g.rnd.IntN(1000)) + `"` + "\n"
}

// step makes one random change. When it breaks the sources it returns the
// function that repairs them.
func (g *genSite) step() (what string, fix func()) {
	switch n := g.rnd.IntN(100); {
	case n < 10:
		p := g.pick()
		lang, name := splitArticle(p)
		g.article(lang, name)
		return "edit " + p, nil
	case n < 22:
		// The usual save: the same front matter, another body. The
		// server renders again only what shows the body.
		p := g.pick()
		g.editBody(p)
		return "edit the body of " + p, nil
	case n < 34:
		g.next++
		name := genSections[g.rnd.IntN(2)] + "/moi-" + strconv.Itoa(g.next) + ".md"
		g.article("vi", name)
		return "create content/vi/" + name, nil
	case n < 44:
		p := g.pick()
		_, name := splitArticle(p)
		lang := genLangs[1+g.rnd.IntN(2)]
		g.article(lang, name)
		return "translate " + p + " into " + lang, nil
	case n < 54:
		p := g.pick()
		lang, _ := splitArticle(p)
		g.next++
		to := "content/" + lang + "/" + genSections[g.rnd.IntN(2)] + "/doi-ten-" + strconv.Itoa(g.next) + ".md"
		if err := os.Rename(filepath.Join(g.root, p), filepath.Join(g.root, to)); err != nil {
			g.t.Fatal(err)
		}
		g.forget(p)
		g.articles = append(g.articles, to)
		return "rename " + p + " to " + to, nil
	case n < 63:
		if len(g.articles) < 10 {
			return g.step()
		}
		p := g.pick()
		g.remove(p)
		g.forget(p)
		return "delete " + p, nil
	case n < 70:
		lang := genLangs[g.rnd.IntN(3)]
		p := "content/" + lang + "/" + genSections[g.rnd.IntN(2)] + "/_index.md"
		if _, ok := g.read(p); ok && g.rnd.IntN(2) == 0 {
			g.editBody(p)
			return "edit the body of " + p, nil
		}
		g.write(p, "---\ntitle: "+g.words(lang, 3)+"\n---\n\n"+g.words(lang, 10)+"\n")
		return "edit " + p, nil
	case n < 77:
		const p = "layouts/partials/footer.html"
		if _, ok := g.read(p); ok && g.rnd.IntN(3) == 0 {
			g.remove(p)
			return "delete the template override", nil
		}
		g.write(p, g.footer())
		return "write the template override", nil
	case n < 82:
		const p = "i18n/en.yaml"
		if _, ok := g.read(p); ok && g.rnd.IntN(3) == 0 {
			g.remove(p)
			return "delete the UI strings", nil
		}
		g.write(p, g.uiStrings())
		return "write the UI strings", nil
	default:
		return g.breakSomething(g.rnd.IntN(breakKinds))
	}
}

// breakKinds is the number of kinds of mistakes breakSomething makes.
const breakKinds = 4

// breakSomething makes one of the mistakes authors make on save: broken
// front matter, a link to nowhere, a broken template, broken UI strings.
func (g *genSite) breakSomething(kind int) (string, func()) {
	var p, bad string
	switch kind {
	case 0:
		p = g.pick()
		bad = "---\ntitle: \"Unclosed\ndate: [2024-01-01\n---\n\nBody.\n"
	case 1:
		p = g.pick()
		old, _ := g.read(p)
		bad = old + "\nSee [the missing page](khong-ton-tai.md).\n"
	case 2:
		p = "layouts/partials/footer.html"
		bad = `<footer>{{ if .Site }}never closed</footer>` + "\n"
	default:
		p = "i18n/en.yaml"
		bad = "backToTop: [unclosed\n"
	}
	old, existed := g.read(p)
	g.write(p, bad)
	return "break " + p, func() {
		if existed {
			g.write(p, old)
		} else {
			g.remove(p)
		}
	}
}

func (g *genSite) pick() string { return g.articles[g.rnd.IntN(len(g.articles))] }

func (g *genSite) forget(p string) {
	if i := slices.Index(g.articles, p); i >= 0 {
		g.articles = slices.Delete(g.articles, i, i+1)
	}
}

// splitArticle splits "content/vi/news/a.md" into "vi" and "news/a.md".
func splitArticle(p string) (lang, name string) {
	rest := strings.TrimPrefix(p, "content/")
	lang, name, _ = strings.Cut(rest, "/")
	return lang, name
}

// expect builds the sources afresh: every output's bytes, or the errors.
func (g *genSite) expect(baseURL string) (map[string][]byte, []string) {
	res, err := build.Run(os.DirFS(g.root), attache.Theme(), build.Options{BaseURL: baseURL})
	if err != nil {
		var errs []string
		for _, d := range res.Diags.Errors() {
			errs = append(errs, describe(toJSON(d)))
		}
		if len(errs) == 0 {
			errs = []string{describe(diagJSON{Message: err.Error()})}
		}
		return nil, errs
	}
	out := make(map[string][]byte, len(res.Outputs))
	for _, o := range res.Outputs {
		data := o.Data
		if o.Src != nil {
			if data, err = fs.ReadFile(o.Src, o.SrcPath); err != nil {
				g.t.Fatal(err)
			}
		}
		out[o.Path] = data
	}
	return out, nil
}
