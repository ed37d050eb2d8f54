// Package build is the pipeline: site.yaml → source files → parsed pages →
// site model → rendered outputs, all in memory. It writes nothing; the
// caller publishes the outputs (package publish) or serves them.
//
// Every stage reports into one diag.List, and later stages still run where
// they can, so one run names every bad file.
package build

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/text/language"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/frontmatter"
	"github.com/attache-ssg/attache/internal/i18n"
	"github.com/attache-ssg/attache/internal/imaging"
	"github.com/attache-ssg/attache/internal/markdown"
	"github.com/attache-ssg/attache/internal/render"
	"github.com/attache-ssg/attache/internal/site"
	"github.com/attache-ssg/attache/internal/slug"
	"github.com/attache-ssg/attache/internal/source"
)

// Options are the switches of one build.
type Options struct {
	BaseURL string   // overrides site.yaml's baseURL when set
	Langs   []string // restricts the languages when set
	Drafts  bool
	Future  bool
	Now     time.Time // decides which articles are in the future; zero = time.Now()
	Workers int       // zero = GOMAXPROCS
	// ImageCache is the folder that keeps resized pictures between
	// builds (the command uses <site>/.attache/cache/images); empty means
	// every build resizes again. The output is the same either way.
	ImageCache string
	// Emit, when set, receives each output as it is rendered (from many
	// goroutines) instead of Result.Outputs collecting them: the caller
	// writes while rendering goes on. After an error the caller discards
	// what it received.
	Emit func(render.Output)
	// Recycle says that Emit's receiver calls Release on each output once
	// done with its Data (publish.Writer does): pages are then rendered
	// into reused memory (render.Input.Recycle).
	Recycle bool
	// Progress, when set, is told how far the long phases are; it is
	// called from many goroutines and must be cheap.
	Progress *Progress
	// Parsed, when set, is called once every Markdown file is parsed,
	// before rendering, with their total size in bytes: memory use from
	// there on grows with it (the command sizes the GC's limit by it).
	Parsed func(contentBytes int64)
}

// Progress counts work done in the current phase, for a terminal display.
// Its fields are read while the build writes them: use the methods.
type Progress struct {
	phase atomic.Value // string
	done  atomic.Int64
	total atomic.Int64
}

func (p *Progress) start(phase string, total int) {
	if p == nil {
		return
	}
	p.phase.Store(phase)
	p.done.Store(0)
	p.total.Store(int64(total))
}

func (p *Progress) step() {
	if p != nil {
		p.done.Add(1)
	}
}

// Snapshot returns the phase and how much of it is done.
func (p *Progress) Snapshot() (phase string, done, total int64) {
	ph, _ := p.phase.Load().(string)
	return ph, p.done.Load(), p.total.Load()
}

// Result is a finished build: outputs sorted by path, and what it has to say.
type Result struct {
	Outputs []render.Output
	Diags   *diag.List
	Site    *site.Site // nil when the build failed before assembling
	Timings []Timing
	// Incremental marks a Session's result that holds only what changed
	// since its previous successful build: Outputs replace or add to that
	// build's, and Deferred replace theirs when asked for.
	Incremental bool
	Deferred    []Deferred
}

// Timing is how long one phase took.
type Timing struct {
	Phase    string
	Duration time.Duration
}

// ErrFailed is returned when the sources hold errors; they are in Diags.
var ErrFailed = errors.New("the build failed")

// Run builds the site rooted at siteFS with the theme's defaults beneath
// it. It returns ErrFailed when any error diagnostic was reported.
func Run(siteFS, theme fs.FS, opts Options) (*Result, error) {
	res, _, err := run(siteFS, theme, opts, nil)
	return res, err
}

