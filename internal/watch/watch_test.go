package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// step is one action and the batch it must produce; nil want means it must
// produce nothing (checked by the sentinel that follows every scenario).
type step struct {
	do   func(f *fixture)
	want []Change
}

func TestScenarios(t *testing.T) {
	elsewhere := t.TempDir() // outside the root, for moves in and out
	tests := []struct {
		name  string
		opts  Options
		files map[string]string
		steps []step
	}{
		{
			name:  "create",
			steps: []step{{func(f *fixture) { f.write("content/a.md", "a") }, []Change{{"content/a.md", Create}}}},
		},
		{
			name:  "edit",
			files: map[string]string{"content/a.md": "one"},
			steps: []step{{func(f *fixture) { f.write("content/a.md", "two, longer") }, []Change{{"content/a.md", Write}}}},
		},
		{
			name:  "delete",
			files: map[string]string{"content/a.md": "one"},
			steps: []step{{func(f *fixture) { f.remove("content/a.md") }, []Change{{"content/a.md", Remove}}}},
		},
		{
			name:  "rename",
			files: map[string]string{"content/a.md": "one"},
			steps: []step{{func(f *fixture) { f.rename("content/a.md", "content/b.md") },
				[]Change{{"content/a.md", Remove}, {"content/b.md", Create}}}},
		},
		{
			name:  "create then remove is nothing",
			steps: []step{{func(f *fixture) { f.write("content/a.md", "a"); f.remove("content/a.md") }, nil}},
		},
		{
			name:  "atomic save: temp file renamed onto target",
			files: map[string]string{"content/vi/a.md": "one"},
			steps: []step{{func(f *fixture) {
				f.write("content/vi/a.md.tmp", "two, longer")
				f.rename("content/vi/a.md.tmp", "content/vi/a.md")
			}, []Change{{"content/vi/a.md", Write}}}},
		},
		{
			name:  "atomic save: same size, same second",
			files: map[string]string{"content/a.md": "one"},
			steps: []step{{func(f *fixture) {
				f.write("content/a.md.tmp", "two")
				f.rename("content/a.md.tmp", "content/a.md")
			}, []Change{{"content/a.md", Write}}}},
		},
		{
			name:  "atomic save: vim",
			files: map[string]string{"content/a.md": "one"},
			steps: []step{{func(f *fixture) {
				f.write("content/4913", "")
				f.remove("content/4913")
				f.rename("content/a.md", "content/a.md~")
				f.write("content/a.md", "two, longer")
				f.remove("content/a.md~")
			}, []Change{{"content/a.md", Write}}}},
		},
		{
			name:  "atomic save: gedit",
			files: map[string]string{"content/a.md": "one"},
			steps: []step{{func(f *fixture) {
				f.write("content/.goutputstream-X1Y2Z3", "two, longer")
				f.rename("content/.goutputstream-X1Y2Z3", "content/a.md")
			}, []Change{{"content/a.md", Write}}}},
		},
		{
			name:  "remove then create",
			files: map[string]string{"content/a.md": "one"},
			steps: []step{{func(f *fixture) {
				f.remove("content/a.md")
				f.write("content/a.md", "two, longer")
			}, []Change{{"content/a.md", Write}}}},
		},
		{
			name: "new nested directory",
			steps: []step{{func(f *fixture) {
				f.mkdir("content/x/y")
				f.write("content/x/y/z.md", "z")
				f.write("content/x/w.md", "w")
			}, []Change{{"content/x/w.md", Create}, {"content/x/y/z.md", Create}}}},
		},
		{
			name: "directory moved in",
			steps: []step{{func(f *fixture) {
				src := filepath.Join(elsewhere, strings.ReplaceAll(f.t.Name(), "/", "_"))
				for _, p := range []string{"a.md", "sub/b.md", "sub/deeper/c.md"} {
					mustWrite(f.t, filepath.Join(src, p), p)
				}
				if err := os.Rename(src, f.path("content/moved")); err != nil {
					f.t.Fatal(err)
				}
			}, []Change{{"content/moved/a.md", Create}, {"content/moved/sub/b.md", Create}, {"content/moved/sub/deeper/c.md", Create}}}},
		},
		{
			name:  "directory moved out",
			files: map[string]string{"content/old/a.md": "a", "content/old/sub/b.md": "b", "content/keep.md": "k"},
			steps: []step{{func(f *fixture) {
				if err := os.Rename(f.path("content/old"), filepath.Join(elsewhere, strings.ReplaceAll(f.t.Name(), "/", "_"))); err != nil {
					f.t.Fatal(err)
				}
			}, []Change{{"content/old/a.md", Remove}, {"content/old/sub/b.md", Remove}}}},
		},
		{
			name:  "directory renamed, then a file in it edited",
			files: map[string]string{"content/d1/sub/a.md": "a"},
			steps: []step{
				{func(f *fixture) { f.rename("content/d1", "content/d2") },
					[]Change{{"content/d1/sub/a.md", Remove}, {"content/d2/sub/a.md", Create}}},
				{func(f *fixture) { f.write("content/d2/sub/a.md", "edited") },
					[]Change{{"content/d2/sub/a.md", Write}}},
				{func(f *fixture) { f.write("content/d2/sub/new.md", "new") },
					[]Change{{"content/d2/sub/new.md", Create}}},
			},
		},
		{
			name:  "directory removed",
			files: map[string]string{"content/d/a.md": "a", "content/d/e/b.md": "b"},
			steps: []step{{func(f *fixture) { f.remove("content/d") },
				[]Change{{"content/d/a.md", Remove}, {"content/d/e/b.md", Remove}}}},
		},
		{
			name:  "watched directory removed and made again",
			files: map[string]string{"content/a.md": "a"},
			steps: []step{
				{func(f *fixture) { f.remove("content") }, []Change{{"content/a.md", Remove}}},
				{func(f *fixture) { f.write("content/a.md", "again") }, []Change{{"content/a.md", Create}}},
			},
		},
		{
			name:  "watched directory missing at start",
			files: map[string]string{"content/a.md": "a"},
			steps: []step{
				{func(f *fixture) { f.write("layouts/_default/single.html", "<p>") },
					[]Change{{"layouts/_default/single.html", Create}}},
				{func(f *fixture) { f.write("layouts/_default/single.html", "<p>{{.}}") },
					[]Change{{"layouts/_default/single.html", Write}}},
			},
		},
		{
			name:  "chmod is not a change",
			files: map[string]string{"content/a.md": "a"},
			steps: []step{{func(f *fixture) {
				if err := os.Chmod(f.path("content/a.md"), 0o600); err != nil {
					f.t.Fatal(err)
				}
			}, nil}},
		},
		{
			name:  "editor and system files are ignored",
			files: map[string]string{"content/a.md": "a"},
			steps: []step{{func(f *fixture) {
				for _, p := range []string{
					"content/.a.md.swp", "content/.a.md.swx", "content/a.md~", "content/.#a.md",
					"content/#a.md#", "content/4913", "content/x.tmp", "content/.DS_Store",
					"content/a.md.kate-swp", "content/.goutputstream-ABC", "content/a.md___jb_tmp___",
					"content/.git/HEAD", "content/vi/.attache/cache", "static/.cache/x.css",
				} {
					f.write(p, "junk")
				}
				f.write("content/a.md.swp", "more junk")
			}, nil}},
		},
		{
			name: "dot files and .well-known are content",
			steps: []step{{func(f *fixture) {
				f.write("static/.htaccess", "deny")
				f.write("static/.well-known/security.txt", "Contact: x")
			}, []Change{{"static/.htaccess", Create}, {"static/.well-known/security.txt", Create}}}},
		},
		{
			name: "caller's ignore rule",
			opts: Options{Ignore: func(rel string) bool { return rel == "content/drafts" || strings.HasSuffix(rel, ".bak") }},
			steps: []step{{func(f *fixture) {
				f.write("content/drafts/a.md", "a")
				f.write("content/a.md.bak", "a")
				f.write("content/a.md", "a")
			}, []Change{{"content/a.md", Create}}}},
		},
		{
			name:  "outside the watched paths",
			files: map[string]string{"site.yaml": "title: x"},
			steps: []step{{func(f *fixture) {
				f.write("README.md", "readme")
				f.write("public/index.html", "<html>")
				f.write("site.yaml.orig", "x")
			}, nil}},
		},
		{
			name:  "site.yaml: atomic save, edit, removal, creation",
			files: map[string]string{"site.yaml": "title: x", "content/a.md": "a"},
			steps: []step{
				{func(f *fixture) {
					f.write("site.yaml.tmp", "title: atomic")
					f.rename("site.yaml.tmp", "site.yaml")
				}, []Change{{"site.yaml", Write}}},
				{func(f *fixture) {
					f.write(".site.yaml.swp", "swap")
					f.write("site.yaml", "title: in place")
				}, []Change{{"site.yaml", Write}}},
				{func(f *fixture) { f.remove("site.yaml") }, []Change{{"site.yaml", Remove}}},
				{func(f *fixture) { f.write("site.yaml", "title: back") }, []Change{{"site.yaml", Create}}},
			},
		},
		{
			name:  "deep watched path missing at start",
			opts:  Options{Paths: []string{"content", "themes/basic/layouts"}},
			files: map[string]string{"content/a.md": "a"},
			steps: []step{
				{func(f *fixture) {
					f.write("themes/basic/README.md", "not watched")
					f.write("themes/basic/layouts/base.html", "<html>")
				}, []Change{{"themes/basic/layouts/base.html", Create}}},
			},
		},
		{
			name: "whole root when no paths are given",
			opts: Options{Paths: []string{"."}},
			steps: []step{{func(f *fixture) {
				f.write("notes.txt", "n")
				f.write(".git/index", "git")
				f.write("content/a.md", "a")
			}, []Change{{"content/a.md", Create}, {"notes.txt", Create}}}},
		},
		{
			name: "burst of writes to one file is one batch",
			// A long quiet period: a burst of 100 saves on a loaded machine can pause.
			opts:  Options{Debounce: time.Second, MaxDelay: 10 * time.Second},
			files: map[string]string{"content/a.md": "a"},
			steps: []step{{func(f *fixture) {
				for i := range 100 {
					f.write("content/a.md", strings.Repeat("x", i+2))
				}
			}, []Change{{"content/a.md", Write}}}},
		},
		{
			name: "burst of new files is one batch",
			// A long quiet period: a burst of 100 saves on a loaded machine can pause.
			opts: Options{Debounce: time.Second, MaxDelay: 10 * time.Second},
			steps: []step{{func(f *fixture) {
				for i := range 100 {
					f.write(fmt.Sprintf("content/p%03d.md", i), "p")
				}
			}, func() []Change {
				var cs []Change
				for i := range 100 {
					cs = append(cs, Change{fmt.Sprintf("content/p%03d.md", i), Create})
				}
				return cs
			}()}},
		},
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					t.Parallel()
					files := map[string]string{"content/": ""}
					for k, v := range tt.files {
						files[k] = v
					}
					f := newFixture(t, withOpts(mode.opts, tt.opts), files)
					for _, s := range tt.steps {
						s.do(f)
						if s.want != nil {
							f.expect(s.want...)
						}
					}
					f.sentinel()
				})
			}
		})
	}
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A consumer busy with a build does not lose anything: batches cut meanwhile
// are folded into the one it has not received yet. How many batches that
// makes depends on timing, so the test folds what it receives the same way and
// checks the sum; the first batch must at least hold the first change.
func TestSlowConsumerLosesNothing(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			opts := withOpts(mode.opts, Options{Debounce: 20 * time.Millisecond})
			f := newFixture(t, opts, map[string]string{"content/gone.md": "g"})
			f.write("content/a.md", "a")
			time.Sleep(300 * time.Millisecond) // let that batch be cut
			f.write("content/b.md", "b")
			f.write("content/a.md", "a, edited")
			f.remove("content/gone.md")
			time.Sleep(300 * time.Millisecond)
			f.write("content/c.md", "c")
			want := []Change{{"content/a.md", Create}, {"content/b.md", Create}, {"content/c.md", Create}, {"content/gone.md", Remove}}
			first := f.next()
			if len(first.Changes) == 0 || first.Changes[0] != want[0] {
				t.Fatalf("first batch:\n%s\nwant it to start with %v", show(first), want[0])
			}
			var sum offer
			for b := first; ; b = f.next() {
				for _, c := range b.Changes {
					sum.add(c.Path, c.Op)
				}
				if got := sum.batch(); slices.Equal(got.Changes, want) {
					break
				}
			}
			f.sentinel()
		})
	}
}

