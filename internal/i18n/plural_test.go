package i18n

import (
	"testing"

	"golang.org/x/text/language"
)

// TestPluralCategorySets: the categories found by sampling go-i18n's rules
// are CLDR's for each language (checked against CLDR's plurals.xml).
func TestPluralCategorySets(t *testing.T) {
	tests := []struct {
		lang string
		want string
	}{
		{"en", "one, other"},
		{"vi", "one, other"}, // CLDR 47: "one" for i = 0 or n = 1
		{"zh", "other"},
		{"ja", "other"},
		{"fr", "one, many, other"},
		{"es", "one, many, other"},
		{"pt", "one, many, other"},
		{"ru", "one, few, many, other"},
		{"pl", "one, few, many, other"},
		{"cs", "one, few, many, other"},
		{"lt", "one, few, many, other"},
		{"ar", "zero, one, two, few, many, other"},
		{"cy", "zero, one, two, few, many, other"},
		{"he", "one, two, other"},
		{"tlh", "other"}, // no rule
	}
	for _, tt := range tests {
		if got := newPluralRule(language.Make(tt.lang)).used.String(); got != tt.want {
			t.Errorf("%s categories = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestPluralLargeAndDecimalCounts(t *testing.T) {
	ru := newPluralRule(language.Russian)
	for _, tt := range []struct {
		count any
		want  category
	}{
		{int64(1021), catOne}, {int64(1022), catFew}, {int64(-1021), catOne}, {"1.5", catOther}, {"21", catOne},
	} {
		var got category
		if n, ok := tt.count.(int64); ok {
			got = ru.forInt(n)
		} else {
			got = ru.query(tt.count)
		}
		if got != tt.want {
			t.Errorf("ru %v = %s, want %s", tt.count, got, tt.want)
		}
	}
	if _, err := ru.categoryOf("abc"); err == nil {
		t.Error(`categoryOf("abc"): want an error`)
	}
	if got := ru.forInt(-9223372036854775808); got != catOther {
		t.Errorf("ru MinInt64 = %s, want other", got)
	}
}
