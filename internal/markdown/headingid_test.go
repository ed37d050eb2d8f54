package markdown

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDefaultHeadingID(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Hello, World!", "hello-world"},
		{"  Số liệu   đáng chú ý  ", "số-liệu-đáng-chú-ý"},
		{"Nội dung (2011–2020)", "nội-dung-20112020"},
		{"state-of-the-art_design", "state-of-the-art-design"},
		{"العلاقات الثنائية", "العلاقات-الثنائية"},
		{"第一章：“双边关系”概述", "第一章双边关系概述"},
		{"2024年展望", "2024年展望"},
		{"Привет мир", "привет-мир"},
		{"Cafe\u0301 déjà", "café-déjà"}, // NFD input gives the NFC ID
		{"?!…", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := DefaultHeadingID(tt.text); got != tt.want {
			t.Errorf("DefaultHeadingID(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestHeadingsUniqueIDs(t *testing.T) {
	src := "# Intro\n\n## Intro\n\n## Intro 1\n\nSetext\n---\n\n## ?!\n\n## …\n\n### Tiêu đề **đậm** [liên kết](https://x.org)[^1]\n\n## Mine {#intro-2}\n\n## Intro\n\n[^1]: n"
	d := New(Options{Lang: "vi"}).Parse([]byte(src))
	want := []Heading{
		{1, "intro", "Intro"},
		{2, "intro-1", "Intro"},
		{2, "intro-1-1", "Intro 1"},
		{2, "setext", "Setext"},
		{2, "heading", "?!"},
		{2, "heading-1", "…"},
		{3, "tiêu-đề-đậm-liên-kết", "Tiêu đề đậm liên kết"},
		{2, "intro-2", "Mine"},
		{2, "intro-3", "Intro"}, // intro-2 is the author's
	}
	if got := d.Headings(); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	var b strings.Builder
	if err := d.Render(&b, nil); err != nil {
		t.Fatal(err)
	}
	for _, h := range want {
		if !strings.Contains(b.String(), fmt.Sprintf(`<h%d id="%s">`, h.Level, h.ID)) {
			t.Errorf("rendered HTML lacks id %q:\n%s", h.ID, b.String())
		}
	}
}

func TestHeadingIDFunc(t *testing.T) {
	var seen []string
	slug := func(s string) string {
		seen = append(seen, s)
		return strings.ToUpper(strings.ReplaceAll(s, " ", "_"))
	}
	d := New(Options{HeadingID: slug}).Parse([]byte("# A \"b\"\n\n# A \"b\"\n\n# *x*\n"))
	got := d.Headings()
	want := []Heading{{1, "A_“B”", "A “b”"}, {1, "A_“B”-1", "A “b”"}, {1, "X", "x"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if !reflect.DeepEqual(seen, []string{"A “b”", "A “b”", "x"}) {
		t.Errorf("HeadingID called with %q", seen)
	}
	empty := New(Options{HeadingID: func(string) string { return "" }}).Parse([]byte("# a\n# b"))
	if h := empty.Headings(); h[0].ID != "heading" || h[1].ID != "heading-1" {
		t.Errorf("empty IDs: %+v", h)
	}
}

// TestManyIdenticalHeadings guards against quadratic suffix search.
func TestManyIdenticalHeadings(t *testing.T) {
	src := strings.Repeat("## Same\n", 20000)
	start := time.Now()
	h := New(Options{}).Parse([]byte(src)).Headings()
	if len(h) != 20000 || h[19999].ID != "same-19999" {
		t.Fatalf("got %d headings, last %+v", len(h), h[len(h)-1])
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("20,000 identical headings took %v", d)
	}
}