// A never-ending stream of events still delivers, thanks to MaxDelay.
func TestEndlessStreamStillDelivers(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			opts := withOpts(mode.opts, Options{Debounce: 200 * time.Millisecond, MaxDelay: 400 * time.Millisecond})
			f := newFixture(t, opts, map[string]string{"content/a.md": "a"})
			stop := make(chan struct{})
			stopped := make(chan struct{})
			go func() {
				defer close(stopped)
				// Writes every 10ms for up to the test's patience: the
				// debounce alone would never expire.
				deadline := time.Now().Add(patience)
				for i := 0; time.Now().Before(deadline); i++ {
					select {
					case <-stop:
						return
					case <-time.After(10 * time.Millisecond):
					}
					if err := os.WriteFile(f.path("content/a.md"), []byte(strings.Repeat("y", i%50+2)), 0o644); err != nil {
						t.Error(err)
						return
					}
				}
			}()
			select {
			case b := <-f.w.Batches():
				if !slices.Equal(b.Changes, []Change{{"content/a.md", Write}}) {
					t.Errorf("batch:\n%s", show(b))
				}
			case <-stopped:
				t.Fatal("no batch while events kept coming")
			}
			close(stop)
			<-stopped
		})
	}
}

// Lost events (inotify queue overflow) ask the consumer to rescan, and the
// watcher finds what it missed and watches directories it did not know.
func TestOverflowRescans(t *testing.T) {
	f := newFixture(t, withOpts(Options{}, Options{}), map[string]string{"content/sub/a.md": "a"})
	// Make the watcher miss events in content/sub, as after an overflow.
	if err := f.w.fsw.Remove(f.path("content/sub")); err != nil {
		t.Fatal(err)
	}
	f.write("content/sub/missed.md", "m")
	f.write("content/sub/deeper/missed.md", "m")
	f.w.fsw.Errors <- fsnotify.ErrEventOverflow
	b := f.next()
	want := []Change{{"content/sub/deeper/missed.md", Create}, {"content/sub/missed.md", Create}}
	if !b.Rescan || !slices.Equal(b.Changes, want) || len(b.Errors) > 0 {
		t.Fatalf("batch:\n%s\nwant rescan and:\n%s", show(b), show(Batch{Changes: want}))
	}
	// The watches are back.
	f.write("content/sub/deeper/missed.md", "now seen")
	f.expect(Change{"content/sub/deeper/missed.md", Write})
	f.sentinel()
}

