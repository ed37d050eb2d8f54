package render

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/attache-ssg/attache/internal/markdown"
	"github.com/attache-ssg/attache/internal/site"
	"github.com/attache-ssg/attache/internal/urlpath"
)

type markdownLink = markdown.Link

// link checks one link of page p's Markdown and returns what the output
// carries instead: a relative URL for anything inside the site. A link to
// another content file (../other.md) becomes that page's URL; a link that
// leads nowhere in the output is an error at the link's line.
func (r *renderer) link(p *site.Page, l markdown.Link) string {
	target, suffix, internal, problem := r.resolveLink(p, l)
	if !internal {
		return l.Dest
	}
	if problem != "" {
		line := 0
		if l.Line > 0 {
			line = p.BodyLine + l.Line - 1
		}
		r.diags.Errorf(p.File, line, l.Col, "%s", problem)
		return l.Dest
	}
	return urlpath.Rel(p.URL, target) + suffix
}

// linkTarget is link without diagnostics, for second renderings (feeds):
// the root-relative URL with its suffix, or "" when the link is not ours.
func (r *renderer) linkTarget(p *site.Page, l markdown.Link) string {
	target, suffix, internal, problem := r.resolveLink(p, l)
	if !internal || problem != "" {
		return ""
	}
	return target + suffix
}

// resolveLink finds where a link leads. internal is false for links this
// site does not own (external, fragment-only); problem says why an internal
// link leads nowhere.
func (r *renderer) resolveLink(p *site.Page, l markdown.Link) (target, suffix string, internal bool, problem string) {
	d := strings.TrimSpace(l.Dest)
	if d == "" || strings.HasPrefix(d, "#") || strings.HasPrefix(d, "?") || urlpath.IsExternal(d) {
		return "", "", false, ""
	}
	raw, suffix := urlpath.Split(d)
	pth, err := url.PathUnescape(raw)
	if err != nil {
		pth = raw
	}
	switch {
	case isMarkdownPath(pth):
		var file string
		if strings.HasPrefix(pth, "/") {
			file = path.Clean("content/" + p.Lang + pth)
		} else {
			file = path.Clean(path.Join(path.Dir(p.File), pth))
		}
		tp := r.in.Site.ByFile[file]
		if tp == nil {
			return "", "", true, fmt.Sprintf("link to %s: no such page (%s does not exist or is not published)", l.Dest, file)
		}
		return tp.URL, suffix, true, ""
	case strings.HasPrefix(pth, "/"):
		target = pth
	default:
		target = path.Join(p.URL, pth)
		if strings.HasSuffix(pth, "/") {
			target += "/"
		}
	}
	found, ok := r.resolve(target)
	if !ok {
		what := "link"
		if l.Image {
			what = "image"
		}
		return "", "", true, fmt.Sprintf("%s to %s: nothing is published at %s", what, l.Dest, target)
	}
	return found, suffix, true, ""
}

// resolve finds the published URL for target, accepting a page URL written
// without its trailing slash or with index.html.
func (r *renderer) resolve(target string) (string, bool) {
	if r.known[target] {
		return target, true
	}
	if t := strings.TrimSuffix(target, "index.html"); t != target && r.known[t] {
		return t, true
	}
	if !strings.HasSuffix(target, "/") && r.known[target+"/"] {
		return target + "/", true
	}
	return "", false
}

func isMarkdownPath(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".md" || ext == ".markdown"
}