// run is Run, reusing parses from cache when it is not nil (and updating
// it); it then also returns the pipeline's state, for a Session, when the
// build succeeded.
func run(siteFS, theme fs.FS, opts Options, cache parseCache) (*Result, *state, error) {
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	res := &Result{Diags: &diag.List{}}
	d := res.Diags
	clock := time.Now()
	phase := func(name string) {
		now := time.Now()
		res.Timings = append(res.Timings, Timing{name, now.Sub(clock)})
		clock = now
	}

	cfg, err := loadConfig(siteFS, opts, d)
	if err != nil {
		return res, nil, err
	}
	files := source.Scan(siteFS, d)
	bundle, err := i18n.Load(theme, siteFS, cfg.DefaultLanguage, cfg.Codes(), d)
	if err != nil {
		d.Errorf("i18n", 0, 0, "%v", err)
		return res, nil, ErrFailed
	}
	phase("load")

	opts.Progress.start("parse", len(files.Pages))
	convs := converters(cfg)
	inputs, read := parse(siteFS, convs, cfg, files.Pages, opts.Workers, d, opts.Progress, cache)
	phase("parse")
	if opts.Parsed != nil {
		opts.Parsed(read)
	}

	s := site.Assemble(cfg, inputs, files.Resources, site.Options{Drafts: opts.Drafts, Future: opts.Future, Now: opts.Now}, d)
	res.Site = s
	tmpl, ok := render.LoadTemplates(render.Layers{Site: siteFS, Theme: theme}, bundle, cfg.Codes(), d)
	phase("assemble")
	if !ok || d.HasErrors() {
		return res, nil, ErrFailed
	}

	emit := opts.Emit
	if emit != nil && opts.Progress != nil {
		opts.Progress.start("render", 0)
		emit = func(o render.Output) { opts.Progress.step(); opts.Emit(o) }
	}
	var rend *render.Renderer
	res.Outputs, rend = render.RenderKeep(render.Input{
		Site: s, Templates: tmpl, Bundle: bundle, Static: staticFiles(siteFS, theme, files.Static),
		Content: siteFS, Workers: opts.Workers, Emit: emit, Recycle: opts.Recycle, ImageCache: imageCache(opts.ImageCache),
		KeepDocs: cache != nil,
	}, d)
	for _, m := range bundle.Missing() {
		d.Warnf("i18n/"+m.Lang+".yaml", 0, 0, "UI string %q is missing; using %s", m.ID, fallbackName(m.FellBackTo))
	}
	for _, p := range bundle.Problems() {
		d.Warnf("i18n/"+p.Lang+".yaml", 0, 0, "UI string %q: %s", p.ID, p.Msg)
	}
	phase("render")
	if d.HasErrors() {
		res.Outputs = nil
		return res, nil, ErrFailed
	}
	return res, &state{cfg: cfg, convs: convs, site: s, renderer: rend}, nil
}

// inferConfig makes the site.yaml of a site that has only content/: its
// language folders, English first when present (the x-default most readers
// expect), else the first in alphabetical order. Nil when content/ has no
// folder named like a language.
func inferConfig(siteFS fs.FS) []byte {
	entries, err := fs.ReadDir(siteFS, "content")
	if err != nil {
		return nil
	}
	var codes []string
	for _, e := range entries {
		if e.IsDir() && !source.Ignored(e.Name()) {
			if _, err := language.Parse(e.Name()); err == nil {
				codes = append(codes, e.Name())
			}
		}
	}
	if len(codes) == 0 {
		return nil
	}
	def := codes[0]
	for _, c := range codes {
		if c == "en" {
			def = c
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "defaultLanguage: %q\nlanguages:\n", def)
	for _, c := range codes {
		fmt.Fprintf(&b, "  %q: {}\n", c)
	}
	return []byte(b.String())
}

func fallbackName(lang string) string {
	if lang == "" {
		return "its ID"
	}
	return "the " + lang + " text"
}

func loadConfig(siteFS fs.FS, opts Options, d *diag.List) (*config.Config, error) {
	data, err := fs.ReadFile(siteFS, config.File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			if data = inferConfig(siteFS); data != nil {
				d.Warnf(config.File, 0, 0, "not found: building with the languages of content/'s folders; write site.yaml to set titles, baseURL and the default language")
				err = nil
			} else {
				d.Errorf(config.File, 0, 0, "not found: is this the site's root folder? (a site needs content/<lang>/ folders, and site.yaml to configure it)")
			}
		} else {
			d.Errorf(config.File, 0, 0, "cannot read: %v", err)
		}
	}
	if err != nil {
		return nil, ErrFailed
	}
	cfg, ok := config.Parse(config.File, data, d)
	if !ok {
		return nil, ErrFailed
	}
	if opts.BaseURL != "" {
		if cfg, err = cfg.WithBaseURL(opts.BaseURL); err != nil {
			d.Errorf("", 0, 0, "--base-url: %v", err)
			return nil, ErrFailed
		}
	}
	if len(opts.Langs) > 0 {
		if cfg, err = cfg.WithLanguages(opts.Langs); err != nil {
			d.Errorf("", 0, 0, "--lang: %v", err)
			return nil, ErrFailed
		}
	}
	return cfg, nil
}