// Other errors from fsnotify travel in a batch, and the watcher goes on.
func TestErrorsTravelInBatches(t *testing.T) {
	f := newFixture(t, withOpts(Options{}, Options{}), map[string]string{"content/": ""})
	f.w.fsw.Errors <- os.ErrDeadlineExceeded
	b := f.next()
	if len(b.Errors) != 1 || len(b.Changes) != 0 || b.Rescan {
		t.Fatalf("batch:\n%s\nwant one error", show(b))
	}
	f.sentinel()
}

// expectError checks that the next batch carries an error naming rel, and no
// change.
func (f *fixture) expectError(rel string) {
	f.t.Helper()
	b := f.next()
	if len(b.Errors) != 1 || !strings.Contains(b.Errors[0].Error(), rel) || len(b.Changes) > 0 {
		f.t.Fatalf("batch:\n%s\nwant one error naming %s", show(b), rel)
	}
}

// A file that cannot be read is reported once (not at every poll), and the
// watcher goes on.
func TestBrokenFileIsReportedOnce(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t, withOpts(mode.opts, Options{}), map[string]string{"content/": ""})
			if err := os.Symlink("loop.md", f.path("content/loop.md")); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			f.expectError("content/loop.md")
			f.sentinel()
		})
	}
}

func TestUnreadableDirectoryIsReported(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads everything")
	}
	lock := func(t *testing.T, path string) {
		if err := os.Chmod(path, 0o300); err != nil { // unreadable, but can still be moved
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(path, 0o755) })
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			// One unreadable directory at start, one moved in later.
			root := t.TempDir()
			mustWrite(t, filepath.Join(root, "content/locked1/a.md"), "a")
			lock(t, filepath.Join(root, "content/locked1"))
			w, err := New(root, withOpts(mode.opts, Options{}))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { w.Close() })
			f := &fixture{t: t, root: root, w: w}
			f.expectError("content/locked1")

			src := filepath.Join(t.TempDir(), "locked2")
			mustWrite(t, filepath.Join(src, "b.md"), "b")
			lock(t, src)
			if err := os.Rename(src, f.path("content/locked2")); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.Chmod(f.path("content/locked2"), 0o755) })
			f.expectError("content/locked2")
			f.sentinel()
		})
	}
}

