package memfs

import (
	"io"
	"strings"
	"testing"
	"testing/fstest"
)

func TestFSPassesTestFS(t *testing.T) {
	m := New()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(m.Add("index.html", []byte("root")))
	must(m.Add("vi/news/a/index.html", []byte("a")))
	must(m.AddOpener("vi/news/a/photo.jpg", 5, func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("jpeg!")), nil }))
	if err := fstest.TestFS(m, "index.html", "vi/news/a/index.html", "vi/news/a/photo.jpg"); err != nil {
		t.Fatal(err)
	}
}

func TestFSRefusesConflicts(t *testing.T) {
	m := New()
	if err := m.Add("a/b", nil); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"a/b", "a", "a/b/c", "../x", "/abs", "."} {
		if err := m.Add(bad, nil); err == nil {
			t.Errorf("Add(%q) accepted", bad)
		}
	}
}
