package i18n

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/number"
)

// maxDecimals bounds the fraction digits Number writes; a float64 holds
// about 17 significant digits anyway.
const maxDecimals = 15

// formatNumber writes n with the locale's grouping and decimal separators
// and exactly decimals fraction digits; decimals < 0 means as many as n
// needs (1234.5 → "1.234,5" in vi). NaN and infinities are written as Go
// writes them.
func (d *localeData) formatNumber(n float64, decimals int) string {
	if math.IsNaN(n) || math.IsInf(n, 0) {
		return strconv.FormatFloat(n, 'f', -1, 64)
	}
	if decimals < 0 {
		s := strconv.FormatFloat(n, 'f', -1, 64)
		decimals = 0
		if _, frac, ok := strings.Cut(s, "."); ok {
			decimals = len(frac)
		}
	}
	decimals = min(decimals, maxDecimals)
	if d.xtext != nil {
		return d.xtext.Sprint(number.Decimal(n, number.Scale(decimals)))
	}
	return d.cldr.FmtNumber(n, uint64(decimals))
}
