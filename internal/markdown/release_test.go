package markdown

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestReleaseKeepsCountsAndRefusesRender(t *testing.T) {
	c := New(Options{Lang: "vi"})
	d := c.Parse([]byte("# Tiêu đề\n\nMột [liên kết](a.md) và chữ.\n"))
	var before bytes.Buffer
	if err := d.Render(&before, nil); err != nil {
		t.Fatal(err)
	}
	text, err := d.PlainText()
	if err != nil || text != "Tiêu đề\nMột liên kết và chữ." {
		t.Fatalf("PlainText before Release: %q, %v", text, err)
	}
	words, lead, links := d.WordCount(), d.Lead(), len(d.Links())
	d.Release()
	d.Release() // twice is fine
	if d.WordCount() != words || words != 7 || d.Lead() != lead || lead != text || len(d.Links()) != links {
		t.Errorf("Release lost computed values: %d words, lead %q", d.WordCount(), d.Lead())
	}
	if _, err := d.PlainText(); !errors.Is(err, ErrReleased) {
		t.Errorf("PlainText after Release: %v", err)
	}
	if err := d.Render(&bytes.Buffer{}, nil); !errors.Is(err, ErrReleased) {
		t.Errorf("Render after Release: %v", err)
	}
}

func TestReleaseWaitsForRender(t *testing.T) {
	c := New(Options{Lang: "en"})
	d := c.Parse(bytes.Repeat([]byte("A paragraph with *emphasis*.\n\n"), 2000))
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b bytes.Buffer
			if err := d.Render(&b, nil); err != nil && !errors.Is(err, ErrReleased) {
				t.Error(err)
			}
		}()
	}
	d.Release()
	wg.Wait()
}

// Render fills the slots Parse left with each call's own destinations:
// two renderings with different rewrites differ only there.
func TestRenderFillsSlotsPerCall(t *testing.T) {
	c := New(Options{Lang: "fr"})
	src := []byte("# Titre\n\nUn \"texte\" avec [lien](a.md)[^1] et ![img](b.png \"t\").\n\n[^1]: Note <https://x.org/?a=1&b=2>.\n")
	d := c.Parse(src)
	var a, b, plain bytes.Buffer
	if err := d.Render(&a, func(l Link) string { return "/x/" + l.Dest }); err != nil {
		t.Fatal(err)
	}
	if err := d.Render(&b, func(l Link) string { return "javascript:alert(1)" }); err != nil {
		t.Fatal(err)
	}
	if err := d.Render(&plain, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="/x/a.md">lien</a>`, `<img src="/x/b.png" alt="img" title="t"`, `<a href="/x/https://x.org/?a=1&amp;b=2">`} {
		if !strings.Contains(a.String(), want) {
			t.Errorf("rewritten rendering lacks %s:\n%s", want, a.String())
		}
	}
	if strings.Contains(b.String(), "javascript") || !strings.Contains(b.String(), `<a href="">lien</a>`) {
		t.Errorf("a dangerous rewrite must be written empty:\n%s", b.String())
	}
	if !strings.Contains(plain.String(), `<a href="a.md">lien</a>`) {
		t.Errorf("nil rewrite must write Dest:\n%s", plain.String())
	}
}
