package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/attache-ssg/attache/internal/diag"
)

// ThemePrefix starts the file name of a diagnostic about the theme's message
// files ("theme:i18n/fr.yaml"), which are not under the site root.
const ThemePrefix = "theme:"

// Dir is the directory of message files under the site and theme roots.
const Dir = "i18n"

// Load builds one bundle from the theme's message files merged with the
// site's: for each language, a site message replaces the theme's message of
// the same ID (all its plural forms). Both file systems are rooted at the
// site or theme root and hold their files under "i18n/"; either may be nil
// or lack the directory. defaultLang is the fallback language; langs are the
// site's languages, whose translators are made now (messages for other
// languages are loaded all the same, for Translator and IDs).
//
// Bad files and messages (syntax errors, a message go-i18n cannot read, a
// template that does not parse, a file name that is no language tag) are
// reported to diags with the file (e.g. "i18n/fr.yaml", or
// "theme:i18n/fr.yaml") and line where known, and never stop the other
// files and messages from loading. Plural forms the language never uses, or
// a plural message without "other", are warnings. The error is for what no
// content can fix: a default language that is no BCP 47 tag, or a file
// system that cannot be read.
func Load(theme, site fs.FS, defaultLang string, langs []string, diags *diag.List) (*Bundle, error) {
	if diags == nil {
		diags = &diag.List{}
	}
	defTag, ok := canonical(defaultLang)
	if !ok {
		return nil, fmt.Errorf("i18n: default language %q is not a BCP 47 language tag", defaultLang)
	}
	b := newBundle(defTag)
	for _, layer := range []struct {
		fsys   fs.FS
		prefix string
	}{{theme, ThemePrefix}, {site, ""}} {
		if layer.fsys == nil {
			continue
		}
		msgs, err := b.loadLayer(layer.fsys, layer.prefix, diags)
		if err != nil {
			return nil, err
		}
		for lang, byID := range msgs {
			if b.messages[lang] == nil {
				b.messages[lang] = map[string]*message{}
			}
			for id, m := range byID {
				b.messages[lang][id] = m
			}
		}
	}
	for _, l := range append([]string{defaultLang}, langs...) {
		b.Translator(l)
	}
	return b, nil
}

// loadLayer reads every message file of one file system, in name order; for
// two files of one language, the later file's message of an ID wins.
func (b *Bundle) loadLayer(fsys fs.FS, prefix string, diags *diag.List) (map[string]map[string]*message, error) {
	entries, err := fs.ReadDir(fsys, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s%s: %w", prefix, Dir, err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	out := map[string]map[string]*message{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			// A link could point anywhere on the machine; the source walk
			// already warns that it is not followed.
			continue
		}
		stem, ext := splitExt(name)
		format, ok := formats[strings.ToLower(ext)]
		if !ok {
			continue // README.md, backups: not message files
		}
		rel := path.Join(Dir, name)
		file := prefix + rel
		// As go-i18n reads names: "fr.yaml" and "active.fr.yaml" are French.
		if i := strings.LastIndexByte(stem, '.'); i >= 0 {
			stem = stem[i+1:]
		}
		tag, ok := canonical(stem)
		if !ok {
			diags.Warnf(file, 0, 0, "file name does not name a language (a BCP 47 tag such as fr or pt-BR); file ignored")
			continue
		}
		buf, err := fs.ReadFile(fsys, rel)
		if err != nil {
			diags.Errorf(file, 0, 0, "cannot read message file: %v", err)
			continue
		}
		lang := tag.String()
		msgs := parseFile(file, lang, format, buf, b.rule(tag), diags)
		if out[lang] == nil {
			out[lang] = map[string]*message{}
		}
		for _, m := range msgs {
			if prev := out[lang][m.id]; prev != nil && prev.file != m.file {
				diags.Warnf(file, m.line, 0, "message %q is also defined in %s; this one is used", m.id, prev.file)
			}
			out[lang][m.id] = m
		}
	}
	return out, nil
}

// splitExt splits "fr.yaml" into "fr" and "yaml".
func splitExt(name string) (stem, ext string) {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 {
		return name, ""
	}
	return name[:i], name[i+1:]
}
