package site

// Outdated reports whether p is a translation whose source changed since it
// was translated: p records translatedFrom, its source (p.Original, the
// translatedFrom language's version) is in the model, and the source's
// translation hash (frontmatter.Hash of its title and body, computed when
// it was parsed) is no longer the recorded one. This is the definition
// `attache status` uses. Outdated is false when it cannot tell — no
// translatedFrom, or a source that is not published (a draft) — so a page
// never shows a notice it cannot justify.
func (p *Page) Outdated() bool {
	tf := p.Meta.TranslatedFrom
	src := p.Original
	if tf == nil || src == nil || src.Lang != tf.Lang || src.Hash == "" {
		return false
	}
	return src.Hash != tf.Hash
}
