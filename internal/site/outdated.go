package site

import (
	"io/fs"

	"github.com/attache-ssg/attache/internal/frontmatter"
)

// Outdated reports whether p is a translation whose source changed since it
// was translated: p records translatedFrom, its source (p.Original, the
// translatedFrom language's version) is in the model, and the
// frontmatter.Hash of that source's title and body is no longer the
// recorded hash. This is the definition `attache status` uses.
//
// content is the site's root (the build's site file system): the model
// keeps a page's parsed Markdown, not its bytes, so the source's body is
// read from its file. Outdated is false when it cannot tell — no
// translatedFrom, a source that is not published (a draft), or a file that
// cannot be read — so a page never shows a notice it cannot justify.
func (p *Page) Outdated(content fs.FS) bool {
	tf := p.Meta.TranslatedFrom
	src := p.Original
	if tf == nil || src == nil || src.File == "" || src.Lang != tf.Lang || content == nil {
		return false
	}
	b, err := fs.ReadFile(content, src.File)
	if err != nil {
		return false
	}
	_, body, _, err := frontmatter.Split(b)
	if err != nil {
		return false
	}
	return frontmatter.Hash(src.Meta.Title, body) != tf.Hash
}
