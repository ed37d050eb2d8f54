package buildcache

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func outputSite() map[string]string {
	return map[string]string{
		"index.html":             "<p>choose</p>",
		"vi/index.html":          "<p>vi</p>",
		"vi/news/a/index.html":   "<p>a</p>",
		"en/news/a/index.html":   "<p>a</p>",
		"css/site.css":           "body{}",
		"vi/news/page/2/x.html":  "deep",
		"sitemap.xml":            "<urlset/>",
		"en/news/a/photo.jpg":    "jpeg",
		"en/tags/x/index.html":   "tag",
		"zh/news/index.html":     "zh",
		"ar/news/b/index.html":   "ar",
		"fr/news/c/d/index.html": "fr",
	}
}

func mustSnapshot(t *testing.T, dir string) Output {
	t.Helper()
	o, err := Snapshot(dir)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestSnapshotSeesChanges: any change to a file of the output folder
// changes its snapshot; reading it does not.
func TestSnapshotSeesChanges(t *testing.T) {
	past := time.Date(2024, 1, 2, 3, 4, 5, 6, time.UTC)
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
	}{
		{"file removed", func(t *testing.T, dir string) { must(t, os.Remove(filepath.Join(dir, "vi", "index.html"))) }},
		{"file added", func(t *testing.T, dir string) { writeTree(t, dir, map[string]string{"extra.html": "x"}) }},
		{"file renamed", func(t *testing.T, dir string) {
			must(t, os.Rename(filepath.Join(dir, "sitemap.xml"), filepath.Join(dir, "sitemap2.xml")))
		}},
		{"file rewritten", func(t *testing.T, dir string) {
			writeTree(t, dir, map[string]string{"css/site.css": "body{color:red}"})
		}},
		{"modification time changed", func(t *testing.T, dir string) {
			must(t, os.Chtimes(filepath.Join(dir, "index.html"), past, past))
		}},
		{"mode changed", func(t *testing.T, dir string) { must(t, os.Chmod(filepath.Join(dir, "index.html"), 0o600)) }},
		{"link added", func(t *testing.T, dir string) {
			if err := os.Symlink("index.html", filepath.Join(dir, "link.html")); err != nil {
				t.Skipf("symlink: %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, outputSite())
			before := mustSnapshot(t, dir)
			if again := mustSnapshot(t, dir); again != before {
				t.Fatalf("two snapshots of an untouched folder differ: %v, %v", before, again)
			}
			tt.change(t, dir)
			if after := mustSnapshot(t, dir); after == before {
				t.Error("snapshot unchanged")
			}
		})
	}
}

// TestSnapshotSeesCopyWithSameTimes: a file replaced by one of the same
// size whose modification time is set back (cp -p, rsync -t) still
// changes the snapshot on Linux, where the change time cannot be set.
func TestSnapshotSeesCopyWithSameTimes(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("change times are read on Linux only")
	}
	dir := t.TempDir()
	writeTree(t, dir, outputSite())
	p := filepath.Join(dir, "vi", "news", "a", "index.html")
	info, err := os.Stat(p)
	must(t, err)
	before := mustSnapshot(t, dir)
	time.Sleep(10 * time.Millisecond)
	must(t, os.WriteFile(p, []byte("<p>b</p>"), 0o644)) // same size
	must(t, os.Chtimes(p, info.ModTime(), info.ModTime()))
	if after := mustSnapshot(t, dir); after == before {
		t.Error("a same-size edit with its modification time restored went unseen")
	}
}

// TestSnapshotCounts: Files counts files, not folders; an empty folder
// does not change the snapshot.
func TestSnapshotCounts(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, outputSite())
	before := mustSnapshot(t, dir)
	if before.Files != len(outputSite()) {
		t.Errorf("Files = %d, want %d", before.Files, len(outputSite()))
	}
	must(t, os.MkdirAll(filepath.Join(dir, "empty", "deeper"), 0o755))
	if after := mustSnapshot(t, dir); after != before {
		t.Error("an empty folder changed the snapshot")
	}
	empty := mustSnapshot(t, t.TempDir())
	if empty.Files != 0 || empty.Digest == "" {
		t.Errorf("empty folder: %+v", empty)
	}
}

