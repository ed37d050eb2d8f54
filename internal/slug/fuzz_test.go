package slug

import (
	"strings"
	"testing"
)

// FuzzMake checks the promises of the package doc on arbitrary input.
func FuzzMake(f *testing.F) {
	for _, s := range []string{
		"Hội nghị thông tin đối ngoại", "l'information", "Москва", "الإِعْلَامُ الخارجي", "对外 信息",
		"../../etc/passwd", "a\x00b", "CON", strings.Repeat("ab ", 100), strings.Repeat("ก่", 50),
		"か\u3099", "ﾆｭｰｽ", "q\u0303\u0301", "ا\u064e\u0655", "\xff\xfe", "Ευρωπαϊκή", "ǅemal",
		"a\u0640\u0301", "信\u200d\u0301",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkInvariants(t, s)
	})
}
