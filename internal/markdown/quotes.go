package markdown

import (
	"strings"

	"golang.org/x/text/language"
)

// quotes are the typographer's replacements for straight quotation marks:
// primary (") and secondary (') opening and closing marks.
type quotes struct {
	open, close, openInner, closeInner string
}

// nbsp is a no-break space. French typography puts one inside « »; a
// narrow one (U+202F) would be finer but is missing from many fonts still
// used on government sites.
const nbsp = "\u00a0"

var (
	englishQuotes  = quotes{"“", "”", "‘", "’"}
	frenchQuotes   = quotes{"«" + nbsp, nbsp + "»", "“", "”"}
	germanQuotes   = quotes{"„", "“", "‚", "‘"}
	russianQuotes  = quotes{"«", "»", "„", "“"}
	spanishQuotes  = quotes{"«", "»", "“", "”"}
	japaneseQuotes = quotes{"「", "」", "『", "』"}
)

// quoteTable maps a base language subtag to its quotation marks (after
// CLDR's delimiters, with « » for Arabic as its press writes them). A
// language missing here gets englishQuotes, which is also right for vi, zh
// (simplified), ko, pt, id, ms, th, lo, km, tr and hi.
var quoteTable = map[string]quotes{
	"fr": frenchQuotes,
	"de": germanQuotes,
	"cs": germanQuotes,
	"sk": germanQuotes,
	"bg": germanQuotes,
	"ru": russianQuotes,
	"uk": russianQuotes,
	"be": russianQuotes,
	"es": spanishQuotes,
	"it": spanishQuotes,
	"ca": spanishQuotes,
	"el": spanishQuotes,
	"ar": spanishQuotes,
	"fa": spanishQuotes,
	"pl": {"„", "”", "«", "»"},
	"ja": japaneseQuotes,
}

// quotesFor picks the quotation marks for a BCP 47 tag. Traditional Chinese
// (zh-Hant, zh-TW, zh-HK, zh-MO) uses corner brackets like Japanese.
func quotesFor(lang string) quotes {
	base, hant := parseLang(lang)
	if hant {
		return japaneseQuotes
	}
	if q, ok := quoteTable[base]; ok {
		return q
	}
	return englishQuotes
}

// parseLang returns the lower-case base subtag of a BCP 47 tag ("pt" for
// "pt_BR") and whether it is Chinese in Traditional script, written or
// implied by the region. A tag x/text cannot parse still yields the part
// before its first hyphen.
func parseLang(lang string) (base string, hant bool) {
	lang = strings.ReplaceAll(strings.TrimSpace(lang), "_", "-")
	base = strings.ToLower(lang)
	if i := strings.IndexByte(base, '-'); i >= 0 {
		base = base[:i]
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return base, false
	}
	b, _ := tag.Base()
	base = b.String()
	if base == "zh" {
		s, _ := tag.Script() // inferred from the region when not written
		hant = s.String() == "Hant"
	}
	return base, hant
}
