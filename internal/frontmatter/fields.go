package frontmatter

import (
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/attache-ssg/attache/internal/slug"
)

// text decodes a one-line value: any scalar, read as written, so that
// `title: 1984` is the title "1984". Surrounding space is trimmed.
func (d *decoder) text(name string, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		d.errorf(v, "`%s` must be text, not %s", name, describe(v))
		return "", false
	}
	return strings.TrimSpace(v.Value), true
}

// slug decodes `slug`, which must already be a clean URL segment: a
// slug is the one place an author names a URL, and one that Make would
// change (spaces, capitals, ../) is a mistake to point out, not to fix
// behind the author's back.
func (d *decoder) slug(v *yaml.Node) string {
	s, ok := d.text(KeySlug, v)
	if !ok || slug.IsValid(s) {
		return s
	}
	if clean := slug.Make(s); clean != "" {
		d.errorf(v, "`slug` %q is not a clean URL segment: write %q (lower-case letters, digits and -)", s, clean)
	} else {
		d.errorf(v, "`slug` %q has no letters or digits to make a URL from", s)
	}
	return s
}

// date decodes `date` and `lastmod`.
func (d *decoder) date(name string, v *yaml.Node) time.Time {
	if v.Kind != yaml.ScalarNode {
		d.errorf(v, "`%s` must be a date, not %s; write %s", name, describe(v), dateForms)
		return time.Time{}
	}
	t, ok := parseDate(v.Value, d.loc)
	if !ok {
		d.errorf(v, "`%s`: %q is not a date; write %s", name, v.Value, dateForms)
	}
	return t
}

// list decodes tags, categories and aliases: a list of strings, or one
// string. Entries are trimmed; empty ones are dropped with a warning.
// Numbers and true/false must be quoted, so that `tags: 5` — most likely a
// slip — is caught.
func (d *decoder) list(name string, v *yaml.Node) []string {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.ShortTag() != strTag {
			d.errorf(v, "`%s` must be a list of strings, not %s (quote it to make it text)", name, describe(v))
			return nil
		}
		if s := strings.TrimSpace(v.Value); s != "" {
			return []string{s}
		}
		d.warnf(v, "empty `%s` ignored", name)
		return nil
	case yaml.SequenceNode:
		out := make([]string, 0, len(v.Content))
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode || (item.ShortTag() != strTag && item.ShortTag() != nullTag) {
				d.errorf(item, "each entry of `%s` must be a string, not %s (quote it to make it text)", name, describe(item))
				continue
			}
			s := strings.TrimSpace(item.Value)
			if item.ShortTag() == nullTag || s == "" {
				d.warnf(item, "empty entry in `%s` dropped", name)
				continue
			}
			out = append(out, s)
		}
		return out
	}
	d.errorf(v, "`%s` must be a list of strings, not %s", name, describe(v))
	return nil
}

// imageKeys are the keys of the mapping form of `image`.
var imageKeys = []string{"src", "alt", "caption"}

// image decodes `image: path` or `image: {src, alt, caption}`.
func (d *decoder) image(v *yaml.Node) *Image {
	switch v.Kind {
	case yaml.ScalarNode:
		src, _ := d.text(KeyImage, v)
		if src == "" {
			d.warnf(v, "empty `image` ignored")
			return nil
		}
		if !d.imageSrc(KeyImage, v, src) {
			return nil
		}
		return &Image{Src: src}
	case yaml.MappingNode:
		img := &Image{}
		srcSet, bad := false, false
		d.subkeys(KeyImage, v, imageKeys, func(k string, val *yaml.Node) {
			s, _ := d.text(KeyImage+"."+k, val)
			switch k {
			case "src":
				img.Src, srcSet = s, true
				if s != "" && !d.imageSrc(KeyImage+".src", val, s) {
					img.Src, srcSet = "", false
					bad = true
				}
			case "alt":
				img.Alt = s
			case "caption":
				img.Caption = s
			}
		})
		if bad {
			return nil
		}
		if img.Src == "" {
			if !srcSet {
				d.errorf(v, "`image` needs `src`, the path of the image")
			} else {
				d.errorf(v, "`image.src` is empty: give the path of the image")
			}
			return nil
		}
		return img
	}
	d.errorf(v, "`image` must be a path or a mapping with src, alt and caption, not %s", describe(v))
	return nil
}

// imageSrc reports whether src can be a page's lead image: a path, or an
// http(s) URL. Any other scheme is an error: the image is written into
// <img src>, og:image and structured data, where javascript: or data:text
// would be a script URL and file: or C:\ a path on the author's machine.
// Like a browser, it ignores leading spaces and control characters and
// tabs and newlines anywhere when reading the scheme.
func (d *decoder) imageSrc(name string, v *yaml.Node, src string) bool {
	var scheme []byte
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\t' || c == '\n' || c == '\r' || (c <= ' ' && len(scheme) == 0):
			continue
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || len(scheme) > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
			scheme = append(scheme, c|0x20)
			continue
		case c == ':' && len(scheme) > 0:
			if s := string(scheme); s != "http" && s != "https" {
				d.errorf(v, "`%s` %q must be a path or an http(s) URL, not a %s: URL", name, src, s)
				return false
			}
		}
		return true
	}
	return true
}

// draft decodes `draft`: true or false; "true" and "false" in quotes pass.
func (d *decoder) draft(v *yaml.Node) bool {
	if v.Kind == yaml.ScalarNode {
		switch tag := v.ShortTag(); {
		case tag == boolTag, tag == strTag:
			switch strings.ToLower(strings.TrimSpace(v.Value)) {
			case "true":
				return true
			case "false":
				return false
			}
		}
	}
	d.errorf(v, "`draft` must be true or false, not %s", describe(v))
	return false
}

