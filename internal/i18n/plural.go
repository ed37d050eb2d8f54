package i18n

import (
	"math"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// category is a CLDR plural category; the order is go-i18n's and CLDR's.
type category uint8

const (
	catZero category = iota
	catOne
	catTwo
	catFew
	catMany
	catOther
	numCategories
)

var categoryNames = [numCategories]string{"zero", "one", "two", "few", "many", "other"}

func (c category) String() string { return categoryNames[c] }

// categorySet is a bit set of categories.
type categorySet uint8

func (s categorySet) has(c category) bool { return s&(1<<c) != 0 }

func (s categorySet) String() string {
	var names []string
	for c := catZero; c < numCategories; c++ {
		if s.has(c) {
			names = append(names, c.String())
		}
	}
	return strings.Join(names, ", ")
}

// probeID is the one message of the probe bundle behind a pluralRule.
const probeID = "plural-category"

// smallCounts is how many non-negative integer counts a pluralRule answers
// from a precomputed table: page counts, reading times and the like.
const smallCounts = 1024

// pluralRule gives the CLDR plural category of a count in one language.
//
// go-i18n holds the newest CLDR plural rules but keeps them in an internal
// package. Its public Localizer does apply them, so a pluralRule owns a
// one-language go-i18n bundle whose single message has every form spelled as
// its own category name: localizing it with a count returns the category.
// A localization costs about a microsecond, so the categories of 0…1023 are
// computed once, when the rule is made. A pluralRule is immutable, hence safe
// for concurrent use.
type pluralRule struct {
	loc   *goi18n.Localizer // nil when CLDR has no rule for the language: all is "other"
	small [smallCounts]category
	used  categorySet // the categories the language uses, as far as sampling sees
}

// extraSamples are counts beyond 0…1023 that reach categories small counts
// do not: French, Spanish, Italian, Portuguese "many" is for millions, Cornish
// looks at i % 1000000, and Russian, Lithuanian, Czech and others keep a
// category for decimals. They come from the @integer and @decimal samples of
// CLDR's plurals.xml.
var extraSamples = []string{
	"1000", "2000", "5000", "10000", "20000", "40000", "100000", "1000000", "2000000", "10000000", "100000000", "1000000000",
	"0.0", "0.1", "0.2", "0.5", "0.9", "1.0", "1.1", "1.2", "1.5", "2.0", "2.1", "2.5", "3.0", "3.5", "5.0", "10.0", "10.1", "11.1", "21.1", "100.1",
	"0.00", "0.01", "0.10", "1.00", "1.01", "1.10", "2.00", "2.01",
	"1c3", "1c6", "2c6", "1.1c6",
}

func newPluralRule(tag language.Tag) *pluralRule {
	r := &pluralRule{used: 1 << catOther}
	for i := range r.small {
		r.small[i] = catOther
	}
	b := goi18n.NewBundle(tag)
	probe := &goi18n.Message{ID: probeID, Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(tag, probe); err != nil {
		// go-i18n knows no plural rule for this language (nor its base):
		// every count is "other", which is what CLDR's root locale says.
		return r
	}
	r.loc = goi18n.NewLocalizer(b, tag.String())
	r.used = 0
	for i := range r.small {
		c := r.query(i)
		r.small[i] = c
		r.used |= 1 << c
	}
	for _, s := range extraSamples {
		r.used |= 1 << r.query(s)
	}
	r.used |= 1 << catOther // every language has "other", if only for decimals
	return r
}

// categoryOf asks go-i18n for the category of count: an integer, or a
// decimal written as a string ("1.5"; "1.50", whose visible trailing zero
// matters to some languages; "1c6"). A count go-i18n rejects is an error.
func (r *pluralRule) categoryOf(count any) (category, error) {
	if r.loc == nil {
		return catOther, nil
	}
	s, err := r.loc.Localize(&goi18n.LocalizeConfig{MessageID: probeID, PluralCount: count})
	if err != nil {
		return catOther, err
	}
	for c, name := range categoryNames {
		if name == s {
			return category(c), nil
		}
	}
	return catOther, nil
}

// query is categoryOf for counts known to be valid.
func (r *pluralRule) query(count any) category {
	c, _ := r.categoryOf(count)
	return c
}

// forInt is the category of an integer count.
func (r *pluralRule) forInt(n int64) category {
	if n < 0 {
		if n == math.MinInt64 {
			return catOther // its absolute value is no int64; go-i18n rejects it too
		}
		n = -n // CLDR operands use the absolute value
	}
	if n < smallCounts {
		return r.small[n]
	}
	return r.query(n)
}
