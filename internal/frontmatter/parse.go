package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/attache-ssg/attache/internal/diag"
)

// Parse splits src and decodes its front matter. file is the path used in
// diagnostics (relative to the site root, with forward slashes); loc is the
// site time zone, used for dates and times written without a zone (UTC when
// nil). Every problem goes to diags with its line in the whole file; ok is
// false when one of them is an error. body and bodyLine are Split's; on an
// error that stops Split, body is nil.
//
// Parse never panics, whatever src holds.
func Parse(file string, src []byte, loc *time.Location, diags *diag.List) (meta Meta, body []byte, bodyLine int, ok bool) {
	return parseOpt(file, src, loc, diags, false)
}

// parseOpt is Parse; noFast turns the fast path off (see decoder.noFast).
func parseOpt(file string, src []byte, loc *time.Location, diags *diag.List, noFast bool) (meta Meta, body []byte, bodyLine int, ok bool) {
	if diags == nil {
		diags = new(diag.List)
	}
	if loc == nil {
		loc = time.UTC
	}
	fm, body, bodyLine, err := Split(src)
	if err != nil {
		line := 1
		var se *SplitError
		if errors.As(err, &se) {
			line = se.Line
			err = errors.New(se.Msg)
		}
		diags.Errorf(file, line, 0, "%v", err)
		return Meta{}, nil, 0, false
	}
	if fm == nil {
		if line, found := lateFrontMatter(body); found {
			diags.Warnf(file, line, 0, "front matter must start on the first line of the file: this block is read as Markdown")
		}
		return Meta{}, body, bodyLine, true
	}
	d := decoder{file: file, loc: loc, diags: diags, ok: true, last: fmFirstLine + bytes.Count(fm, []byte{'\n'}), noFast: noFast}
	defer func() {
		// Defence in depth: yaml.v3 is fuzzed upstream and here, but a
		// build must report a bad file, not crash on it.
		if r := recover(); r != nil {
			diags.Errorf(file, 1, 0, "cannot read the front matter: %v", r)
			meta, ok = Meta{}, false
		}
	}()
	d.decode(fm)
	return d.meta, body, bodyLine, d.ok
}

// fmFirstLine is the line of the file on which the front matter's first
// line sits: the line after the opening `---`.
const fmFirstLine = 2

// decoder holds the state of one Parse.
type decoder struct {
	file  string
	loc   *time.Location
	diags *diag.List
	ok    bool
	meta  Meta
	// last is the file's line of the closing `---`: no diagnostic of the
	// front matter is below it.
	last int
	// noFast sends every front matter to yaml.v3, so tests can compare
	// the fast path's results with it.
	noFast bool
}

// line converts a line of the front matter (1-based, as yaml.v3 counts)
// to a line of the whole file. yaml.v3 also ends lines at a bare "\r",
// which file lines (and editors' "go to line" on most files) do not: a
// front matter with one would put diagnostics below its end.
func (d *decoder) line(l int) int { return min(l+fmFirstLine-1, d.last) }

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.ok = false
	d.diags.Errorf(d.file, d.line(n.Line), n.Column, format, args...)
}

func (d *decoder) warnf(n *yaml.Node, format string, args ...any) {
	d.diags.Warnf(d.file, d.line(n.Line), n.Column, format, args...)
}

func (d *decoder) decode(fm []byte) {
	var doc yaml.Node
	// The fast path reads the common simple front matter into the tree
	// yaml.v3 would build, several times faster; anything else, and so
	// every error, is left to badChar and yaml.v3. It refuses every
	// character badChar reports, so it can go first.
	if d.noFast || !fastYAML(fm, &doc) {
		if l, col, msg, bad := badChar(fm); bad {
			d.ok = false
			d.diags.Errorf(d.file, d.line(l), col, "%s", msg)
			return
		}
		if err := yaml.Unmarshal(fm, &doc); err != nil {
			if l, alias := unknownAlias(fm, err); alias {
				d.ok = false
				d.diags.Errorf(d.file, d.line(l), 0, "%s", aliasMsg)
				return
			}
			l, msg := yamlError(err)
			d.ok = false
			d.diags.Errorf(d.file, d.line(l), 0, "invalid YAML in front matter: %s", msg)
			return
		}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return // empty, or only comments
	}
	root := doc.Content[0]
	if a := findAlias(root); a != nil {
		d.errorf(a, "%s", aliasMsg)
		return
	}
	switch {
	case root.Kind == yaml.ScalarNode && root.ShortTag() == nullTag:
		return
	case root.Kind != yaml.MappingNode:
		d.errorf(root, "front matter must be `key: value` lines, not %s", describe(root))
		return
	}
	d.mapping(root)
}

const aliasMsg = "YAML anchors and aliases (&name, *name) are not supported in front matter: write the value out"