// weight decodes `weight`: a whole number.
func (d *decoder) weight(v *yaml.Node) int {
	if v.Kind == yaml.ScalarNode && v.ShortTag() == intTag {
		n, err := strconv.ParseInt(strings.ReplaceAll(v.Value, "_", ""), 0, strconv.IntSize)
		if err == nil {
			return int(n)
		}
	}
	if v.Kind == yaml.ScalarNode && (v.ShortTag() == intTag || isDigits(v.Value)) {
		// yaml.v3 resolves an integer too big for int64 as a float.
		d.errorf(v, "`weight` %s is out of range", v.Value)
		return 0
	}
	d.errorf(v, "`weight` must be a whole number, not %s", describe(v))
	return 0
}

// isDigits reports whether s is an optionally signed run of decimal digits.
func isDigits(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// translatedFromKeys are the keys of `translatedFrom`.
var translatedFromKeys = []string{"lang", "hash"}

// translatedFrom decodes `translatedFrom: {lang: vi, hash: 3f2a9c0b1d2e}`.
func (d *decoder) translatedFrom(v *yaml.Node) *TranslatedFrom {
	if v.Kind != yaml.MappingNode {
		d.errorf(v, "`translatedFrom` must be a mapping {lang: …, hash: …}, not %s", describe(v))
		return nil
	}
	tf := &TranslatedFrom{}
	ok := true
	d.subkeys(KeyTranslatedFrom, v, translatedFromKeys, func(k string, val *yaml.Node) {
		// Any scalar is read as written: an all-digit hash is a YAML number.
		s, good := d.text(KeyTranslatedFrom+"."+k, val)
		ok = ok && good
		switch k {
		case "lang":
			tf.Lang = s
			if good {
				if _, err := language.Parse(s); err != nil || s == "" {
					d.errorf(val, "`translatedFrom.lang` %q is not a language code such as vi or en", s)
					ok = false
				}
			}
		case "hash":
			tf.Hash = s
			if good && !isHash(s) {
				d.errorf(val, "`translatedFrom.hash` %q must be 12 lower-case hex characters (see `attache new translation`)", s)
				ok = false
			}
		}
	})
	if tf.Lang == "" || tf.Hash == "" {
		if ok {
			d.errorf(v, "`translatedFrom` needs both `lang` and `hash`")
		}
		return nil
	}
	return tf
}

// isHash reports whether s has the form Hash returns.
func isHash(s string) bool {
	if len(s) != hashLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// subkeys walks a small fixed-key mapping (image, translatedFrom): unknown
// keys are warnings with a suggestion, duplicates and non-name keys errors,
// null values skipped. Keys match without regard to case.
func (d *decoder) subkeys(parent string, v *yaml.Node, keys []string, each func(k string, val *yaml.Node)) {
	seen := make(map[string]bool, len(keys))
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a key of `%s` must be a name, not %s", parent, describe(k))
			continue
		}
		name := ""
		for _, known := range keys {
			if strings.EqualFold(k.Value, known) {
				name = known
			}
		}
		switch {
		case name == "":
			if s := suggest(k.Value, keys); s != "" {
				d.warnf(k, "unknown key `%s` in `%s`: did you mean `%s`?", k.Value, parent, s)
			} else {
				d.warnf(k, "unknown key `%s` in `%s` (known: %s)", k.Value, parent, strings.Join(keys, ", "))
			}
		case seen[name]:
			d.errorf(k, "duplicate key `%s` in `%s`", k.Value, parent)
		case isNull(val):
			seen[name] = true
		default:
			seen[name] = true
			each(name, val)
		}
	}
}

// params decodes `params`, a free mapping.
func (d *decoder) params(v *yaml.Node) map[string]any {
	if v.Kind != yaml.MappingNode {
		d.errorf(v, "`params` must be a mapping of names to values, not %s", describe(v))
		return nil
	}
	m, _ := d.value(v).(map[string]any)
	return m
}

// value decodes any node to plain Go values: map[string]any, []any,
// string, int, float64, bool, time.Time or nil. Anchors and aliases were
// rejected before, so the tree is finite and small.
func (d *decoder) value(v *yaml.Node) any {
	switch v.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(v.Content)/2)
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, val := v.Content[i], v.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				d.errorf(k, "a key must be a name, not %s", describe(k))
				continue
			}
			if _, dup := m[k.Value]; dup {
				d.errorf(k, "duplicate key `%s`", k.Value)
				continue
			}
			m[k.Value] = d.value(val)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(v.Content))
		for i, item := range v.Content {
			s[i] = d.value(item)
		}
		return s
	case yaml.ScalarNode:
		return d.scalar(v)
	}
	return nil
}

// scalar decodes a scalar by its resolved YAML tag; a value that does not
// read as its tag says (an explicit `!!int abc`) stays a string.
func (d *decoder) scalar(v *yaml.Node) any {
	s := v.Value
	switch v.ShortTag() {
	case nullTag:
		return nil
	case boolTag:
		if b, err := strconv.ParseBool(strings.ToLower(s)); err == nil {
			return b
		}
	case intTag:
		plain := strings.ReplaceAll(s, "_", "")
		if n, err := strconv.ParseInt(plain, 0, strconv.IntSize); err == nil {
			return int(n)
		}
		if f, err := strconv.ParseFloat(plain, 64); err == nil {
			return f // too big for an int
		}
	case floatTag:
		switch strings.ToLower(s) {
		case ".inf", "+.inf":
			return math.Inf(1)
		case "-.inf":
			return math.Inf(-1)
		case ".nan":
			return math.NaN()
		}
		if f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64); err == nil {
			return f
		}
	case timestampTag:
		if t, ok := parseDate(s, d.loc); ok {
			return t
		}
	}
	return s
}
