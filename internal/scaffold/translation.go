package scaffold

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/frontmatter"
	"github.com/attache-ssg/attache/internal/source"
)

// NewTranslation writes the stub of a translation of file (site-relative,
// "content/vi/news/x.md") into language to, at the same path under
// content/<to>/. The stub holds the source's body, the text to translate,
// and from its front matter the words to translate — title, summary, tags,
// categories — and translationKey when it has one. What is not words
// (date, image, author, source, weight) is left out: the translation
// inherits it. translatedFrom records the source's language and the
// frontmatter.Hash of its title and body, and draft: true keeps the stub
// unpublished until the translator removes it.
//
// For a page bundle (x/index.md) the bundle's other files are copied too,
// except Markdown files and nested bundles; one that exists already is
// kept as it is (Created.Kept).
//
// It refuses with a *UsageError a language the site does not have or the
// source's own, and a file outside content/<lang>/; with ErrExists a
// language that has a version of the article already. Problems in the
// source's front matter go to diags.
func (s *Site) NewTranslation(file, to string, diags *diag.List) (*Created, error) {
	file = path.Clean(strings.ReplaceAll(file, "\\", "/"))
	rest, ok := strings.CutPrefix(file, "content/")
	lang, rel, ok2 := strings.Cut(rest, "/")
	ext := strings.ToLower(path.Ext(file))
	if !ok || !ok2 || rel == "" || (ext != ".md" && ext != ".markdown") || strings.HasPrefix(rest, "../") {
		return nil, usagef("%s: give a Markdown file under content/<lang>/, such as content/vi/news/x.md", file)
	}
	if !s.Config.HasLanguage(lang) {
		return nil, usagef("%s: %q is not a language of the site (have %s)", file, lang, strings.Join(s.Config.Codes(), ", "))
	}
	switch {
	case to == "":
		return nil, usagef("give the language to translate into with --to (one of %s)", strings.Join(s.Config.Codes(), ", "))
	case !s.Config.HasLanguage(to):
		return nil, usagef("--to %s: not a language of the site (have %s)", to, strings.Join(s.Config.Codes(), ", "))
	case to == lang:
		return nil, usagef("--to %s: %s is already in %s", to, file, lang)
	}
	src, err := fs.ReadFile(s.fsys, file)
	if err != nil {
		return nil, usagef("%s: cannot read: %v", file, err)
	}
	meta, body, _, ok := frontmatter.Parse(file, src, s.Config.TimeZone, diags)
	if !ok {
		return nil, fmt.Errorf("%s: the front matter has errors", file)
	}
	c := &Created{File: "content/" + to + "/" + rel}
	if err := s.checkNoVersion(c.File, to, meta.TranslationKey, diags); err != nil {
		return nil, err
	}
	if meta.Title == "" {
		c.Notes = append(c.Notes, file+" has no title: the stub's title is empty")
	}
	if meta.Draft {
		c.Notes = append(c.Notes, file+" is itself a draft")
	}
	fm := newFrontMatter()
	fm.str("title", meta.Title)
	if meta.Set[frontmatter.KeySummary] {
		fm.str("summary", meta.Summary)
	}
	if len(meta.Tags) > 0 {
		fm.list("tags", meta.Tags)
	}
	if len(meta.Categories) > 0 {
		fm.list("categories", meta.Categories)
	}
	if meta.TranslationKey != "" {
		fm.str("translationKey", meta.TranslationKey)
	}
	fm.flow("translatedFrom", "lang", lang, "hash", frontmatter.Hash(meta.Title, body))
	fm.add("draft", scalar("!!bool", "true"))
	text, err := fm.bytes()
	if err != nil {
		return nil, err
	}
	text = append(text, body...)
	if len(text) > 0 && text[len(text)-1] != '\n' {
		text = append(text, '\n')
	}
	if err := s.create(c.File, text); err != nil {
		return nil, err
	}
	if isBundle(rel) {
		if err := s.copyBundle(path.Dir(file), path.Dir(c.File), c); err != nil {
			return c, err
		}
	}
	return c, nil
}

// isBundle reports whether rel (under content/<lang>/) is a bundle's
// index.md, as source.Scan decides it.
func isBundle(rel string) bool {
	name := path.Base(rel)
	return strings.EqualFold(strings.TrimSuffix(name, path.Ext(name)), "index") && strings.Contains(rel, "/")
}

// checkNoVersion refuses a translation the language already has: the
// target itself, the other spelling of the same path (x.md and
// x/index.md are one article), or a file with the same translationKey.
func (s *Site) checkNoVersion(target, to, key string, diags *diag.List) error {
	if s.exists(target) {
		return fmt.Errorf("%s: %w", target, ErrExists)
	}
	stem := strings.TrimSuffix(target, path.Ext(target))
	var other string
	if isBundle(strings.TrimPrefix(target, "content/"+to+"/")) {
		other = path.Dir(target) + path.Ext(target)
	} else {
		other = stem + "/index" + path.Ext(target)
	}
	if s.exists(other) {
		return fmt.Errorf("%s: %w (as %s)", target, ErrExists, other)
	}
	if key == "" {
		return nil
	}
	// Only the target language's files are read, and only their front
	// matter's translationKey matters: problems in them are not this
	// command's business.
	var quiet diag.List
	for _, pf := range source.Scan(s.fsys, &quiet).Pages {
		if pf.Lang != to || pf.Kind != source.Article {
			continue
		}
		b, err := fs.ReadFile(s.fsys, pf.Path)
		if err != nil {
			continue
		}
		if m, _, _, _ := frontmatter.Parse(pf.Path, b, s.Config.TimeZone, &quiet); m.TranslationKey == key {
			return fmt.Errorf("%s: %w: %s has the same translationKey %q", target, ErrExists, pf.Path, key)
		}
	}
	return nil
}

// copyBundle copies the files of the bundle folder from into to, but not
// Markdown files (other pages) nor nested bundles, which are articles of
// their own.
func (s *Site) copyBundle(from, to string, c *Created) error {
	return fs.WalkDir(s.fsys, from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if p == from {
			return nil
		}
		if source.Ignored(d.Name()) || d.Type()&fs.ModeSymlink != 0 {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if s.hasIndex(p) {
				return fs.SkipDir
			}
			return nil
		}
		ext := strings.ToLower(path.Ext(p))
		if ext == ".md" || ext == ".markdown" || !d.Type().IsRegular() {
			return nil
		}
		dst := to + strings.TrimPrefix(p, from)
		if s.exists(dst) {
			c.Kept = append(c.Kept, dst)
			return nil
		}
		data, err := fs.ReadFile(s.fsys, p)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		if err := s.create(dst, data); err != nil {
			return err
		}
		c.Copied = append(c.Copied, dst)
		return nil
	})
}

// hasIndex reports whether the folder dir is a bundle of its own.
func (s *Site) hasIndex(dir string) bool {
	entries, err := fs.ReadDir(s.fsys, dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && strings.EqualFold(strings.TrimSuffix(n, path.Ext(n)), "index") {
			if ext := strings.ToLower(path.Ext(n)); ext == ".md" || ext == ".markdown" {
				return true
			}
		}
	}
	return false
}
