package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// patience is how long a test waits for a batch: generous, for a loaded
// machine. It is a deadline, never an expectation of speed.
const patience = 15 * time.Second

// modes runs a scenario with OS events and with polling.
var modes = []struct {
	name string
	opts Options
}{
	{"events", Options{}},
	{"poll", Options{Poll: 20 * time.Millisecond}},
}

// sitePaths is what attache serve watches.
var sitePaths = []string{"content", "layouts", "static", "i18n", "site.yaml"}

type fixture struct {
	t    *testing.T
	root string
	w    *Watcher
}

// newFixture lays out files (path → content; a path ending in "/" is a
// directory) under a fresh root and starts a watcher on it.
func newFixture(t *testing.T, opts Options, files map[string]string) *fixture {
	t.Helper()
	f := &fixture{t: t, root: t.TempDir()}
	for _, rel := range sortedKeys(files) {
		if strings.HasSuffix(rel, "/") {
			f.mkdir(rel)
		} else {
			f.write(rel, files[rel])
		}
	}
	w, err := New(f.root, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	f.w = w
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return f
}

func (f *fixture) path(rel string) string { return filepath.Join(f.root, filepath.FromSlash(rel)) }

func (f *fixture) mkdir(rel string) {
	f.t.Helper()
	if err := os.MkdirAll(f.path(rel), 0o755); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) write(rel, content string) {
	f.t.Helper()
	f.mkdir(filepath.Dir(filepath.FromSlash(rel)))
	if err := os.WriteFile(f.path(rel), []byte(content), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) remove(rel string) {
	f.t.Helper()
	if err := os.RemoveAll(f.path(rel)); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) rename(from, to string) {
	f.t.Helper()
	if err := os.Rename(f.path(from), f.path(to)); err != nil {
		f.t.Fatal(err)
	}
}

// next waits for the next batch.
func (f *fixture) next() Batch {
	f.t.Helper()
	select {
	case b, ok := <-f.w.Batches():
		if !ok {
			f.t.Fatal("Batches closed")
		}
		return b
	case <-time.After(patience):
		f.t.Fatalf("no batch within %v", patience)
	}
	return Batch{}
}

// expect checks that the next batch holds exactly want: no more, no less, no
// error, no rescan. This is strict on purpose: an atomic save that came out as
// a Remove then a Create would fail here.
func (f *fixture) expect(want ...Change) {
	f.t.Helper()
	b := f.next()
	if !slices.Equal(b.Changes, want) || b.Rescan || len(b.Errors) > 0 {
		f.t.Fatalf("batch:\n%s\nwant:\n%s", show(b), show(Batch{Changes: want}))
	}
}

// sentinel proves that no batch is left over and nothing else is pending: a
// fresh file must come out alone in the next batch.
func (f *fixture) sentinel() {
	f.t.Helper()
	f.write("content/zz-sentinel.md", "sentinel")
	f.expect(Change{"content/zz-sentinel.md", Create})
	f.remove("content/zz-sentinel.md")
	f.expect(Change{"content/zz-sentinel.md", Remove})
}

func show(b Batch) string {
	var s strings.Builder
	for _, c := range b.Changes {
		fmt.Fprintf(&s, "  %s %s\n", c.Op, c.Path)
	}
	if b.Rescan {
		s.WriteString("  rescan\n")
	}
	for _, err := range b.Errors {
		fmt.Fprintf(&s, "  error: %v\n", err)
	}
	if s.Len() == 0 {
		return "  (empty)"
	}
	return s.String()
}

// withOpts merges a mode's options with a test's.
func withOpts(mode, test Options) Options {
	test.Poll = mode.Poll
	if test.Paths == nil {
		test.Paths = sitePaths
	}
	if test.Debounce == 0 {
		// Long enough that the few system calls of one save never straddle
		// two batches, even on a loaded machine.
		test.Debounce = 300 * time.Millisecond
	}
	if test.MaxDelay == 0 {
		test.MaxDelay = 5 * time.Second
	}
	return test
}
