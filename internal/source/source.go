// Package source walks a site's file tree and classifies what it finds:
// Markdown pages per language (articles, sections, bundles), the files
// bundled with them, static files, layouts and message files. It reads only
// names, never contents, and records every path it looked at so a watcher
// can watch just those.
//
// Symbolic links are never followed: a link inside the site could point
// anywhere on the machine, so it is skipped with a warning.
package source

import (
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/attache-ssg/attache/internal/diag"
)

// PageKind says what a Markdown file is.
type PageKind int

const (
	// Article is a regular page: a .md file, or a bundle's index.md.
	Article PageKind = iota
	// Section is an _index.md: a section's own page, or the home page
	// when it sits at the top of a language folder.
	Section
)

// PageFile is one Markdown file of one language.
type PageFile struct {
	Path   string   // site-relative: "content/vi/news/x.md"
	Lang   string   // the language folder, as written
	Rel    string   // path under content/<lang>/: "news/x.md"
	Kind   PageKind // Article or Section
	Bundle bool     // an index.md with its own folder of resources
}

// Dir is the folder under content/<lang>/ the page describes: for a bundle
// or a section its own folder, else the folder it sits in.
func (p PageFile) Dir() string {
	d := path.Dir(p.Rel)
	if d == "." {
		d = ""
	}
	return d
}

// Resource is a non-Markdown file inside content/: it belongs to the bundle
// whose folder holds it (Owner is that bundle's Path) or, outside bundles,
// it is copied as is.
type Resource struct {
	Path  string // site-relative
	Lang  string
	Rel   string // under content/<lang>/
	Owner string // the bundle page's Path, or ""
}

// Files is what a walk found, every list sorted by path.
type Files struct {
	Pages     []PageFile
	Resources []Resource
	Static    []string // site-relative paths under static/
	Layouts   []string // under layouts/
	I18n      []string // under i18n/
}

// Ignored reports whether a file or folder name is never part of a site:
// hidden files, editor backups and OS litter.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#") || strings.HasSuffix(name, ".swp") ||
		name == "Thumbs.db" || name == "desktop.ini" || name == "4913"
}

// Scan walks fsys (rooted at the site) and classifies its files. Problems
// (symlinks, unreadable folders) are reported to diags; they do not stop
// the walk.
func Scan(fsys fs.FS, diags *diag.List) *Files {
	f := &Files{}
	walk(fsys, "content", diags, func(p string) { f.addContent(p) })
	walk(fsys, "static", diags, func(p string) { f.Static = append(f.Static, p) })
	walk(fsys, "layouts", diags, func(p string) { f.Layouts = append(f.Layouts, p) })
	walk(fsys, "i18n", diags, func(p string) { f.I18n = append(f.I18n, p) })
	f.assignOwners()
	sort.Slice(f.Pages, func(i, j int) bool { return f.Pages[i].Path < f.Pages[j].Path })
	sort.Slice(f.Resources, func(i, j int) bool { return f.Resources[i].Path < f.Resources[j].Path })
	sort.Strings(f.Static)
	sort.Strings(f.Layouts)
	sort.Strings(f.I18n)
	return f
}

func walk(fsys fs.FS, root string, diags *diag.List, add func(string)) {
	if _, err := fs.Stat(fsys, root); err != nil {
		return // an absent folder is simply empty
	}
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags.Errorf(p, 0, 0, "cannot read: %v", err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			diags.Warnf(p, 0, 0, "symbolic link not followed (it could point outside the site)")
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			diags.Warnf(p, 0, 0, "not a regular file; skipped")
			return nil
		}
		add(p)
		return nil
	})
	if err != nil {
		diags.Errorf(root, 0, 0, "cannot read: %v", err)
	}
}

func (f *Files) addContent(p string) {
	rest := strings.TrimPrefix(p, "content/")
	lang, rel, ok := strings.Cut(rest, "/")
	if !ok {
		// A file directly under content/ belongs to no language.
		f.Resources = append(f.Resources, Resource{Path: p, Rel: rest})
		return
	}
	name := path.Base(rel)
	if strings.EqualFold(path.Ext(name), ".md") || strings.EqualFold(path.Ext(name), ".markdown") {
		pf := PageFile{Path: p, Lang: lang, Rel: rel}
		switch strings.ToLower(strings.TrimSuffix(name, path.Ext(name))) {
		case "_index":
			pf.Kind = Section
		case "index":
			pf.Bundle = true
		}
		f.Pages = append(f.Pages, pf)
		return
	}
	f.Resources = append(f.Resources, Resource{Path: p, Lang: lang, Rel: rel})
}

// assignOwners gives each resource to the nearest bundle folder above it.
func (f *Files) assignOwners() {
	bundles := map[string]string{} // "content/vi/news/x" → page path
	for _, p := range f.Pages {
		if p.Bundle {
			bundles[path.Dir(p.Path)] = p.Path
		}
	}
	if len(bundles) == 0 {
		return
	}
	for i := range f.Resources {
		for d := path.Dir(f.Resources[i].Path); d != "content" && d != "."; d = path.Dir(d) {
			if owner, ok := bundles[d]; ok {
				f.Resources[i].Owner = owner
				break
			}
		}
	}
	// Markdown files below a bundle folder stay pages of their own (Hugo
	// makes them the bundle's resources); only other files are owned.
}

// Languages returns the language folders found under content/, sorted.
func (f *Files) Languages() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range f.Pages {
		if !seen[p.Lang] {
			seen[p.Lang] = true
			out = append(out, p.Lang)
		}
	}
	sort.Strings(out)
	return out
}
