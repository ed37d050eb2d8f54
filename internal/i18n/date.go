package i18n

import (
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/locales"
)

// Date styles a template may ask for.
const (
	DateShort   = "short"
	DateMedium  = "medium"
	DateLong    = "long"
	DateFull    = "full"
	DateArticle = "article" // what an article page shows under its title
)

// articlePatterns is the one place where a language's "article" date is not
// CLDR's full date. Newspapers of these languages date an article with a
// different CLDR format, named here by its skeleton (UTS #35 §2.6.2); the
// pattern is CLDR's for that skeleton in that locale. Only the pattern's
// shape lives here: weekday and month names come from the CLDR data like
// every other date.
//
// vi: Vietnamese news sites write "Thứ Tư, 05/06/2013": skeleton yMEEEEd,
// which CLDR vi resolves through its availableFormats item yMEd
// "EEE, dd/MM/y", the weekday widened to EEEE as skeleton matching does (the
// same dd/MM/y as CLDR vi's short date format).
var articlePatterns = map[string]struct{ skeleton, pattern string }{
	"vi": {skeleton: "yMEEEEd", pattern: "EEEE, dd/MM/y"},
}

// articlePattern is the "article" pattern of a go-playground locale name,
// looked up by the name, then its language (vi_VN → vi); "" means the CLDR
// full date.
func articlePattern(name string) string {
	if p, ok := articlePatterns[name]; ok {
		return p.pattern
	}
	base, _, _ := strings.Cut(name, "_")
	return articlePatterns[base].pattern
}

// formatDate formats tm, in tm's own location, in the style asked for; ok is
// false for an unknown style, which gets the full date.
func (d *localeData) formatDate(tm time.Time, style string) (s string, ok bool) {
	switch style {
	case DateShort:
		return d.cldr.FmtDateShort(tm), true
	case DateMedium:
		return d.cldr.FmtDateMedium(tm), true
	case DateLong:
		return d.cldr.FmtDateLong(tm), true
	case DateFull:
		return d.cldr.FmtDateFull(tm), true
	case DateArticle:
		if d.article != "" {
			return formatPattern(d.cldr, d.article, tm), true
		}
		return d.cldr.FmtDateFull(tm), true
	}
	return d.cldr.FmtDateFull(tm), false
}

// formatPattern renders an LDML date pattern (UTS #35 §4, the subset that
// date-only patterns use) with the locale's CLDR names: y yy yyyy, M MM MMM
// MMMM MMMMM (and stand-alone L), d dd, E EE EEE EEEE EEEEE EEEEEE (and c),
// 'quoted text' and ” for a quote. Digits are Latin, as in go-playground's
// own date formats. A letter outside the subset is written as it is.
func formatPattern(l locales.Translator, pattern string, tm time.Time) string {
	var b strings.Builder
	rs := []rune(pattern)
	for i := 0; i < len(rs); {
		r := rs[i]
		if r == '\'' {
			if i+1 < len(rs) && rs[i+1] == '\'' {
				b.WriteRune('\'')
				i += 2
				continue
			}
			// Quoted text, in which '' is a quote too.
			j := i + 1
			for j < len(rs) {
				if rs[j] == '\'' {
					if j+1 < len(rs) && rs[j+1] == '\'' {
						b.WriteRune('\'')
						j += 2
						continue
					}
					break
				}
				b.WriteRune(rs[j])
				j++
			}
			i = j + 1
			continue
		}
		n := 1
		for i+n < len(rs) && rs[i+n] == r {
			n++
		}
		i += n
		switch r {
		case 'y':
			y := tm.Year()
			if n == 2 {
				b.WriteString(pad(y%100, 2))
			} else {
				b.WriteString(pad(y, n))
			}
		case 'M', 'L':
			switch {
			case n <= 2:
				b.WriteString(pad(int(tm.Month()), n))
			case n == 3:
				b.WriteString(l.MonthAbbreviated(tm.Month()))
			case n == 4:
				b.WriteString(l.MonthWide(tm.Month()))
			default:
				b.WriteString(l.MonthNarrow(tm.Month()))
			}
		case 'd':
			b.WriteString(pad(tm.Day(), n))
		case 'E', 'c':
			switch n {
			case 4:
				b.WriteString(l.WeekdayWide(tm.Weekday()))
			case 5:
				b.WriteString(l.WeekdayNarrow(tm.Weekday()))
			case 6:
				b.WriteString(l.WeekdayShort(tm.Weekday()))
			default:
				b.WriteString(l.WeekdayAbbreviated(tm.Weekday()))
			}
		default:
			b.WriteString(strings.Repeat(string(r), n))
		}
	}
	return b.String()
}

// pad writes n in decimal with at least width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	if len(s) < width {
		s = strings.Repeat("0", width-len(s)) + s
	}
	return s
}
