package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// message is one loaded message of one language, its forms parsed once at
// load. Immutable after Load.
type message struct {
	id    string
	lang  string // canonical BCP 47 tag of the file it came from
	file  string // diagnostic path of that file
	line  int
	rule  *pluralRule // the plural rule of lang, which picks among forms
	forms [numCategories]*form
}

// form is the text of one plural category. A text without template actions
// is returned as it is; the others are parsed once, here, never per call.
type form struct {
	src  string
	tmpl *template.Template // nil when src has no template action
	// parts is the template when it is only text and {{ .Field }} actions,
	// as nearly every UI string is: render fills it in without text/template's
	// reflection (several times faster). nil for any other template.
	parts []part
}

// part is a piece of a simple template: literal text, or a field of the data.
type part struct {
	text  string
	field string // "" for text
}

// plural reports whether the message has any form besides "other": only then
// does a count choose between forms.
func (m *message) plural() bool {
	for c := catZero; c < catOther; c++ {
		if m.forms[c] != nil {
			return true
		}
	}
	return false
}

// formSet is the set of categories the message has text for.
func (m *message) formSet() categorySet {
	var s categorySet
	for c, f := range m.forms {
		if f != nil {
			s |= 1 << category(c)
		}
	}
	return s
}

// newMessage parses every form of a go-i18n message as a text/template, as
// go-i18n does: its own delimiters if the message sets them, and a text
// without the left delimiter taken literally. It differs in one respect on
// purpose: a field missing from the data is an error (reported by T), not
// "<no value>" printed on a published page. It returns nil, nil for a
// message without any text, which go-i18n treats as not translated.
func newMessage(gm *goi18n.Message) (*message, error) {
	m := &message{id: gm.ID}
	texts := [numCategories]string{gm.Zero, gm.One, gm.Two, gm.Few, gm.Many, gm.Other}
	left, right := gm.LeftDelim, gm.RightDelim
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	empty := true
	for c, src := range texts {
		if src == "" {
			continue
		}
		empty = false
		f := &form{src: src}
		if strings.Contains(src, left) {
			t, err := template.New(gm.ID).Delims(left, right).Option("missingkey=error").Parse(src)
			if err != nil {
				return nil, fmt.Errorf("form %q: %w", category(c), err)
			}
			f.tmpl = t
			f.parts = simpleParts(t)
		}
		m.forms[c] = f
	}
	if empty {
		return nil, nil
	}
	return m, nil
}

// simpleParts returns the parts of a template made only of text and
// {{ .Field }} actions, nil for any other.
func simpleParts(t *template.Template) []part {
	if t.Tree == nil || t.Tree.Root == nil {
		return nil
	}
	var parts []part
	for _, n := range t.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			parts = append(parts, part{text: string(n.Text)})
		case *parse.ActionNode:
			p := n.Pipe
			if p == nil || len(p.Decl) != 0 || p.IsAssign || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
				return nil
			}
			f, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
			if !ok || len(f.Ident) != 1 {
				return nil
			}
			parts = append(parts, part{field: f.Ident[0]})
		default:
			return nil
		}
	}
	return parts
}

// render renders f with T's arguments: by its parts when it can, else by
// text/template. Both give the same text and the same errors.
func (f *form) render(a *args) (string, error) {
	if f.tmpl == nil {
		return f.src, nil
	}
	if f.parts != nil {
		if s, ok, err := f.renderParts(a); ok {
			return s, err
		}
	}
	return f.execute(a.templateData())
}

// renderParts fills the parts in from a map, key-value pairs or a lone
// count; ok is false when the data or a value is of a kind only
// text/template prints exactly (structs, pointers, nil), and the caller
// falls back to it.
func (f *form) renderParts(a *args) (s string, ok bool, err error) {
	switch a.data.(type) {
	case nil, map[string]any, map[string]string:
	default:
		return "", false, nil
	}
	var b strings.Builder
	b.Grow(len(f.src) + 16)
	var num [24]byte
	for _, p := range f.parts {
		if p.field == "" {
			b.WriteString(p.text)
			continue
		}
		v, found := a.lookup(p.field)
		if !found {
			return "", true, fmt.Errorf("template: %s: map has no entry for key %q", f.tmpl.Name(), p.field)
		}
		switch v := v.(type) {
		case string:
			b.WriteString(v)
		case int:
			b.Write(strconv.AppendInt(num[:0], int64(v), 10))
		case int64:
			b.Write(strconv.AppendInt(num[:0], v, 10))
		case bool, int8, int16, int32, uint, uint8, uint16, uint32, uint64, float32, float64:
			b.WriteString(fmt.Sprint(v)) // what text/template prints for these
		default:
			return "", false, nil
		}
	}
	return b.String(), true, nil
}

// execute renders f with data; a panic in a method the template calls on the
// data becomes an error, so that user data never takes a build down.
func (f *form) execute(data any) (out string, err error) {
	if f.tmpl == nil {
		return f.src, nil
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("template panicked: %v", r)
		}
	}()
	var b strings.Builder
	b.Grow(len(f.src) + 16)
	if err := f.tmpl.Execute(&b, data); err != nil {
		return "", err
	}
	return b.String(), nil
}
