package render

import (
	"bytes"
	"io/fs"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/gotemplate/html"
	"github.com/attache-ssg/attache/internal/i18n"
	"github.com/attache-ssg/attache/internal/imaging"
	"github.com/attache-ssg/attache/internal/site"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// Output is one file of the rendered site: either bytes made here, or a
// copy of a source file (Src, SrcPath) that is not read into memory.
type Output struct {
	Path    string // relative to the output root, forward slashes
	Data    []byte
	Src     fs.FS
	SrcPath string
	Origin  string // the source that produced it, for collision messages
	// buf holds Data when the output is recycled (see Release).
	buf  *bytes.Buffer
	pool *bufferPool
}

// StaticFile is a file under a static/ folder, of the site or the theme.
type StaticFile struct {
	FS     fs.FS
	Path   string // path inside FS, "static/…"
	Origin string // for messages: "static/…" or "(theme) static/…"
}

// Input is everything Render needs.
type Input struct {
	Site      *site.Site
	Templates *Templates
	Bundle    *i18n.Bundle
	Static    []StaticFile // site files first; a later file with the same path is the theme's and is shadowed
	Content   fs.FS        // the site root, for bundle and content resources
	Workers   int
	// Emit, when set, receives every output as soon as it is made, from
	// many goroutines at once, and Render returns nil: the caller writes
	// while rendering goes on and no output waits in memory. The caller
	// then checks that no two outputs share a path.
	Emit func(Output)
	// Recycle says that Emit's receiver calls Release on every output once
	// it is done with its Data (package publish does, after writing), so
	// the memory of written pages holds the next ones.
	Recycle bool
	// Images resizes bundle pictures for srcset; ImageCache, when set,
	// keeps the copies between builds (.attache/cache/images/).
	Images     imaging.Options
	ImageCache *imaging.Cache
	// NoImageVariants turns the resized copies off.
	NoImageVariants bool
	// KeepDocs keeps every page's rendered Markdown after its page is
	// written, for a Renderer that renders pages again (see Rebody);
	// otherwise it is released to save memory.
	KeepDocs bool
}

type renderer struct {
	in     Input
	diags  *diag.List
	assets map[string]string // "css/site.css" → "/css/site.3f2a9c1b.css"
	known  map[string]bool   // every URL the output will serve
	// sources maps the URL of each copied file to where it comes from.
	sources map[string]sourceFile
	html    map[*site.Page]template.HTML
	year    int
	// absHTML caches, per page, the Markdown rendered with absolute links
	// for feeds (*site.Page → *absEntry).
	absHTML sync.Map
	// images caches decoded image sizes by source path.
	images sync.Map
	// variants maps a bundle picture's URL to its resized copies; written
	// by responsive() before any page renders, read-only after.
	variants map[string][]ImageVariantView
	// buffers holds *bytes.Buffer for rendering (pool.go).
	buffers bufferPool
	// readers counts, per article, the readers of its document still to
	// come; nil when documents are kept (release.go). Read-only map.
	readers map[*site.Page]*atomic.Int32
}

// Render produces every output file, sorted by path. Problems go to diags.
func Render(in Input, diags *diag.List) []Output {
	outs, _ := render(in, diags)
	return outs
}

func render(in Input, diags *diag.List) ([]Output, *renderer) {
	if in.Workers <= 0 {
		in.Workers = runtime.GOMAXPROCS(0)
	}
	r := &renderer{in: in, diags: diags, assets: map[string]string{}, known: map[string]bool{}, sources: map[string]sourceFile{}}
	static := r.static()
	r.collectKnown(static)
	for _, l := range in.Site.Langs {
		for _, p := range l.Articles {
			if y := p.Date.Year(); y > r.year {
				r.year = y
			}
		}
	}
	r.countReaders()
	if in.Emit != nil {
		for _, o := range static {
			in.Emit(o)
		}
		r.responsive()
		r.pages()
		return nil, r
	}
	outs := append(static, r.responsive()...)
	return r.finish(append(outs, r.pages()...)), r
}

// finish sorts outputs and reports two outputs at one path.
func (r *renderer) finish(outs []Output) []Output {
	sort.SliceStable(outs, func(i, j int) bool { return outs[i].Path < outs[j].Path })
	kept := outs[:0]
	for i, o := range outs {
		if i > 0 && outs[i-1].Path == o.Path {
			r.diags.Errorf(o.Origin, 0, 0, "output %s is written by both %s and %s", o.Path, outs[i-1].Origin, o.Origin)
			continue
		}
		kept = append(kept, o)
	}
	return kept
}

// collectKnown records every URL the site will serve, for link checking.
func (r *renderer) collectKnown(static []Output) {
	for _, o := range static {
		r.known["/"+o.Path] = true
		if o.Src != nil {
			r.sources["/"+o.Path] = sourceFile{o.Src, o.SrcPath}
		}
	}
	s := r.in.Site
	for _, p := range s.Pages() {
		r.known[p.URL] = true
		for _, res := range p.Resources {
			r.known[res.URL] = true
		}
		for _, a := range p.Aliases {
			r.known[a] = true
		}
	}
	for _, res := range s.Resources {
		r.known[res.URL] = true
	}
	for _, l := range s.Langs {
		for _, tax := range [][]*site.Term{l.Tags, l.Categories} {
			for _, t := range tax {
				r.known[t.URL] = true
			}
		}
		r.known["/"+l.Config.Code+"/tags/"] = true
		r.known["/"+l.Config.Code+"/categories/"] = true
		r.known["/"+l.Config.Code+"/search/"] = true
	}
	r.known["/"] = true
}

// parallel runs fn for i in [0,n) on the configured number of workers and
// returns the outputs in index order, so the result is deterministic; when
// outputs are emitted, it hands them over as each fn returns instead.
func (r *renderer) parallel(n int, fn func(i int) []Output) []Output {
	res := make([][]Output, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < r.in.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if r.in.Emit != nil {
					for _, o := range fn(i) {
						r.in.Emit(o)
					}
					continue
				}
				res[i] = fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []Output
	for _, o := range res {
		out = append(out, o...)
	}
	return out
}

// body converts a page's Markdown, links rewritten relative to the page.
// Each page's body is rendered by the job that renders the page, so no
// body outlives its page in memory. The HTML is a view of the returned
// buffer's bytes, not a copy (a copy was 46 MB a build at 1,000 articles
// × 5 languages): the caller gives the buffer back (putBody) once the
// page is executed, and not when executing failed, since an error may
// hold part of it. The buffer is nil when the page has no body.
func (r *renderer) body(p *site.Page) (template.HTML, *bytes.Buffer) {
	if p.Doc == nil {
		return "", nil
	}
	buf := r.getBuffer()
	if err := p.Doc.Render(buf, func(l markdownLink) string { return r.link(p, l) }); err != nil {
		r.diags.Errorf(p.File, 0, 0, "rendering Markdown: %v", err)
	}
	if buf.Len() == 0 {
		r.putBuffer(buf)
		return "", nil
	}
	return template.HTML(unsafe.String(&buf.Bytes()[0], buf.Len())), buf
}

// putBody gives back the buffer of a body once the page that showed it,
// out, is made; nothing refers to the body's bytes any more.
func (r *renderer) putBody(buf *bytes.Buffer, out Output) {
	if buf != nil && out.Path != "" {
		r.putBuffer(buf)
	}
}

// page runs a layout (the first of names that exists) for view v into
// the output at url, reporting template errors against origin, the page's
// source file (or url when it has none), and the layout.
func (r *renderer) page(url, origin string, v *PageView, names ...string) Output {
	t, name, err := r.in.Templates.lookup(v.Lang.Code, names...)
	if err != nil {
		r.diags.Errorf(origin, 0, 0, "%v", err)
		return Output{}
	}
	r.localize(v)
	buf := r.getBuffer()
	if err := t.Execute(buf, v); err != nil {
		// The buffer is not reused: the error may hold parts of it.
		file, line, col, msg := execErrorPos(name, err)
		r.diags.Errorf(file, line, col, "executing for %s: %s", orDefault(origin, v.URL), msg)
		return Output{}
	}
	return r.bufferOutput(url, origin, buf)
}

// bufferOutput makes the output at url of what buf holds, a buffer from
// r's pool, which it takes over: the output recycles it when the receiver
// of outputs gives them back (Input.Recycle); else the bytes are copied
// out at their final size and the buffer goes back to the pool.
func (r *renderer) bufferOutput(url, origin string, buf *bytes.Buffer) Output {
	if r.in.Recycle && r.in.Emit != nil {
		o := r.output(url, origin, buf.Bytes())
		if o.Path == "" {
			r.putBuffer(buf)
			return Output{}
		}
		o.buf, o.pool = buf, &r.buffers
		return o
	}
	defer r.putBuffer(buf)
	return r.output(url, origin, bytes.Clone(buf.Bytes()))
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func (r *renderer) output(url, origin string, data []byte) Output {
	p, err := urlpath.OutFile(url)
	if err != nil {
		r.diags.Errorf(origin, 0, 0, "%v", err)
		return Output{}
	}
	return Output{Path: p, Data: data, Origin: orDefault(origin, url)}
}

func nonEmpty(outs ...Output) []Output {
	kept := outs[:0]
	for _, o := range outs {
		if o.Path != "" && (o.Data != nil || o.Src != nil) {
			kept = append(kept, o)
		}
	}
	return kept
}
