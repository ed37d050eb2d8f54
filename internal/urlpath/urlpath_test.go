package urlpath

import (
	"errors"
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
