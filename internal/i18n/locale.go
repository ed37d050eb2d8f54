package i18n

import (
	"strings"

	"github.com/go-playground/locales"
	"golang.org/x/text/language"
	xmessage "golang.org/x/text/message"
	"golang.org/x/text/number"
)

// tagChain is where a language looks before the site's default language:
// the tag itself, its CLDR parents (en-AU → en-001 → en, zh-TW → zh-Hant,
// pt-BR → pt) and its base language (zh-Hant → zh, sr-Latn → sr). The tags
// are canonical BCP 47 strings, as message files are keyed.
func tagChain(tag language.Tag) []string {
	var chain []string
	add := func(s string) {
		for _, c := range chain {
			if c == s {
				return
			}
		}
		chain = append(chain, s)
	}
	for t := tag; !t.IsRoot(); t = t.Parent() {
		add(t.String())
	}
	if base, conf := tag.Base(); conf != language.No {
		if b := base.String(); b != "und" {
			add(b)
		}
	}
	return chain
}

// canonical parses a language tag leniently ("pt_BR", "EN-gb") into its
// canonical form; ok is false when s is no language tag at all.
func canonical(s string) (tag language.Tag, ok bool) {
	tag, err := language.Parse(strings.ReplaceAll(s, "_", "-"))
	if err != nil || tag.IsRoot() {
		return language.Und, false
	}
	return tag, true
}

// localeData is the CLDR data a Translator formats dates and numbers with.
// Immutable; go-playground's translators only read their tables.
type localeData struct {
	name    string // the go-playground/locales name, e.g. "pt_PT"
	cldr    locales.Translator
	article string            // LDML pattern of the "article" style; "" for CLDR's full date
	xtext   *xmessage.Printer // non-nil: numbers are formatted by x/text (see numbersByXText)
}

// resolveLocale returns the data of the first tag of chain that has a CLDR
// locale compiled in, else en's.
func resolveLocale(chain []string) *localeData {
	for _, tag := range chain {
		name := strings.ReplaceAll(tag, "-", "_")
		if mk, ok := cldrLocales[name]; ok {
			return newLocaleData(name, mk())
		}
	}
	return newLocaleData("en", cldrLocales["en"]())
}

func newLocaleData(name string, cldr locales.Translator) *localeData {
	d := &localeData{name: name, cldr: cldr}
	d.article = articlePattern(name)
	d.xtext = numbersByXText(name, cldr)
	return d
}

// numbersByXText decides, once per locale, whether go-playground/locales
// (CLDR 36) or golang.org/x/text (CLDR 32) formats the locale's numbers.
// go-playground is preferred, its data being newer (French groups with a
// narrow no-break space since CLDR 34), except where its generated code is
// unusable for the locale:
//
//   - The formatter was generated without a number pattern (Lao): it drops
//     the minus sign and never groups. x/text formats such a locale.
//   - The locale's CLDR numbering system is not Latin (Arabic, Persian,
//     Bengali, Burmese, Marathi): go-playground writes Latin digits around
//     that system's separators ("1٬234٬567٫5"), which is neither system.
//     x/text formats such a locale in its Latin numbering system (-u-nu-latn,
//     "1,234,567.5"), so that numbers have the same Latin digits as the dates
//     go-playground formats.
//
// Both are tested by behaviour, not by a list of languages.
func numbersByXText(name string, cldr locales.Translator) *xmessage.Printer {
	tag, ok := canonical(name)
	if !ok {
		return nil
	}
	if !strings.Contains(cldr.FmtNumber(-1234567.5, 1), "-") {
		return xmessage.NewPrinter(tag)
	}
	if xmessage.NewPrinter(tag).Sprint(number.Decimal(7)) != "7" {
		latn, err := tag.SetTypeForKey("nu", "latn")
		if err != nil {
			return nil
		}
		return xmessage.NewPrinter(latn)
	}
	return nil
}
