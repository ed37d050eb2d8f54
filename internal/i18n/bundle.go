package i18n

import (
	"sort"
	"sync"

	"golang.org/x/text/language"
)

// Bundle holds every loaded message of a site and its theme. Its messages are
// immutable after Load; Translators are made once per language and shared;
// what fell back is recorded under a mutex. Safe for concurrent use.
type Bundle struct {
	defaultLang  string   // canonical tag
	defaultChain []string // tagChain of the default language

	// messages: language → ID → message, theme merged with site. Immutable.
	messages map[string]map[string]*message

	mu          sync.Mutex
	rules       map[string]*pluralRule // language → plural rule, made on first need
	translators map[string]*Translator

	recMu    sync.Mutex
	missing  map[Missing]struct{}
	problems map[Problem]struct{}
}

// Missing is a message a Translator did not find in its language (nor in that
// language's parents and base language). FellBackTo is the language whose
// message was used instead, "" when no language had it and the ID itself was
// shown.
type Missing struct {
	Lang, ID   string
	FellBackTo string
}

// Problem is a message that could not be rendered (a field missing from the
// template data, a count that is no number) or a bad argument to a
// Translator method. ID is "" for problems that concern no message.
type Problem struct {
	Lang, ID string
	Msg      string
}

func newBundle(defaultTag language.Tag) *Bundle {
	return &Bundle{
		defaultLang:  defaultTag.String(),
		defaultChain: tagChain(defaultTag),
		messages:     map[string]map[string]*message{},
		rules:        map[string]*pluralRule{},
		translators:  map[string]*Translator{},
		missing:      map[Missing]struct{}{},
		problems:     map[Problem]struct{}{},
	}
}

// DefaultLang is the canonical tag of the fallback language.
func (b *Bundle) DefaultLang() string { return b.defaultLang }

// Translator returns the translator of lang (a BCP 47 tag; "pt_BR" and
// "EN-gb" are accepted), made on first use and shared afterwards. A string
// that is no language tag gets a translator that falls back to the default
// language for everything.
func (b *Bundle) Translator(lang string) *Translator {
	key := lang
	tag, ok := canonical(lang)
	if ok {
		key = tag.String()
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if t := b.translators[key]; t != nil {
		return t
	}
	t := b.newTranslator(key, tag, ok)
	b.translators[key] = t
	return t
}

// rule returns the plural rule of a canonical tag. Callers hold b.mu, or
// are Load before the bundle is shared.
func (b *Bundle) rule(tag language.Tag) *pluralRule {
	key := tag.String()
	r := b.rules[key]
	if r == nil {
		r = newPluralRule(tag)
		b.rules[key] = r
	}
	return r
}

// IDs returns the IDs of the messages defined for exactly lang, by the site
// or the theme, sorted: what a translation status compares.
func (b *Bundle) IDs(lang string) []string {
	key := lang
	if tag, ok := canonical(lang); ok {
		key = tag.String()
	}
	ids := make([]string, 0, len(b.messages[key]))
	for id := range b.messages[key] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Langs returns the languages that have messages, sorted.
func (b *Bundle) Langs() []string {
	langs := make([]string, 0, len(b.messages))
	for l := range b.messages {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	return langs
}

// Missing returns every (language, ID) that fell back so far, sorted and
// without duplicates. The build turns them into warnings.
func (b *Bundle) Missing() []Missing {
	b.recMu.Lock()
	out := make([]Missing, 0, len(b.missing))
	for m := range b.missing {
		out = append(out, m)
	}
	b.recMu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		a, c := out[i], out[j]
		if a.Lang != c.Lang {
			return a.Lang < c.Lang
		}
		if a.ID != c.ID {
			return a.ID < c.ID
		}
		return a.FellBackTo < c.FellBackTo
	})
	return out
}

// Problems returns every rendering problem so far, sorted and without
// duplicates.
func (b *Bundle) Problems() []Problem {
	b.recMu.Lock()
	out := make([]Problem, 0, len(b.problems))
	for p := range b.problems {
		out = append(out, p)
	}
	b.recMu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		a, c := out[i], out[j]
		if a.Lang != c.Lang {
			return a.Lang < c.Lang
		}
		if a.ID != c.ID {
			return a.ID < c.ID
		}
		return a.Msg < c.Msg
	})
	return out
}

func (b *Bundle) addMissing(m Missing) {
	b.recMu.Lock()
	b.missing[m] = struct{}{}
	b.recMu.Unlock()
}

func (b *Bundle) addProblem(p Problem) {
	b.recMu.Lock()
	b.problems[p] = struct{}{}
	b.recMu.Unlock()
}
