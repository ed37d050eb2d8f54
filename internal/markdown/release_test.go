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