// TestSnapshotRefuses: a missing folder, a file or a link to a folder
// has no snapshot (a link's files could change behind it).
func TestSnapshotRefuses(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"site/index.html": "x", "file": "y"})
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "site"), link); err != nil {
		t.Skipf("symlink: %v", err)
	}
	for _, p := range []string{filepath.Join(dir, "missing"), filepath.Join(dir, "file"), link} {
		if _, err := Snapshot(p); err == nil {
			t.Errorf("%s: no error", p)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestSnapshotLargeFolders: a folder whose listing takes several reads,
// and many nested folders, are read whole, and a change deep inside is
// seen.
func TestSnapshotLargeFolders(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	long := strings.Repeat("x", 120)
	for i := range 600 { // about 80 KB of listing: several reads of 32 KB
		files[fmt.Sprintf("big/%s-%04d.html", long, i)] = "x"
	}
	for i := range 200 {
		files[fmt.Sprintf("deep/%d/%d/%d/index.html", i%7, i%13, i)] = "y"
	}
	writeTree(t, dir, files)
	before := mustSnapshot(t, dir)
	if before.Files != len(files) {
		t.Fatalf("Files = %d, want %d", before.Files, len(files))
	}
	must(t, os.Remove(filepath.Join(dir, "deep", "5", "4", "173", "index.html")))
	if after := mustSnapshot(t, dir); after == before || after.Files != len(files)-1 {
		t.Errorf("a file removed deep inside: %+v, before %+v", after, before)
	}
}

// TestSnapshotOrder: the digest takes files in the order of their full
// paths, whatever the names (a folder "a" beside "a-b", "a.html", "a0"),
// so it is the digest of a plain sorted list of paths.
func TestSnapshotOrder(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for _, p := range []string{"a/x", "a-b", "a.html", "a0", "a/b/c", "a/b-c", "a/b.d", "b", "-", "a b/x", "é/x", "Z", "a/b/c-d/e"} {
		files[p] = p
	}
	writeTree(t, dir, files)
	var paths []string
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	d := newOutputDigest()
	for _, p := range paths {
		st, err := lstat(filepath.Join(dir, filepath.FromSlash(p)))
		must(t, err)
		d.add([]byte(p), st)
	}
	if got, want := mustSnapshot(t, dir), d.output(); got != want {
		t.Errorf("Snapshot %+v, digest of the sorted paths %+v", got, want)
	}
}

// TestSnapshotFiles: a folder's snapshot from the list of its files is
// its snapshot; a list that misses a file, or names one that is not
// there or a folder, is not.
func TestSnapshotFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, outputSite())
	var files []string
	for p := range outputSite() {
		files = append(files, p)
	}
	full := mustSnapshot(t, dir)
	got, err := SnapshotFiles(dir, append(files, files[0])) // twice: counted once
	must(t, err)
	if got != full {
		t.Errorf("SnapshotFiles %+v, Snapshot %+v", got, full)
	}
	short, err := SnapshotFiles(dir, files[1:])
	must(t, err)
	if short == full {
		t.Error("a list missing a file gave the folder's snapshot")
	}
	for _, bad := range [][]string{append(files, "missing.html"), append(files, "vi"), append(files, "../x"), append(files, "/etc/hosts"), {"."}} {
		if _, err := SnapshotFiles(dir, bad); err == nil {
			t.Errorf("%v: no error", bad[len(bad)-1])
		}
	}
	if _, err := SnapshotFiles(filepath.Join(dir, "index.html"), nil); err == nil {
		t.Error("a file as the folder: no error")
	}
}