// converters makes one Markdown converter per site language. Documents
// keep their HTML compressed between parsing and rendering: at 10,000
// articles × 5 languages that took peak memory from 1.43 GB to about
// 1.2 GB, at no measurable cost in time (at 1,000 × 5 neither, for 25 MB
// less).
func converters(cfg *config.Config) map[string]*markdown.Converter {
	convs := map[string]*markdown.Converter{}
	for _, l := range cfg.Languages {
		convs[l.Code] = markdown.New(markdown.Options{Lang: l.Code, Unsafe: cfg.UnsafeHTML, TrustAuthors: cfg.TrustAuthors, HeadingID: slug.Make, Compact: true})
	}
	return convs
}

// parse reads, splits and parses every Markdown file in parallel. The
// result keeps the order of pages, so it is deterministic. With a cache, a
// file whose bytes were parsed before is not parsed again: its earlier
// result and diagnostics are used.
func parse(siteFS fs.FS, convs map[string]*markdown.Converter, cfg *config.Config, pages []source.PageFile, workers int, d *diag.List, progress *Progress, cache parseCache) (inputs []site.Input, read int64) {
	out := make([]site.Input, len(pages))
	var total atomic.Int64
	keep := make([]bool, len(pages))
	parsed := make([]*parsedFile, len(pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker reads every file into the same memory: nothing
			// parsed keeps a reference to its source (TestParseKeepsNoSource),
			// and a fresh slice per file was 4 % of a build's allocations.
			var buf []byte
			for i := range next {
				progress.step()
				pf := pages[i]
				conv := convs[pf.Lang]
				if conv == nil {
					// Not a site language: Assemble warns once per folder.
					out[i], keep[i] = site.Input{File: pf}, true
					continue
				}
				src, err := readInto(siteFS, pf.Path, buf)
				if err != nil {
					d.Errorf(pf.Path, 0, 0, "cannot read: %v", err)
					continue
				}
				buf = src
				total.Add(int64(len(src)))
				var pr *parsedFile
				if cache != nil {
					pr = cache.lookup(pf, src)
				}
				if pr == nil {
					pr = parseFile(conv, cfg, pf, src, cache != nil)
				}
				parsed[i] = pr
				for _, x := range pr.diags {
					d.Add(x)
				}
				out[i], keep[i] = pr.in, pr.ok
			}
		}()
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	if cache != nil {
		cache.replace(parsed)
	}
	kept := out[:0]
	for i, in := range out {
		if keep[i] {
			kept = append(kept, in)
		}
	}
	return kept, total.Load()
}

// parseFile parses one Markdown file. With keepSum, the result carries
// its source's checksum, for a parse cache.
func parseFile(conv *markdown.Converter, cfg *config.Config, pf source.PageFile, src []byte, keepSum bool) *parsedFile {
	pr := &parsedFile{path: pf.Path}
	if keepSum {
		pr.sum = sha256.Sum256(src)
	}
	var d diag.List
	meta, body, bodyLine, ok := frontmatter.Parse(pf.Path, src, cfg.TimeZone, &d)
	pr.diags = d.Sorted()
	if !ok {
		return pr
	}
	// Parse also renders the HTML and the plain text (word count,
	// summaries, search): here, in parallel, once.
	// A summary in the front matter is the page's; else it comes from the
	// body's lead (site.Page.fromBody).
	parseBody := conv.Parse
	if meta.Summary != "" {
		parseBody = conv.ParseNoLead
	}
	doc := parseBody(body)
	pr.in = site.Input{File: pf, Meta: meta, Doc: doc, BodyLine: bodyLine, Hash: frontmatter.Hash(meta.Title, body)}
	pr.ok = true
	return pr
}

// staticFiles lists the site's static files, then the theme's: the
// renderer keeps the first of two with one path.
func staticFiles(siteFS, theme fs.FS, sitePaths []string) []render.StaticFile {
	var out []render.StaticFile
	for _, p := range sitePaths {
		out = append(out, render.StaticFile{FS: siteFS, Path: p, Origin: p})
	}
	fs.WalkDir(theme, "static", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			out = append(out, render.StaticFile{FS: theme, Path: p, Origin: "(theme) " + p})
		}
		return nil
	})
	return out
}

// Summary is the per-language page count of a finished build.
func (r *Result) Summary() string {
	if r.Site == nil {
		return ""
	}
	var parts []string
	for _, l := range r.Site.Langs {
		n := 1 + len(l.Sections) + len(l.Articles)
		parts = append(parts, fmt.Sprintf("%s %d", l.Config.Code, n))
	}
	return strings.Join(parts, ", ")
}

func imageCache(dir string) *imaging.Cache {
	if dir == "" {
		return nil
	}
	return imaging.NewCache(dir)
}