// mapping decodes the top-level mapping of keys.
func (d *decoder) mapping(root *yaml.Node) {
	n := len(root.Content) / 2
	d.meta.Set = make(map[string]bool, n)
	d.meta.Lines = make(map[string]int, n)
	var unknown []*yaml.Node // key, value, key, value…
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a front matter key must be a name, not %s", describe(k))
			continue
		}
		name, known := lookupKey(k.Value)
		if prev, dup := d.meta.Lines[name]; dup && known {
			d.errorf(k, "duplicate key `%s` (already set on line %d)", k.Value, prev)
			continue
		}
		if !known {
			if dupUnknown(unknown, k) {
				d.errorf(k, "duplicate key `%s`", k.Value)
				continue
			}
			if s := suggest(k.Value, knownKeys[:]); s != "" {
				d.warnf(k, "unknown front matter key `%s`: did you mean `%s`?", k.Value, s)
			} else {
				d.warnf(k, "unknown front matter key `%s` (custom values belong under `params`)", k.Value)
			}
			unknown = append(unknown, k, v)
			continue
		}
		// The line is recorded even for a null value, so a duplicate of it
		// is still caught; Set and Lines are cleaned up below.
		d.meta.Lines[name] = d.line(k.Line)
		if isNull(v) {
			continue
		}
		d.meta.Set[name] = true
		d.field(name, v)
	}
	for name := range d.meta.Lines {
		if !d.meta.Set[name] {
			delete(d.meta.Lines, name)
		}
	}
	for i := 0; i+1 < len(unknown); i += 2 {
		k, v := unknown[i], unknown[i+1]
		if _, explicit := d.meta.Params[k.Value]; explicit {
			continue
		}
		if d.meta.Params == nil {
			d.meta.Params = make(map[string]any)
		}
		d.meta.Params[k.Value] = d.value(v)
	}
}

// field decodes the value of the known key name.
func (d *decoder) field(name string, v *yaml.Node) {
	m := &d.meta
	switch name {
	case KeyTitle:
		m.Title, _ = d.text(name, v)
	case KeyAuthor:
		m.Author, _ = d.text(name, v)
	case KeySource:
		m.Source, _ = d.text(name, v)
	case KeySummary:
		m.Summary, _ = d.text(name, v)
	case KeyTranslationKey:
		m.TranslationKey, _ = d.text(name, v)
	case KeySlug:
		m.Slug = d.slug(v)
	case KeyDate:
		m.Date = d.date(name, v)
	case KeyLastmod:
		m.Lastmod = d.date(name, v)
	case KeyTags:
		m.Tags = d.list(name, v)
	case KeyCategories:
		m.Categories = d.list(name, v)
	case KeyAliases:
		m.Aliases = d.list(name, v)
	case KeyImage:
		m.Image = d.image(v)
	case KeyDraft:
		m.Draft = d.draft(v)
	case KeyWeight:
		m.Weight = d.weight(v)
	case KeyTranslatedFrom:
		m.TranslatedFrom = d.translatedFrom(v)
	case KeyParams:
		m.Params = d.params(v)
	}
}

// knownKeys are the Key constants; lookupKey matches a written key to one.
var knownKeys = [...]string{
	KeyTitle, KeyDate, KeyLastmod, KeyAuthor, KeySource, KeySummary, KeyTags, KeyCategories,
	KeyImage, KeySlug, KeyAliases, KeyDraft, KeyWeight, KeyTranslationKey, KeyTranslatedFrom, KeyParams,
}

// lookupKey returns the canonical spelling of a known key, matched without
// regard to case as Hugo does (`Title`, `translationkey`).
func lookupKey(k string) (string, bool) {
	for _, known := range knownKeys {
		if k == known {
			return known, true
		}
	}
	for _, known := range knownKeys {
		if strings.EqualFold(k, known) {
			return known, true
		}
	}
	return k, false
}

// dupUnknown reports whether the unknown key k was already seen.
func dupUnknown(seen []*yaml.Node, k *yaml.Node) bool {
	for i := 0; i < len(seen); i += 2 {
		if seen[i].Value == k.Value {
			return true
		}
	}
	return false
}

// findAlias returns the first node, depth first, that is an alias or
// carries an anchor, or nil.
func findAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := findAlias(c); a != nil {
			return a
		}
	}
	return nil
}

// Short YAML tags, as yaml.Node.ShortTag returns them.
const (
	nullTag      = "!!null"
	boolTag      = "!!bool"
	strTag       = "!!str"
	intTag       = "!!int"
	floatTag     = "!!float"
	timestampTag = "!!timestamp"
)

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == nullTag
}

// describe names what a node holds, for messages: "a list", "a number"…
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value lines)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case nullTag:
			return "empty"
		case boolTag:
			return "true/false"
		case intTag, floatTag:
			return fmt.Sprintf("a number (%s)", n.Value)
		case timestampTag:
			return fmt.Sprintf("a date (%s)", n.Value)
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "nothing"
}
