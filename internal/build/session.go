package build

import (
	"crypto/sha256"
	"io/fs"
	"path"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/markdown"
	"github.com/attache-ssg/attache/internal/render"
	"github.com/attache-ssg/attache/internal/site"
	"github.com/attache-ssg/attache/internal/source"
)

// Session builds one site again and again, as the dev server does after
// each save, doing as little as the change allows:
//
//   - a full build reads every source but parses only the Markdown files
//     whose bytes changed since they were last parsed;
//   - when the only changes are to the bodies of existing pages (the front
//     matter is byte-for-byte equal in meaning), the model is patched in
//     place and only the outputs that show those bodies are rendered
//     again (render.Renderer.Rebody): the result is Incremental.
//
// Either way the outputs are those a fresh Run of the same sources gives;
// the dev server's random-edit test holds it to that. A Session is not
// safe for concurrent use.
type Session struct {
	site, theme fs.FS
	opts        Options
	cache       parseCache
	// last is the state of the last full build, nil when it failed: a
	// failed build's model cannot be patched.
	last *state
	// due is when the first unpublished dated page of the last full build
	// comes out (zero: none); from then on the model is out of date.
	due time.Time
	// parseDiags are the last full build's parse diagnostics, which an
	// incremental build repeats (it changes none: it requires equal ones).
	parseDiags []diag.Diagnostic
	// failedFast lists the files of the last incremental build when it
	// failed. Its errors were found only on the outputs it rendered, so
	// the next build can be incremental only if it renders them again: if
	// it changes the same files.
	failedFast []string
}

// state is what a successful full build leaves for incremental ones.
type state struct {
	cfg      *config.Config
	convs    map[string]*markdown.Converter
	site     *site.Site
	renderer *render.Renderer
}

// NewSession prepares builds of siteFS with the theme beneath it. opts.Emit
// must be nil: a Session's results hold their outputs.
func NewSession(siteFS, theme fs.FS, opts Options) *Session {
	opts.Emit = nil
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	return &Session{site: siteFS, theme: theme, opts: opts, cache: parseCache{}}
}

// Build builds the site after the files in changed (site-relative, forward
// slashes) were created, written or removed; nil means anything may have
// changed. A Result marked Incremental holds only the outputs that changed
// since the previous successful build: its Outputs replace theirs, every
// other output stays, and its Deferred outputs are made on demand.
func (s *Session) Build(changed []string) (*Result, error) {
	if res, ok := s.incremental(changed); ok {
		if res.Diags.HasErrors() {
			s.failedFast = slices.Clone(changed)
			return res, ErrFailed
		}
		s.failedFast = nil
		return res, nil
	}
	opts := s.opts
	opts.Now = s.now()
	res, st, err := run(s.site, s.theme, opts, s.cache)
	s.last, s.failedFast = st, nil
	if st != nil {
		s.due = nextDue(st.site, s.cache, opts.Now)
		s.parseDiags = nil
		for _, pr := range s.cache {
			s.parseDiags = append(s.parseDiags, pr.diags...)
		}
	}
	return res, err
}

func (s *Session) now() time.Time {
	if !s.opts.Now.IsZero() {
		return s.opts.Now
	}
	return time.Now()
}

