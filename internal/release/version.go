package release

import (
	"fmt"
	"slices"
	"strings"
)

// maxVersionLen bounds a version: it names a directory and travels in the
// signature's trusted comment.
const maxVersionLen = 64

// CheckVersion reports whether v can name a release. A version is 1 to 64
// characters from [A-Za-z0-9._-] starting with a letter or digit and without
// "..": it becomes a directory name (releases/VERSION/) and a token of the
// signature's trusted comment, so nothing in it may escape either.
func CheckVersion(v string) error {
	if v == "" {
		return fmt.Errorf("empty version")
	}
	if len(v) > maxVersionLen {
		return fmt.Errorf("version %.20q… is longer than %d characters", v, maxVersionLen)
	}
	if !isAlnum(v[0]) {
		return fmt.Errorf("version %q must start with a letter or digit", v)
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !isAlnum(c) && c != '.' && c != '_' && c != '-' {
			return fmt.Errorf("version %q: character %q not allowed (use letters, digits, '.', '_', '-')", v, c)
		}
	}
	if strings.Contains(v, "..") {
		return fmt.Errorf("version %q must not contain \"..\"", v)
	}
	return nil
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// CompareVersions orders release versions and returns -1, 0 or +1.
//
// A version is a numeric core, the longest prefix of dot-separated digit runs
// ("2024.10"), then an optional suffix (one leading '-' or '.' is dropped):
//
//   - cores compare segment by segment as numbers, so 2024.10 > 2024.9, and a
//     missing segment counts as 0 (2024.1 == 2024.1.0);
//   - with equal cores, a version without suffix is newer than one with a
//     suffix, as semver pre-releases: 2024.1-rc1 < 2024.1;
//   - suffixes compare as runs of digits (numerically) and of other
//     characters (byte-wise), digits before letters, '.', '-' and '_' only
//     separating runs: alpha < beta < rc < rc1 < rc2 < rc10.
//
// Distinct strings may compare equal (2024.1 and 2024.01); SortVersions
// breaks such ties so listings stay deterministic.
func CompareVersions(a, b string) int {
	ca, sa := splitVersion(a)
	cb, sb := splitVersion(b)
	for i := 0; i < max(len(ca), len(cb)); i++ {
		x, y := "0", "0"
		if i < len(ca) {
			x = ca[i]
		}
		if i < len(cb) {
			y = cb[i]
		}
		if c := compareNumeric(x, y); c != 0 {
			return c
		}
	}
	switch {
	case sa == "" && sb == "":
		return 0
	case sa == "":
		return 1
	case sb == "":
		return -1
	}
	return compareSuffix(sa, sb)
}

// SortVersions sorts versions oldest first by CompareVersions, ties broken
// by the strings themselves.
func SortVersions(vs []string) {
	slices.SortFunc(vs, func(a, b string) int {
		if c := CompareVersions(a, b); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
}

// splitVersion returns the numeric core's segments and the suffix.
func splitVersion(v string) (core []string, suffix string) {
	i := 0
	for {
		j := i
		for j < len(v) && isDigit(v[j]) {
			j++
		}
		if j == i {
			break // no digits here: the dot (if any) belongs to the suffix
		}
		core = append(core, v[i:j])
		i = j
		if i+1 < len(v) && v[i] == '.' && isDigit(v[i+1]) {
			i++
			continue
		}
		break
	}
	suffix = v[i:]
	if suffix != "" && (suffix[0] == '-' || suffix[0] == '.') {
		suffix = suffix[1:]
	}
	return core, suffix
}

// compareNumeric compares two digit strings of any length as numbers.
func compareNumeric(x, y string) int {
	x = strings.TrimLeft(x, "0")
	y = strings.TrimLeft(y, "0")
	if len(x) != len(y) {
		if len(x) < len(y) {
			return -1
		}
		return 1
	}
	return strings.Compare(x, y)
}

// compareSuffix compares pre-release suffixes run by run.
func compareSuffix(a, b string) int {
	ra, rb := suffixRuns(a), suffixRuns(b)
	for i := 0; i < min(len(ra), len(rb)); i++ {
		x, y := ra[i], rb[i]
		dx, dy := isDigit(x[0]), isDigit(y[0])
		var c int
		switch {
		case dx && dy:
			c = compareNumeric(x, y)
		case dx:
			c = -1
		case dy:
			c = 1
		default:
			c = strings.Compare(x, y)
		}
		if c != 0 {
			return c
		}
	}
	switch {
	case len(ra) < len(rb):
		return -1
	case len(ra) > len(rb):
		return 1
	}
	return 0
}

// suffixRuns splits s into maximal runs of digits and of other characters,
// dropping the separators '.', '-' and '_'.
func suffixRuns(s string) []string {
	var runs []string
	i := 0
	for i < len(s) {
		c := s[i]
		if c == '.' || c == '-' || c == '_' {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != '.' && s[j] != '-' && s[j] != '_' && isDigit(s[j]) == isDigit(c) {
			j++
		}
		runs = append(runs, s[i:j])
		i = j
	}
	return runs
}
