package release

import (
	"slices"
	"testing"
)

func TestCheckVersion(t *testing.T) {
	for _, tc := range []struct {
		v  string
		ok bool
	}{
		{"2024.1", true},
		{"2024.10-rc1", true},
		{"v1.2.3", true},
		{"1_0", true},
		{"", false},
		{".hidden", false},
		{"-rc", false},
		{"2024..1", false},
		{"..", false},
		{"a/b", false},
		{`a\b`, false},
		{"1 2", false},
		{"1\n2", false},
		{"1:2", false},
		{"x" + string(make([]byte, 64)), false},
		{"123456789012345678901234567890123456789012345678901234567890abcd", true},
		{"123456789012345678901234567890123456789012345678901234567890abcde", false},
	} {
		if err := CheckVersion(tc.v); (err == nil) != tc.ok {
			t.Errorf("CheckVersion(%q) = %v, want ok=%v", tc.v, err, tc.ok)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"2024.1", "2024.1", 0},
		{"2024.2", "2024.1", 1},
		{"2024.10", "2024.9", 1},
		{"2025.1", "2024.12", 1},
		{"2024.1", "2024.1.0", 0},
		{"2024.1.1", "2024.1", 1},
		{"2024.01", "2024.1", 0},
		{"2024.1-rc1", "2024.1", -1},
		{"2024.1rc1", "2024.1", -1},
		{"2024.1.rc1", "2024.1", -1},
		{"2024.1-rc1", "2024.0", 1},
		{"2024.1-rc2", "2024.1-rc10", -1},
		{"2024.1-alpha", "2024.1-beta", -1},
		{"2024.1-rc", "2024.1-rc1", -1},
		{"2024.1-1", "2024.1-alpha", -1}, // digits before letters, as semver
		{"2024.1-rc.1", "2024.1-rc1", 0},
		{"99999999999999999999999", "99999999999999999999998", 1},
		{"beta", "0", -1},
		{"1", "0.9", 1},
	} {
		if got := CompareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := CompareVersions(tc.b, tc.a); got != -tc.want {
			t.Errorf("CompareVersions(%q, %q) = %d, want %d (antisymmetry)", tc.b, tc.a, got, -tc.want)
		}
	}
}

func TestSortVersions(t *testing.T) {
	vs := []string{"2024.10", "2024.2", "2024.2-rc1", "2023.12", "2024.9", "2024.02", "2024.2-beta"}
	SortVersions(vs)
	want := []string{"2023.12", "2024.2-beta", "2024.2-rc1", "2024.02", "2024.2", "2024.9", "2024.10"}
	if !slices.Equal(vs, want) {
		t.Errorf("SortVersions = %q, want %q", vs, want)
	}
}

func FuzzCompareVersions(f *testing.F) {
	for _, s := range [][3]string{{"2024.1", "2024.10", "2024.1-rc1"}, {"1.2.3", "1.2", "1.2.3-beta.2"}, {"", "a", "0"}} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		ab, ba := CompareVersions(a, b), CompareVersions(b, a)
		if ab != -ba {
			t.Fatalf("not antisymmetric: (%q,%q)=%d, reverse %d", a, b, ab, ba)
		}
		if CompareVersions(a, a) != 0 {
			t.Fatalf("%q != itself", a)
		}
		if ab <= 0 && CompareVersions(b, c) <= 0 && CompareVersions(a, c) > 0 {
			t.Fatalf("not transitive: %q <= %q <= %q but %q > %q", a, b, c, a, c)
		}
	})
}
