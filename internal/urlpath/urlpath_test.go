package urlpath

import (
	"errors"
	"path"
	"strings"
	"testing"
)

func TestRel(t *testing.T) {
	cases := []struct{ from, to, want string }{
		{"/vi/news/x/", "/vi/news/y/", "../y/"},
		{"/vi/news/x/", "/vi/", "../../"},
		{"/vi/news/x/", "/", "../../../"},
		{"/vi/news/x/", "/css/site.css", "../../../css/site.css"},
		{"/vi/news/x/", "/vi/news/x/photo.jpg", "photo.jpg"},
		{"/vi/news/x/", "/vi/news/x/", "./"},
		{"/", "/vi/", "vi/"},
		{"/", "/", "./"},
		{"/404.html", "/vi/", "vi/"},
		{"/vi/", "/en/news/a/", "../en/news/a/"},
	}
	for _, c := range cases {
		if got := Rel(c.from, c.to); got != c.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

// relSplit is Rel as first written, splitting both paths into slices: the
// oracle of FuzzRel.
func relSplit(from, to string) string {
	fromDir := from
	if !strings.HasSuffix(fromDir, "/") {
		fromDir = path.Dir(fromDir) + "/"
	}
	split := func(p string) []string {
		if p = strings.Trim(p, "/"); p == "" {
			return nil
		}
		return strings.Split(p, "/")
	}
	fs, ts := split(fromDir), split(to)
	var last string
	if !strings.HasSuffix(to, "/") && len(ts) > 0 {
		last, ts = ts[len(ts)-1], ts[:len(ts)-1]
	}
	i := 0
	for i < len(fs) && i < len(ts) && fs[i] == ts[i] {
		i++
	}
	var b strings.Builder
	for j := i; j < len(fs); j++ {
		b.WriteString("../")
	}
	for _, s := range ts[i:] {
		b.WriteString(s + "/")
	}
	b.WriteString(last)
	if b.Len() == 0 {
		return "./"
	}
	return b.String()
}

// FuzzRel checks Rel against the plain version, on any two strings.
func FuzzRel(f *testing.F) {
	for _, s := range [][2]string{
		{"/vi/news/x/", "/vi/news/y/"}, {"/vi/news/x/", "/css/site.css"}, {"/404.html", "/vi/"},
		{"/", "/"}, {"", ""}, {"x", "y"}, {"/a//b/", "/a//c"}, {"//", "/a/b//"}, {"/a/b", "a"},
		{"/a/./b", "/a/"}, {"/vi/tags/thẻ/", "/vi/tags/thẻ/page/2/"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, from, to string) {
		if got, want := Rel(from, to), relSplit(from, to); got != want {
			t.Fatalf("Rel(%q, %q) = %q, want %q", from, to, got, want)
		}
	})
}

// BenchmarkRel is a link from an article to another section's page.
func BenchmarkRel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Rel("/vi/news/2024/a000123/", "/vi/tags/ngoai-giao/page/2/")
	}
}

func TestOutFileAndClean(t *testing.T) {
	good := map[string]string{"/": "index.html", "/vi/news/x/": "vi/news/x/index.html", "/sitemap.xml": "sitemap.xml", "/vi/tags/thẻ/": "vi/tags/thẻ/index.html"}
	for in, want := range good {
		if got, err := OutFile(in); err != nil || got != want {
			t.Errorf("OutFile(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := []string{"/../etc/passwd", "/a/../../b/", "relative/", "/a\x00b/", "/a\\b/", "/" + strings.Repeat("x", 256) + "/", "/c:/x"}
	for _, in := range bad {
		if _, err := OutFile(in); !errors.Is(err, ErrUnsafe) {
			t.Errorf("OutFile(%q) err = %v, want ErrUnsafe", in, err)
		}
	}
}

func TestIsExternal(t *testing.T) {
	ext := []string{"https://x.org", "mailto:a@b", "//cdn.example/x.js", "JavaScript:alert(1)", "tel:+84"}
	for _, d := range ext {
		if !IsExternal(d) {
			t.Errorf("IsExternal(%q) = false", d)
		}
	}
	in := []string{"../a.md", "/vi/news/", "#top", "photo.jpg", "a/b:c", "?q=1", ""}
	for _, d := range in {
		if IsExternal(d) {
			t.Errorf("IsExternal(%q) = true", d)
		}
	}
}

func TestAbsAndBasePath(t *testing.T) {
	if got := Abs("https://e.org/news/", "/vi/"); got != "https://e.org/news/vi/" {
		t.Error(got)
	}
	if got := BasePath("https://e.org/news/"); got != "/news/" {
		t.Error(got)
	}
	if got := BasePath("https://e.org/"); got != "/" {
		t.Error(got)
	}
}

func FuzzOutFile(f *testing.F) {
	for _, s := range []string{"/", "/vi/x/", "/../a", "/a/./b/", "/a//b", "/\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, url string) {
		p, err := OutFile(url)
		if err != nil {
			return
		}
		if strings.HasPrefix(p, "/") || p == ".." || strings.HasPrefix(p, "../") || strings.Contains(p, "/../") || strings.ContainsRune(p, 0) {
			t.Fatalf("OutFile(%q) = %q escapes", url, p)
		}
		for _, seg := range strings.Split(p, "/") {
			if windowsDevice(seg) || strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " ") {
				t.Fatalf("OutFile(%q) = %q: segment %q cannot be a Windows file", url, p, seg)
			}
		}
	})
}
