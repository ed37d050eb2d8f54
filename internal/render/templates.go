// Package render turns the site model into output files in memory: HTML
// pages from html/template layouts, plus the copies of static and bundle
// files. It never writes to disk; package publish does.
//
// Templates see view structs (view.go), not the model, so a template
// cannot reach into build state, and the model can change without
// breaking sites' layouts.
package render

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"
	"time"

	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/gotemplate/html"
	"github.com/attache-ssg/attache/internal/i18n"
)

// Layout names: one template per kind of page. Each is parsed together
// with the base layout and the partials, and fills the base's blocks.
var layoutNames = []string{
	"index.html", "404.html", "languages.html", "alias.html", "search.html",
	"_default/single.html", "_default/list.html", "_default/terms.html", "_default/term.html",
}

// baseLayout is the page skeleton that layouts made of blocks fill.
const baseLayout = "_default/baseof.html"

// onlyDefines reports whether a template's own body is nothing but white
// space: everything it says is in {{ define }} blocks.
func onlyDefines(t *template.Template) bool {
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		return true
	}
	for _, n := range t.Tree.Root.Nodes {
		tn, ok := n.(*parse.TextNode)
		if !ok || len(bytes.TrimSpace(tn.Text)) > 0 {
			return false
		}
	}
	return true
}

// Templates holds, per language and per layout, a ready-to-run template.
// Immutable after LoadTemplates; html/template execution is safe for
// concurrent use.
type Templates struct {
	byLang map[string]map[string]*template.Template
}

// Layers is the lookup order for layouts: the site's own files first, then
// the theme embedded in the binary.
type Layers struct {
	Site  fs.FS // may be nil
	Theme fs.FS
}

// read returns a layout file from the first layer that has it, and where
// it came from for error messages.
func (l Layers) read(name string) ([]byte, string, error) {
	p := "layouts/" + name
	if l.Site != nil && !throughSymlink(l.Site, p) {
		if b, err := fs.ReadFile(l.Site, p); err == nil {
			return b, p, nil
		}
	}
	b, err := fs.ReadFile(l.Theme, p)
	return b, "(theme) " + p, err
}

// throughSymlink reports whether p, or a folder above it inside layouts/,
// is a symbolic link (layouts/ itself may be one, as source.Scan allows):
// a link could point anywhere on the machine, so a site layout
// reached through one is not read (source.Scan warns about the link) and
// the theme's layout of that name is used instead.
func throughSymlink(fsys fs.FS, p string) bool {
	for i := len("layouts/"); i <= len(p); i++ {
		if i == len(p) || p[i] == '/' {
			if info, err := fs.Lstat(fsys, p[:i]); err == nil && info.Mode()&fs.ModeSymlink != 0 {
				return true
			}
		}
	}
	return false
}

// list returns every layout file name in either layer, sorted.
func (l Layers) list() []string {
	seen := map[string]bool{}
	for _, f := range []fs.FS{l.Site, l.Theme} {
		if f == nil {
			continue
		}
		fs.WalkDir(f, "layouts", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
				seen[strings.TrimPrefix(p, "layouts/")] = true
			}
			return nil
		})
	}
	var out []string
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

var lineRe = regexp.MustCompile(`:(\d+):`)

// templateError turns a template parse or exec error into a diagnostic
// naming the layout file and line.
func templateError(file string, err error, diags *diag.List) {
	msg := err.Error()
	line := 0
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	diags.Errorf(strings.TrimPrefix(file, "(theme) "), line, 0, "template: %s", msg)
}

// LoadTemplates parses the layouts once per language, with T, date and
// number bound to that language's translator.
func LoadTemplates(layers Layers, bundle *i18n.Bundle, langs []string, diags *diag.List) (*Templates, bool) {
	names := layers.list()
	var shared []string // base layout and partials: everything that is not a page layout
	isLayout := map[string]bool{}
	for _, n := range layoutNames {
		isLayout[n] = true
	}
	for _, n := range names {
		if !isLayout[n] {
			shared = append(shared, n)
		}
	}
	base := template.New("").Funcs(funcMap(nil))
	ok := true
	for _, n := range shared {
		src, from, err := layers.read(n)
		if err != nil {
			diags.Errorf("layouts/"+n, 0, 0, "cannot read: %v", err)
			ok = false
			continue
		}
		if _, err := base.New(n).Parse(string(src)); err != nil {
			templateError(from, err, diags)
			ok = false
		}
	}
	if !ok {
		return nil, false
	}
	parsed := map[string]*template.Template{}
	for _, n := range layoutNames {
		src, from, err := layers.read(n)
		if err != nil {
			continue // a missing layout falls back at render time
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(n).Parse(string(src))
		}
		if err != nil {
			templateError(from, err, diags)
			ok = false
			continue
		}
		// A layout made only of {{ define }} blocks fills the base layout:
		// run the base. A layout with content of its own stands alone.
		entry := t.Lookup(n)
		if onlyDefines(entry) {
			if b := t.Lookup(baseLayout); b != nil {
				entry = b
			}
		}
		parsed[n] = entry
	}
	if !ok {
		return nil, false
	}
	ts := &Templates{byLang: map[string]map[string]*template.Template{}}
	for _, lang := range langs {
		tr := bundle.Translator(lang)
		m := map[string]*template.Template{}
		for n, t := range parsed {
			c, err := t.Clone()
			if err != nil {
				diags.Errorf("layouts/"+n, 0, 0, "template: %v", err)
				return nil, false
			}
			m[n] = c.Funcs(funcMap(tr)).Lookup(t.Name())
		}
		ts.byLang[lang] = m
	}
	return ts, true
}

// lookup returns the first of names that exists for lang.
func (ts *Templates) lookup(lang string, names ...string) (*template.Template, string, error) {
	for _, n := range names {
		if t := ts.byLang[lang][n]; t != nil {
			return t, n, nil
		}
	}
	return nil, "", fmt.Errorf("no layout among %s", strings.Join(names, ", "))
}

// funcMap is what templates may call besides the views' methods. With a nil
// translator it only declares the names for parsing.
func funcMap(tr *i18n.Translator) template.FuncMap {
	return template.FuncMap{
		"T": func(id string, args ...any) string {
			if tr == nil {
				return id
			}
			return tr.T(id, args...)
		},
		"date": func(t time.Time, style string) string {
			if tr == nil || t.IsZero() {
				return ""
			}
			return tr.Date(t, style)
		},
		"number": func(n any) string {
			if tr == nil {
				return fmt.Sprint(n)
			}
			switch v := n.(type) {
			case int:
				return tr.Number(float64(v), 0)
			case float64:
				return tr.Number(v, 1)
			}
			return fmt.Sprint(n)
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs key/value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"add":  func(a, b int) int { return a + b },
		"sub":  func(a, b int) int { return a - b },
		"iso":  func(t time.Time) string { return t.Format(time.RFC3339) },
		"year": func(t time.Time) int { return t.Year() },
		"base": path.Base,
	}
}
