package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/attache-ssg/attache/internal/render"
)

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return out
}

func TestWriteSwapsAndReplaces(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	src := fstest.MapFS{"static/logo.svg": {Data: []byte("<svg/>")}}
	outs := []render.Output{
		{Path: "index.html", Data: []byte("root")},
		{Path: "vi/news/a/index.html", Data: []byte("a")},
		{Path: "logo.svg", Src: src, SrcPath: "static/logo.svg"},
	}
	st, err := Write(dir, outs, 2)
	if err != nil || st.Files != 3 {
		t.Fatalf("Write: %v %+v", err, st)
	}
	if got := readTree(t, dir); len(got) != 3 || got["logo.svg"] != "<svg/>" || got["vi/news/a/index.html"] != "a" {
		t.Fatalf("tree: %v", got)
	}
	// A second build replaces the tree wholesale: stale files vanish.
	if _, err := Write(dir, outs[:1], 2); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dir); len(got) != 1 {
		t.Fatalf("stale files kept: %v", got)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Fatalf("leftovers beside the output: %v", entries)
	}
}

func TestWriteFailureLeavesPreviousOutput(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if _, err := Write(dir, []render.Output{{Path: "index.html", Data: []byte("v1")}}, 1); err != nil {
		t.Fatal(err)
	}
	bad := []render.Output{
		{Path: "index.html", Data: []byte("v2")},
		{Path: "x.txt", Src: fstest.MapFS{}, SrcPath: "missing"},
	}
	if _, err := Write(dir, bad, 1); err == nil {
		t.Fatal("want an error")
	}
	if got := readTree(t, dir); got["index.html"] != "v1" || len(got) != 1 {
		t.Fatalf("previous output changed: %v", got)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Fatalf("temporary directory left behind: %v", entries)
	}
}

func TestWriteRefusesEscapingPaths(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	for _, p := range []string{"../evil.html", "/etc/evil", "a/../../evil", "a\\..\\evil"} {
		_, err := Write(dir, []render.Output{{Path: p, Data: []byte("x")}}, 1)
		if err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("%q: err = %v", p, err)
		}
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 0 {
		t.Fatalf("something was written: %v", entries)
	}
}

func TestCleanLeftovers(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	os.MkdirAll(filepath.Join(parent, ".public"+newInfix+"123", "x"), 0o755)
	os.MkdirAll(filepath.Join(parent, ".public"+oldInfix+"456"), 0o755)
	os.MkdirAll(filepath.Join(parent, "keep"), 0o755)
	CleanLeftovers(dir)
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 || entries[0].Name() != "keep" {
		t.Fatalf("entries: %v", entries)
	}
}

func TestUnchangedFilesKeepTheirInodeAndTime(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	src := fstest.MapFS{"static/a.png": {Data: []byte("png bytes")}}
	first := []render.Output{
		{Path: "same.html", Data: []byte("same")},
		{Path: "changed.html", Data: []byte("old")},
		{Path: "a.png", Src: src, SrcPath: "static/a.png"},
	}
	if _, err := Write(dir, first, 2); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-48 * time.Hour)
	for _, n := range []string{"same.html", "changed.html", "a.png"} {
		os.Chtimes(filepath.Join(dir, n), old, old)
	}
	before, _ := os.Stat(filepath.Join(dir, "same.html"))
	second := []render.Output{
		{Path: "same.html", Data: []byte("same")},
		{Path: "changed.html", Data: []byte("new")},
		{Path: "a.png", Src: src, SrcPath: "static/a.png"},
	}
	st, err := Write(dir, second, 2)
	if err != nil {
		t.Fatal(err)
	}
	if st.Unchanged != 2 {
		t.Errorf("unchanged = %d, want 2", st.Unchanged)
	}
	after, _ := os.Stat(filepath.Join(dir, "same.html"))
	if !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged file was rewritten")
	}
	ch, _ := os.Stat(filepath.Join(dir, "changed.html"))
	if ch.ModTime().Equal(old) {
		t.Error("a changed file kept its old time")
	}
	if got := readTree(t, dir); got["changed.html"] != "new" || got["same.html"] != "same" || got["a.png"] != "png bytes" {
		t.Errorf("tree: %v", got)
	}
}

func TestFailedBuildLeavesLinkedFilesAlone(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if _, err := Write(dir, []render.Output{{Path: "a.html", Data: []byte("v1")}}, 1); err != nil {
		t.Fatal(err)
	}
	w, err := Begin(dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	w.Add(render.Output{Path: "a.html", Data: []byte("v1")}) // linked
	w.Abort()
	if got := readTree(t, dir); got["a.html"] != "v1" || len(got) != 1 {
		t.Fatalf("previous output changed: %v", got)
	}
}
