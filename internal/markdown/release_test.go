package markdown

import (
	"bytes"
	"errors"
	"sync"
	"testing"
)

func TestReleaseKeepsTextAndRefusesRender(t *testing.T) {
	c := New(Options{Lang: "vi"})
	d := c.Parse([]byte("# Tiêu đề\n\nMột [liên kết](a.md) và chữ.\n"))
	var before bytes.Buffer
	if err := d.Render(&before, nil); err != nil {
		t.Fatal(err)
	}
	text, words, links := d.PlainText(), d.WordCount(), len(d.Links())
	d.Release()
	d.Release() // twice is fine
	if d.PlainText() != text || d.WordCount() != words || len(d.Links()) != links {
		t.Error("Release lost computed values")
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

func TestCompactRendersTheSame(t *testing.T) {
	c := New(Options{Lang: "fr"})
	src := []byte("# Titre\n\nUn \"texte\" avec [lien](a.md)[^1].\n\n[^1]: Note.\n")
	d := c.Parse(src)
	rewrite := func(l Link) string { return "/x/" + l.Dest }
	var before, after bytes.Buffer
	if err := d.Render(&before, rewrite); err != nil {
		t.Fatal(err)
	}
	text := d.PlainText()
	d.Compact()
	if err := d.Render(&after, rewrite); err != nil {
		t.Fatal(err)
	}
	if before.String() != after.String() || d.PlainText() != text {
		t.Errorf("compacted document renders differently:\n%s\n%s", before.String(), after.String())
	}
}