func TestNewRejects(t *testing.T) {
	root := t.TempDir()
	mustWrite(t, filepath.Join(root, "file"), "x")
	tests := []struct {
		name string
		root string
		opts Options
	}{
		{"missing root", filepath.Join(root, "nope"), Options{}},
		{"root is a file", filepath.Join(root, "file"), Options{}},
		{"absolute path", root, Options{Paths: []string{"/etc"}}},
		{"path leaving the root", root, Options{Paths: []string{"content/../../x"}}},
		{"empty path", root, Options{Paths: []string{""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := New(tt.root, tt.opts)
			if err == nil {
				w.Close()
				t.Fatal("New succeeded")
			}
		})
	}
}

// Close ends every goroutine of the watcher, closes Batches, and can be
// called again. Not parallel: it counts the process's goroutines.
func TestCloseLeavesNoGoroutine(t *testing.T) {
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			root := t.TempDir()
			mustWrite(t, filepath.Join(root, "content/a.md"), "a")
			w, err := New(root, withOpts(mode.opts, Options{Debounce: 20 * time.Millisecond}))
			if err != nil {
				t.Fatal(err)
			}
			mustWrite(t, filepath.Join(root, "content/b.md"), "b")
			select {
			case <-w.Batches():
			case <-time.After(patience):
				t.Fatal("no batch")
			}
			// Leave a change pending and unreceived: Close must not wait for it.
			mustWrite(t, filepath.Join(root, "content/c.md"), "c")
			if err := w.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			if err := w.Close(); err != nil {
				t.Fatalf("second Close: %v", err)
			}
			if _, ok := <-w.Batches(); ok {
				t.Fatal("Batches still open after Close")
			}
			deadline := time.Now().Add(patience)
			for runtime.NumGoroutine() > before {
				if time.Now().After(deadline) {
					buf := make([]byte, 1<<20)
					t.Fatalf("%d goroutines before, %d after Close:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
				}
				time.Sleep(10 * time.Millisecond)
			}
		})
	}
}