// incremental makes the build when every change is a new body for a page
// the last full build had, and reports false when it cannot.
func (s *Session) incremental(changed []string) (*Result, bool) {
	st := s.last
	if st == nil || len(changed) == 0 {
		return nil, false
	}
	if s.failedFast != nil {
		for _, f := range s.failedFast {
			if !slices.Contains(changed, f) {
				return nil, false
			}
		}
	}
	start := time.Now()
	// The time decides which articles are published: a page whose date
	// has come since the last full build needs one.
	if !s.opts.Future && !s.due.IsZero() && !s.now().Before(s.due) {
		return nil, false
	}
	var fresh []*parsedFile
	for _, p := range changed {
		old := s.cache[p]
		if old == nil || !old.ok || !isPage(p) {
			return nil, false
		}
		conv := st.convs[old.in.File.Lang]
		if conv == nil {
			return nil, false
		}
		src, err := fs.ReadFile(s.site, p)
		if err == nil && len(src) == 0 {
			// Truncated and not yet written: a save in progress (the
			// watcher can cut a batch between the two on a busy
			// machine). Its end is a moment away; an empty article
			// would fail anyway.
			time.Sleep(tornSaveWait)
			src, err = fs.ReadFile(s.site, p)
		}
		if err != nil {
			return nil, false // removed: pages go away
		}
		pr := parseFile(conv, st.cfg, old.in.File, src, true)
		if !pr.ok || !reflect.DeepEqual(pr.diags, old.diags) || !reflect.DeepEqual(pr.in.Meta, old.in.Meta) {
			return nil, false
		}
		fresh = append(fresh, pr)
	}
	parsed := time.Now()
	var pages []*site.Page
	for _, pr := range fresh {
		s.cache[pr.path] = pr
		if p := st.site.Rebody(pr.in); p != nil {
			pages = append(pages, p)
		}
	}
	res := &Result{Diags: &diag.List{}, Site: st.site, Incremental: true}
	for _, x := range s.parseDiags {
		res.Diags.Add(x)
	}
	outs, jobs := st.renderer.Rebody(pages, res.Diags)
	res.Outputs = outs
	for _, job := range jobs {
		res.Deferred = append(res.Deferred, Deferred{Prefix: job.Prefix(), Make: job.Make})
	}
	res.Timings = []Timing{{"parse", parsed.Sub(start)}, {"render", time.Since(parsed)}}
	return res, true
}

// nextDue returns the earliest date after now of a parsed page that is no
// draft and not in the model: when it comes, the page is published.
func nextDue(s *site.Site, cache parseCache, now time.Time) time.Time {
	var due time.Time
	for _, pr := range cache {
		d := pr.in.Meta.Date
		if !pr.ok || pr.in.Meta.Draft || d.IsZero() || !d.After(now) || s.ByFile[pr.path] != nil {
			continue
		}
		if due.IsZero() || d.Before(due) {
			due = d
		}
	}
	return due
}

// tornSaveWait is how long an incremental build waits for a changed file
// found empty to be written.
const tornSaveWait = 20 * time.Millisecond

// isPage reports whether a changed path is a Markdown file under content/.
func isPage(p string) bool {
	return strings.HasPrefix(p, "content/") && (path.Ext(p) == ".md" || path.Ext(p) == ".markdown") && !source.Ignored(path.Base(p))
}

// Deferred are outputs an incremental build did not make: every output
// whose path starts with Prefix is replaced by what Make returns, when
// someone first asks for one of them. Make may be called from any
// goroutine, once, at any later time: it reads nothing that changes.
type Deferred struct {
	Prefix string
	Make   func() ([]render.Output, error)
}

// parseCache keeps each Markdown file's last parse, by site-relative path.
type parseCache map[string]*parsedFile

// parsedFile is one file's parse: its result and diagnostics, and the
// checksum of the bytes parsed.
type parsedFile struct {
	path  string
	sum   [32]byte
	in    site.Input
	ok    bool
	diags []diag.Diagnostic
}

// lookup returns the earlier parse of pf when it was of the same bytes.
// Called from many goroutines: the cache is only read during a parse.
func (c parseCache) lookup(pf source.PageFile, src []byte) *parsedFile {
	pr := c[pf.Path]
	if pr == nil || pr.in.File != pf {
		return nil
	}
	if sha256.Sum256(src) != pr.sum {
		return nil
	}
	return pr
}

// replace makes the cache hold exactly this build's parses, so removed
// files do not linger.
func (c parseCache) replace(parsed []*parsedFile) {
	clear(c)
	for _, pr := range parsed {
		if pr != nil {
			c[pr.path] = pr
		}
	}
}
