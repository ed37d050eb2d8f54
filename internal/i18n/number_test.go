package i18n

import (
	"math"
	"testing"
)

func TestNumber(t *testing.T) {
	b, _ := loadFiles(t, nil, nil, "en")
	tests := []struct {
		lang     string
		n        float64
		decimals int
		want     string
	}{
		{"vi", 1234567.5, 1, "1.234.567,5"},
		{"en", 1234567.5, 1, "1,234,567.5"},
		{"fr", 1234567.5, 1, "1\u202f234\u202f567,5"}, // CLDR 34+: narrow no-break space
		{"ru", 1234567.5, 1, "1\u00a0234\u00a0567,5"},
		{"de", 1234567.5, 1, "1.234.567,5"},
		{"zh", 1234567.5, 1, "1,234,567.5"},
		{"ja", 1234567.5, 1, "1,234,567.5"},
		{"ko", 1234567.5, 1, "1,234,567.5"},
		{"pt", 1234567.5, 1, "1.234.567,5"},
		{"km", 1234567.5, 1, "1.234.567,5"},
		{"es", 1234567.5, 1, "1.234.567,5"},
		// Arabic: Latin digits like the dates, with CLDR's separators of the
		// Latin numbering system in ar (x/text, ar-u-nu-latn).
		{"ar", 1234567.5, 1, "1,234,567.5"},
		{"ar", -1234, 0, "\u200e-1,234"},
		// Lao: go-playground's formatter has no pattern; x/text's CLDR data.
		{"lo", 1234567.5, 1, "1.234.567,5"},
		{"lo", -1234, 0, "-1.234"},
		{"en", 1234567.5, 2, "1,234,567.50"},
		{"en", 1234567.5, 0, "1,234,568"},
		{"en", -1234.25, 2, "-1,234.25"},
		{"en", 0.25, -1, "0.25"}, // as many decimals as needed
		{"vi", 1234.5, -1, "1.234,5"},
		{"en", 42, -1, "42"},
		{"en", 1.5, 40, "1.500000000000000"}, // capped at 15
		{"en", math.NaN(), 2, "NaN"},
		{"en", math.Inf(-1), 2, "-Inf"},
	}
	for _, tt := range tests {
		if got := b.Translator(tt.lang).Number(tt.n, tt.decimals); got != tt.want {
			t.Errorf("%s Number(%v, %d) = %q, want %q", tt.lang, tt.n, tt.decimals, got, tt.want)
		}
	}
}
