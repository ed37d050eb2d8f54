package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/attache-ssg/attache/internal/slug"
	"github.com/attache-ssg/attache/internal/source"
)

// NewArticle writes content/<lang>/<ref>.md: a draft dated now (in the
// site's time zone, as a date-time with its offset), titled after the slug,
// with an empty summary, tags and categories to fill in. ref is
// SECTION/SLUG ("news/press-briefing"; folders may nest, or be left out);
// a trailing ".md" is dropped. A slug that is not a clean URL segment is
// made clean, and Created.Notes says so. lang "" is the default language.
//
// It refuses (ErrExists) when the article exists, as a file or as a
// bundle (<slug>/index.md).
func (s *Site) NewArticle(ref, lang string, now time.Time) (*Created, error) {
	if lang == "" {
		lang = s.Config.DefaultLanguage
	}
	if !s.Config.HasLanguage(lang) {
		return nil, usagef("language %q is not in site.yaml (have %s)", lang, strings.Join(s.Config.Codes(), ", "))
	}
	dirs, name, err := splitRef(ref)
	if err != nil {
		return nil, err
	}
	c := &Created{}
	clean := slug.Make(name)
	switch {
	case clean == "":
		return nil, usagef("%q has no letters or digits to make a URL from: give a slug such as press-briefing", name)
	case clean != name:
		c.Notes = append(c.Notes, fmt.Sprintf("slug %q made clean: %q", name, clean))
	}
	dir := path.Join(append([]string{"content", lang}, dirs...)...)
	c.File = dir + "/" + clean + ".md"
	if other := dir + "/" + clean + "/index.md"; s.exists(other) {
		return nil, fmt.Errorf("%s: %w (as the bundle %s)", c.File, ErrExists, other)
	}
	fm := newFrontMatter()
	fm.str("title", humanise(name, clean != name))
	fm.add("date", scalar("!!timestamp", now.In(s.Config.TimeZone).Truncate(time.Second).Format(time.RFC3339)))
	fm.add("draft", scalar("!!bool", "true"))
	fm.str("summary", "")
	fm.list("tags", nil)
	fm.list("categories", nil)
	text, err := fm.bytes()
	if err != nil {
		return nil, err
	}
	if err := s.create(c.File, append(text, '\n')); err != nil {
		return nil, err
	}
	return c, nil
}

// splitRef checks SECTION/SLUG and splits it into folders and the name.
func splitRef(ref string) (dirs []string, name string, err error) {
	r := strings.Trim(strings.ReplaceAll(strings.TrimSpace(ref), "\\", "/"), "/")
	if ext := path.Ext(r); strings.EqualFold(ext, ".md") {
		r = strings.TrimSuffix(r, ext)
	}
	if r == "" {
		return nil, "", usagef("give the article as SECTION/SLUG, such as news/press-briefing")
	}
	if strings.HasPrefix(r, "content/") {
		return nil, "", usagef("%q: give the path under content/<lang>/ (news/press-briefing) and the language with --lang", ref)
	}
	segs := strings.Split(r, "/")
	for _, seg := range segs {
		if seg == "" || seg == "." || seg == ".." || source.Ignored(seg) || strings.ContainsRune(seg, 0) {
			return nil, "", usagef("%q: %q is not a usable folder or file name", ref, seg)
		}
	}
	return segs[:len(segs)-1], segs[len(segs)-1], nil
}

// humanise makes a title out of a file name: words separated by spaces,
// the first letter capitalised. A name that was not a clean slug is the
// author's own wording ("Hội nghị thông tin"), kept as written.
func humanise(name string, asWritten bool) string {
	t := name
	if !asWritten {
		t = slug.Make(name)
	}
	t = strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(t)), " ")
	r, size := utf8.DecodeRuneInString(t)
	if size == 0 {
		return name
	}
	return string(unicode.ToUpper(r)) + t[size:]
}

// exists reports whether a site-relative path exists (a broken symlink
// counts: it is not ours to replace).
func (s *Site) exists(rel string) bool {
	_, err := os.Lstat(filepath.Join(s.Root, filepath.FromSlash(rel)))
	return err == nil
}

// create writes a new file under the site's root, refusing to replace
// anything: O_EXCL makes the check and the creation one step.
func (s *Site) create(rel string, data []byte) error {
	if !strings.HasPrefix(rel, "content/") || path.Clean(rel) != rel {
		return fmt.Errorf("%s: refusing to write outside content/", rel)
	}
	// A symlinked folder on the way could lead anywhere on the machine.
	segs := strings.Split(rel, "/")
	for i := 1; i < len(segs); i++ {
		p := filepath.Join(s.Root, filepath.FromSlash(strings.Join(segs[:i], "/")))
		if fi, err := os.Lstat(p); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return fmt.Errorf("%s: refusing to write through the symbolic link %s", rel, strings.Join(segs[:i], "/"))
		}
	}
	full := filepath.Join(s.Root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", rel, ErrExists)
		}
		return fmt.Errorf("%s: %w", rel, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(full)
		return fmt.Errorf("%s: %w", rel, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(full)
		return fmt.Errorf("%s: %w", rel, err)
	}
	return nil
}
