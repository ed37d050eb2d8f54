package i18n

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"gopkg.in/yaml.v3"

	"github.com/attache-ssg/attache/internal/diag"
)

// formats maps a message file's extension to its format name.
var formats = map[string]string{"yaml": "yaml", "yml": "yaml", "toml": "toml", "json": "json"}

// parseFile parses one message file in one of go-i18n v2's formats and
// returns its messages in a deterministic order. Whatever is wrong is
// reported to diags against file and, where known, the line: a syntax error
// drops the file; a bad message drops only that message. rule is the plural
// rule of the file's language, against which plural forms are checked.
// It never panics, whatever buf holds.
func parseFile(file, lang, format string, buf []byte, rule *pluralRule, diags *diag.List) (msgs []*message) {
	defer func() {
		if r := recover(); r != nil {
			diags.Errorf(file, 0, 0, "cannot read message file: internal error: %v", r)
			msgs = nil
		}
	}()
	buf = bytes.TrimPrefix(buf, []byte("\ufeff")) // a BOM from a Windows editor is not content
	if len(bytes.TrimSpace(buf)) == 0 {
		return nil
	}
	raw, err := unmarshal(format, buf)
	if err != nil {
		line, col, msg := errorPosition(format, buf, err)
		diags.Errorf(file, line, col, "invalid %s: %s", strings.ToUpper(format), msg)
		return nil
	}
	if raw == nil {
		return nil // a file of only comments
	}
	lines := keyLines(format, buf)
	// go-i18n reads the file first, so that what it accepts means exactly
	// what it means to go-i18n (single-message files, v1 lists included).
	// Only when it rejects a map of messages are the entries read one by
	// one, to name the line of each bad one and keep the good ones.
	parsed, err := parseValue(raw)
	if err != nil {
		top, ok := raw.(map[string]any)
		if !ok {
			diags.Errorf(file, 0, 0, "invalid message file: %v", err)
			return nil
		}
		parsed = parseEntries(file, top, lines, diags)
	}
	// Sorted for deterministic diagnostics and, should nesting spell one ID
	// twice ("a.b" and a: {b}), a deterministic winner.
	sort.Slice(parsed, func(i, j int) bool {
		if parsed[i].ID != parsed[j].ID {
			return parsed[i].ID < parsed[j].ID
		}
		return fmt.Sprint(*parsed[i]) < fmt.Sprint(*parsed[j])
	})

	seen := make(map[string]bool, len(parsed))
	for _, gm := range parsed {
		line := lines.of(gm.ID)
		if gm.ID == "" {
			diags.Errorf(file, line, 0, "message without an ID")
			continue
		}
		if seen[gm.ID] {
			diags.Warnf(file, line, 0, "message %q is defined twice; the last one is used", gm.ID)
		}
		seen[gm.ID] = true
		m, err := newMessage(gm)
		if err != nil {
			diags.Errorf(file, line, 0, "message %q: %v", gm.ID, err)
			continue
		}
		if m == nil {
			continue // no text: not translated, as go-i18n has it
		}
		m.lang, m.file, m.line, m.rule = lang, file, line, rule
		checkForms(m, rule, diags)
		msgs = append(msgs, m)
	}
	return msgs
}

// parseEntries hands each top-level entry to go-i18n on its own, so that a
// bad message is reported at its own line and does not take the file's
// other messages with it. Entries are taken in key order.
func parseEntries(file string, top map[string]any, lines keyIndex, diags *diag.List) []*goi18n.Message {
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []*goi18n.Message
	for _, k := range keys {
		switch v := top[k].(type) {
		case string, nil, map[string]any, []any:
		default:
			diags.Errorf(file, lines.of(k), 0, "message %q: want text or a map of plural forms, got %v", k, v)
			continue
		}
		ms, err := parseValue(map[string]any{k: top[k]})
		if err != nil {
			diags.Errorf(file, lines.of(k), 0, "message %q: %v", k, err)
			continue
		}
		for _, m := range ms {
			if m.ID == "" {
				// An ID spelled like a message key ("other: Other") reads
				// as a bare message; in a map of messages it is the ID.
				m.ID = k
			}
		}
		out = append(out, ms...)
	}
	return out
}

// parseValue runs go-i18n's own reading of message data (flat, nested,
// plural maps, v1 lists) on an already decoded value.
func parseValue(v any) ([]*goi18n.Message, error) {
	return goi18n.ParseMessageBytes([]byte{'-'}, func(_ []byte, dst any) error {
		p, ok := dst.(*any)
		if !ok {
			return fmt.Errorf("unexpected destination %T", dst)
		}
		*p = v
		return nil
	})
}

// unmarshal decodes buf into generic data. Map keys that YAML reads as
// numbers or booleans (a message ID `404:`) become strings, as they would be
// in TOML or JSON.
func unmarshal(format string, buf []byte) (any, error) {
	var raw any
	var err error
	switch format {
	case "yaml":
		err = yaml.Unmarshal(buf, &raw)
	case "toml":
		err = toml.Unmarshal(buf, &raw)
	case "json":
		err = json.Unmarshal(buf, &raw)
	default:
		return nil, fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return nil, err
	}
	return stringKeys(raw, 0)
}

// maxDepth bounds nesting, so that a hostile file cannot exhaust the stack.
const maxDepth = 64

func stringKeys(v any, depth int) (any, error) {
	if depth > maxDepth {
		return nil, errors.New("nested too deeply")
	}
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			e2, err := stringKeys(e, depth+1)
			if err != nil {
				return nil, err
			}
			t[k] = e2
		}
		return t, nil
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			e2, err := stringKeys(e, depth+1)
			if err != nil {
				return nil, err
			}
			m[fmt.Sprint(k)] = e2
		}
		return m, nil
	case []any:
		for i, e := range t {
			e2, err := stringKeys(e, depth+1)
			if err != nil {
				return nil, err
			}
			t[i] = e2
		}
		return t, nil
	}
	return v, nil
}

// checkForms warns about plural forms that can never be chosen in the
// message's language (an English "few"), and about a plural message without
// "other", which CLDR requires and which stands in for every missing form.
func checkForms(m *message, rule *pluralRule, diags *diag.List) {
	if !m.plural() {
		return
	}
	have := m.formSet()
	for c := catZero; c < numCategories; c++ {
		if have.has(c) && !rule.used.has(c) {
			diags.Warnf(m.file, m.line, 0, "message %q: plural form %q is never used in %s, whose forms are: %s", m.id, c, m.lang, rule.used)
		}
	}
	if !have.has(catOther) {
		diags.Warnf(m.file, m.line, 0, "message %q has no \"other\" form, which stands in for every form it lacks", m.id)
	}
}
