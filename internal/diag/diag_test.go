package diag

import (
	"errors"
	"sync"
	"testing"
)

func TestStringForms(t *testing.T) {
	cases := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "content/vi/a.md", Line: 3, Col: 7, Msg: "bad"}, "content/vi/a.md:3:7: bad"},
		{Diagnostic{File: "content/vi/a.md", Line: 3, Msg: "bad"}, "content/vi/a.md:3: bad"},
		{Diagnostic{File: "content/vi/a.md", Msg: "bad"}, "content/vi/a.md: bad"},
		{Diagnostic{File: "a.md", Line: 1, Severity: Warning, Msg: "odd"}, "a.md:1: warning: odd"},
		{Diagnostic{Msg: "no file"}, "no file"},
	}
	for _, c := range cases {
		if got := c.d.String(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

func TestListSortedDeterministicAndDeduplicated(t *testing.T) {
	var l List
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			l.Errorf("b.md", i%5, 0, "e%d", i%5)
			l.Warnf("a.md", 1, 0, "w")
		}(i)
	}
	wg.Wait()
	got := l.Sorted()
	if len(got) != 6 {
		t.Fatalf("want 6 distinct diagnostics, got %d: %v", len(got), got)
	}
	if got[0].File != "a.md" || got[1].Line != 0 || got[5].Line != 4 {
		t.Fatalf("unexpected order: %v", got)
	}
	if !l.HasErrors() {
		t.Fatal("HasErrors = false")
	}
	var le *ListError
	if err := l.Err(); !errors.As(err, &le) || len(le.Diags) != 5 {
		t.Fatalf("Err() = %v", err)
	}
}

func TestEmptyListHasNoError(t *testing.T) {
	var l List
	l.Warnf("x.md", 0, 0, "only a warning")
	if l.HasErrors() || l.Err() != nil {
		t.Fatal("a warning must not be an error")
	}
}
