package i18n

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/text/language"
)

// Translator localizes for one language. It is made once per language by
// Bundle.Translator and is safe for concurrent use: its lookup table is
// immutable, and it records what fell back through its bundle.
type Translator struct {
	b    *Bundle
	lang string

	// entries resolves every ID known along the fallback chain, once, so that
	// T costs a map lookup and not a walk of languages. Immutable.
	entries map[string]*entry
	unknown sync.Map // ID → struct{}: IDs no language has, already recorded

	loc  *localeData
	rule *pluralRule // the language's own plural rule, for Plural
}

// entry is the message an ID resolves to for one Translator.
type entry struct {
	msg        *message
	fellBackTo string      // "" when found in the language or its parents/base
	reported   atomic.Bool // the fallback is recorded in the bundle's Missing
}

// newTranslator resolves the chain of lang: the language, its parents and
// base language, then the default language's chain. Callers hold b.mu.
func (b *Bundle) newTranslator(key string, tag language.Tag, valid bool) *Translator {
	var own []string
	if valid {
		own = tagChain(tag)
	}
	chain := append([]string(nil), own...)
	for _, d := range b.defaultChain {
		if !contains(chain, d) {
			chain = append(chain, d)
		}
	}
	t := &Translator{b: b, lang: key, entries: map[string]*entry{}}
	for _, l := range chain {
		fell := ""
		if !contains(own, l) {
			fell = l
		}
		for id, m := range b.messages[l] {
			if _, done := t.entries[id]; !done {
				t.entries[id] = &entry{msg: m, fellBackTo: fell}
			}
		}
	}
	t.loc = resolveLocale(chain)
	if valid {
		t.rule = b.rule(tag)
	} else {
		t.rule = b.rule(language.Make(b.defaultLang))
	}
	return t
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// Lang is the translator's language as a canonical BCP 47 tag.
func (t *Translator) Lang() string { return t.lang }

// Locale is the name of the CLDR locale that formats dates and numbers
// ("pt_PT", "vi", or a fallback's such as "en").
func (t *Translator) Locale() string { return t.loc.name }

// T returns the message id localized. args may be:
//   - nothing;
//   - one number (any integer or float): the plural count, also the
//     template data .Count (and .PluralCount, go-i18n's name);
//   - one map[string]any (or map[string]string, or struct): template data,
//     whose "Count" (an integer, float, or decimal string such as "1.50")
//     selects the plural form;
//   - alternating key, value pairs: ("Author", name, "Count", 3).
//
// A message missing in the language and its parents falls back to the
// default language (recorded in Missing), then to the ID itself (recorded).
// A message that cannot be rendered with the data (a field it names is
// missing, a count that is no number) returns the ID and is recorded in
// Problems. T never panics.
func (t *Translator) T(id string, args ...any) string {
	e := t.entries[id]
	if e == nil {
		if _, seen := t.unknown.Load(id); seen {
			return id
		}
		if _, seen := t.unknown.LoadOrStore(id, struct{}{}); !seen {
			t.b.addMissing(Missing{Lang: t.lang, ID: id})
		}
		return id
	}
	if e.fellBackTo != "" && !e.reported.Load() && e.reported.CompareAndSwap(false, true) {
		t.b.addMissing(Missing{Lang: t.lang, ID: id, FellBackTo: e.fellBackTo})
	}
	m := e.msg
	if len(args) == 0 {
		if f := m.forms[catOther]; f != nil && f.tmpl == nil {
			return f.src // the common case: a fixed string
		}
	}
	a, err := parseArgs(args)
	if err != nil {
		return t.fail(id, err)
	}
	c := catOther
	if a.hasCount && m.plural() {
		if c, err = a.category(m.rule); err != nil {
			return t.fail(id, err)
		}
	}
	f := m.forms[c]
	if f == nil {
		f = m.forms[catOther] // as go-i18n does for a form the file lacks
	}
	if f == nil {
		return t.fail(id, fmt.Errorf("message has neither a %q nor an \"other\" form (%s)", c, m.file))
	}
	if f.tmpl == nil {
		return f.src
	}
	out, err := f.render(&a)
	if err != nil {
		return t.fail(id, err)
	}
	return out
}

func (t *Translator) fail(id string, err error) string {
	t.b.addProblem(Problem{Lang: t.lang, ID: id, Msg: err.Error()})
	return id
}

// Plural returns the CLDR plural category ("zero", "one", "two", "few",
// "many", "other") of the count n in the translator's language.
func (t *Translator) Plural(n int) string { return t.rule.forInt(int64(n)).String() }

// Date formats tm, in tm's own time zone (convert to the site's zone first),
// with CLDR data: style is "short", "medium", "long", "full", or "article",
// what an article page shows (CLDR's full date, or the CLDR format that
// articlePatterns names for the language: "Thứ Tư, 05/06/2013" in vi). An
// unknown style gives the full date and is recorded in Problems.
func (t *Translator) Date(tm time.Time, style string) string {
	s, ok := t.loc.formatDate(tm, style)
	if !ok {
		t.b.addProblem(Problem{Lang: t.lang, Msg: fmt.Sprintf("unknown date style %q (want short, medium, long, full or article); the full date is used", style)})
	}
	return s
}

// Number formats n with the locale's CLDR grouping and decimal separators
// and exactly decimals fraction digits (at most 15); decimals < 0 gives as
// many as n needs. Digits are Latin in every locale, as in dates.
func (t *Translator) Number(n float64, decimals int) string {
	return t.loc.formatNumber(n, decimals)
}

// args is T's arguments, sorted out.
type args struct {
	data     any  // template data as given, nil for none
	fromInt  bool // data is to be {Count, PluralCount} of the count alone
	hasCount bool
	count    any   // int64 or a decimal string, as go-i18n's PluralCount takes
	raw      any   // the count as given, for the template
	pairs    []any // key, value, … as given; keys checked to be strings
}

func parseArgs(in []any) (args, error) {
	var a args
	switch {
	case len(in) == 0:
		return a, nil
	case len(in) == 1:
		v := in[0]
		if v == nil {
			return a, nil
		}
		if c, ok, err := countOf(v, false); ok {
			if err != nil {
				return a, err
			}
			a.fromInt, a.hasCount, a.count, a.raw = true, true, c, v
			return a, nil
		}
		a.data = v
		if cv, found := countField(v); found {
			c, err := countValue(cv)
			if err != nil {
				return a, err
			}
			a.hasCount, a.count = true, c
		}
		return a, nil
	case len(in)%2 != 0:
		return a, fmt.Errorf("arguments must be one value or key, value pairs; got %d arguments", len(in))
	}
	for i := 0; i < len(in); i += 2 {
		if _, ok := in[i].(string); !ok {
			return a, fmt.Errorf("argument %d must be a key (a string), got %T", i+1, in[i])
		}
	}
	a.pairs = in
	if cv, found := a.lookup("Count"); found {
		c, err := countValue(cv)
		if err != nil {
			return a, err
		}
		a.hasCount, a.count = true, c
	}
	return a, nil
}

// lookup finds a top-level field of the data: in a map, in key-value pairs
// (the last pair wins, as it would in a map), or the lone count.
func (a *args) lookup(k string) (any, bool) {
	switch d := a.data.(type) {
	case map[string]any:
		v, ok := d[k]
		return v, ok
	case map[string]string:
		v, ok := d[k]
		return v, ok
	case nil:
		if a.fromInt && (k == "Count" || k == "PluralCount") {
			return a.raw, true
		}
		for i := len(a.pairs) - 2; i >= 0; i -= 2 {
			if a.pairs[i] == k {
				return a.pairs[i+1], true
			}
		}
	}
	return nil, false
}

// templateData is what the template sees. Data is never nil, so that a
// field the message names but the caller did not give is an error rather
// than "<no value>".
func (a args) templateData() any {
	if a.fromInt {
		return map[string]any{"Count": a.raw, "PluralCount": a.raw}
	}
	if a.pairs != nil {
		m := make(map[string]any, len(a.pairs)/2)
		for i := 0; i+1 < len(a.pairs); i += 2 {
			m[a.pairs[i].(string)] = a.pairs[i+1]
		}
		return m
	}
	if a.data == nil {
		return map[string]any{}
	}
	return a.data
}

func (a args) category(r *pluralRule) (category, error) {
	if i, ok := a.count.(int64); ok {
		return r.forInt(i), nil
	}
	c, err := r.categoryOf(a.count)
	if err != nil {
		return catOther, fmt.Errorf("count %v: %w", a.count, err)
	}
	return c, nil
}

// countValue reads the "Count" of template data.
func countValue(v any) (any, error) {
	c, ok, err := countOf(v, true)
	if !ok {
		return nil, fmt.Errorf("the Count must be a number, got %T %v", v, v)
	}
	return c, err
}

// countOf reads a plural count: any integer, a float (its shortest decimal
// form), or, if allowString, a decimal string (checked when used). ok is
// false for other types.
func countOf(v any, allowString bool) (count any, ok bool, err error) {
	switch n := v.(type) {
	case string:
		if allowString {
			return n, true, nil
		}
	case int:
		return int64(n), true, nil
	case int8:
		return int64(n), true, nil
	case int16:
		return int64(n), true, nil
	case int32:
		return int64(n), true, nil
	case int64:
		return n, true, nil
	case uint:
		return uintCount(uint64(n)), true, nil
	case uint8:
		return int64(n), true, nil
	case uint16:
		return int64(n), true, nil
	case uint32:
		return int64(n), true, nil
	case uint64:
		return uintCount(n), true, nil
	case float32:
		return floatCount(float64(n))
	case float64:
		return floatCount(n)
	}
	return nil, false, nil
}

func uintCount(n uint64) any {
	if n <= math.MaxInt64 {
		return int64(n)
	}
	return strconv.FormatUint(n, 10)
}

func floatCount(f float64) (any, bool, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, true, fmt.Errorf("count %v is not a finite number", f)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return int64(f), true, nil
	}
	return strconv.FormatFloat(f, 'f', -1, 64), true, nil
}

// countField finds "Count" in map or struct template data.
func countField(v any) (any, bool) {
	switch m := v.(type) {
	case map[string]any:
		c, ok := m["Count"]
		return c, ok
	case map[string]string:
		c, ok := m["Count"]
		return c, ok
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil, false
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil, false
	}
	f := rv.FieldByName("Count")
	if !f.IsValid() || !f.CanInterface() {
		return nil, false
	}
	return f.Interface(), true
}
