package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteIsDeterministicAndLinked(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Write(d, 12, Langs()); err != nil {
			t.Fatal(err)
		}
	}
	_, rel, want := Article("ar", 11, 12)
	got, err := os.ReadFile(filepath.Join(b, "content", "ar", "news", "2016", rel))
	if err != nil || string(got) != want {
		t.Fatalf("article differs from Article(): %v", err)
	}
	x, _ := os.ReadFile(filepath.Join(a, "content", "vi", "news", "2020", "a000005.md"))
	y, _ := os.ReadFile(filepath.Join(b, "content", "vi", "news", "2020", "a000005.md"))
	if len(x) == 0 || string(x) != string(y) {
		t.Fatal("two writes differ")
	}
}
