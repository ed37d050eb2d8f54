package archive

import (
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/attache-ssg/attache/internal/i18n"
	"github.com/attache-ssg/attache/internal/render"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// Release is a kept release to publish: its frozen site tree (the site/
// folder of releases/VERSION/) and what its manifest says about it.
type Release struct {
	Version   string
	Created   time.Time
	Languages []string
	Site      fs.FS
}

// Current is what the site root holds: the current build, or the release
// `attache build --release` put there.
type Current struct {
	BaseURL         string    // absolute, ends with "/": canonical URLs are made from it
	Version         string    // "" for the current sources, else the release at the root
	Created         time.Time // the root release's creation time; zero for current sources
	DefaultLanguage string
	Languages       []string        // in site order
	Paths           map[string]bool // every file at the root, by slash path ("en/news/a/index.html")
	Bundle          *i18n.Bundle    // localizes the notices (the current site's UI strings)
}

// CurrentPaths lists the paths of outputs, for Current.Paths.
func CurrentPaths(outs []render.Output) map[string]bool {
	m := make(map[string]bool, len(outs))
	for _, o := range outs {
		m[o.Path] = true
	}
	return m
}

// Publish returns the files that publish rels beside cur: every release's
// site under v/<version>/ (HTML pages marked as archived, everything else
// copied as is) and versions.json. It fails when a current file already
// occupies one of those paths, rather than let one shadow the other.
func Publish(cur Current, rels []Release) ([]render.Output, error) {
	if cur.Bundle == nil {
		return nil, fmt.Errorf("archive: no UI strings to localize the notices with")
	}
	if cur.Paths[VersionsFile] {
		return nil, fmt.Errorf("%s: the site has a file of its own there; it is where attache lists the published versions", VersionsFile)
	}
	for p := range cur.Paths {
		for _, r := range rels {
			if p == Dir || strings.HasPrefix(p, VersionPath(r.Version)) {
				return nil, fmt.Errorf("%s: the site has a file of its own where attache publishes release %s (%s)", p, r.Version, VersionPath(r.Version))
			}
		}
	}
	seen := map[string]bool{}
	var outs []render.Output
	for _, r := range rels {
		if seen[r.Version] {
			return nil, fmt.Errorf("archive: release %s listed twice", r.Version)
		}
		seen[r.Version] = true
		o, err := publishRelease(cur, r)
		if err != nil {
			return nil, fmt.Errorf("release %s: %w", r.Version, err)
		}
		outs = append(outs, o...)
	}
	outs = append(outs, render.Output{Path: VersionsFile, Data: NewVersions(cur, rels).Marshal(), Origin: "(releases) " + VersionsFile})
	return outs, nil
}

func publishRelease(cur Current, r Release) ([]render.Output, error) {
	prefix := VersionPath(r.Version)
	origin := "(release " + r.Version + ") "
	var outs []render.Output
	err := fs.WalkDir(r.Site, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		if !strings.HasSuffix(strings.ToLower(p), ".html") {
			outs = append(outs, render.Output{Path: prefix + p, Src: r.Site, SrcPath: p, Origin: origin + p})
			return nil
		}
		b, err := fs.ReadFile(r.Site, p)
		if err != nil {
			return err
		}
		outs = append(outs, render.Output{Path: prefix + p, Data: archivePage(cur, r.Version, p, b), Origin: origin + p})
		return nil
	})
	return outs, err
}

// archivePage marks one archived page (p is its path in the release's
// tree).
func archivePage(cur Current, version, p string, b []byte) []byte {
	d := scanHTML(b)
	lang := d.lang
	if lang == "" {
		lang = cur.DefaultLanguage
	}
	target := currentTarget(cur, p, lang)
	up := strings.Repeat("../", strings.Count(p, "/")+2) // out of the page's folder, then out of v/<version>/
	t := cur.Bundle.Translator(lang)
	notice := "\n" + `<div class="archived-notice" role="note" data-version="` + version + `" data-site-root="` + up + `" style="` + noticeStyle + `">` +
		`<p style="margin:0">` + html.EscapeString(t.T("archivedNotice", "Version", version)) + " " +
		`<a href="` + html.EscapeString(relLink(up, target)) + `">` + html.EscapeString(t.T("viewCurrent")) + `</a></p></div>`
	out, _ := rewrite(b, d, notice, urlpath.Abs(cur.BaseURL, "/"+escapePath(target)))
	return out
}

// noticeStyle is inline because an archived page keeps its release's style
// sheet, which may predate the notice's class.
const noticeStyle = "background:#fff4d6;color:#1b1f24;border-bottom:2px solid #c99a00;padding:.5rem 1rem;text-align:center"

// currentTarget is the root-relative path (no leading "/", "" for the
// root) of the current page for the archived page at p: the same page when
// the root has it, else its language's home, else the root.
func currentTarget(cur Current, p, lang string) string {
	if cur.Paths[p] {
		return pageURL(p)
	}
	if cur.Paths[lang+"/index.html"] {
		return lang + "/"
	}
	return ""
}

// pageURL is the URL path of an output file: its folder for index.html.
func pageURL(p string) string {
	if p == "index.html" {
		return ""
	}
	if strings.HasSuffix(p, "/index.html") {
		return strings.TrimSuffix(p, "index.html")
	}
	return p
}

// relLink joins the way up to the root and a root-relative target.
func relLink(up, target string) string { return up + escapePath(target) }

// escapePath escapes each segment of a slash path for use in a URL.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
