package buildcache

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func needListing(t *testing.T) {
	t.Helper()
	if !statTimes {
		t.Skip("no change times: no output listing here")
	}
}

// countFolders returns how many folders of tree were read from disk, and
// how many in all.
func countFolders(tree *folder) (fresh, all int) {
	all = 1
	if tree.fresh {
		fresh = 1
	}
	for _, e := range tree.ents {
		if e.sub != nil {
			f, a := countFolders(e.sub)
			fresh, all = fresh+f, all+a
		}
	}
	return fresh, all
}

// listedCheck stores an entry for an output folder, and runs one check
// with a clock that has settled every folder, which keeps a listing.
func listedCheck(t *testing.T) (root, out string, e *Entry) {
	t.Helper()
	root, out, e = stored(t, time.Time{})
	if got, why := check(root, out, "k", built, later()); got == nil {
		t.Fatalf("first check missed: %s", why)
	}
	if loadListing(root, out) == nil {
		t.Fatal("no listing kept after a check that hit")
	}
	return root, out, e
}

// TestListingSparesFolders: with a listing, a check opens no folder, and
// gives the snapshot a full read gives.
func TestListingSparesFolders(t *testing.T) {
	needListing(t)
	root, out, e := listedCheck(t)
	snap, tree, err := snapshot(out, loadListing(root, out), true)
	must(t, err)
	if fresh, all := countFolders(tree); fresh != 0 || all < 10 {
		t.Errorf("%d of %d folders read from disk, want none", fresh, all)
	}
	if snap != e.Output || snap != mustSnapshot(t, out) {
		t.Errorf("snapshot through the listing %+v; entry %+v", snap, e.Output)
	}
	if got, why := check(root, out, "k", built, later()); got == nil {
		t.Errorf("second check missed: %s", why)
	}
}

// TestListingSeesChanges: with a trusted listing, every change to the
// output's files makes Check miss; an empty folder does not.
func TestListingSeesChanges(t *testing.T) {
	needListing(t)
	tests := []struct {
		name   string
		change func(t *testing.T, out string)
		hit    bool
	}{
		{"file deleted", func(t *testing.T, out string) {
			must(t, os.Remove(filepath.Join(out, "en", "news", "a", "index.html")))
		}, false},
		{"file deleted at the root", func(t *testing.T, out string) { must(t, os.Remove(filepath.Join(out, "sitemap.xml"))) }, false},
		{"file added deep", func(t *testing.T, out string) {
			writeTree(t, out, map[string]string{"fr/news/c/d/extra.html": "x"})
		}, false},
		{"file replaced by one of the same size and times", func(t *testing.T, out string) {
			p := filepath.Join(out, "vi", "news", "a", "index.html")
			info, err := os.Stat(p)
			must(t, err)
			tmp := filepath.Join(out, "vi", "news", "a", "tmp")
			must(t, os.WriteFile(tmp, []byte("<p>b</p>"), 0o644))
			must(t, os.Chtimes(tmp, info.ModTime(), info.ModTime()))
			must(t, os.Rename(tmp, p))
		}, false},
		{"file edited in place, times restored", func(t *testing.T, out string) {
			p := filepath.Join(out, "css", "site.css")
			info, err := os.Stat(p)
			must(t, err)
			must(t, os.WriteFile(p, []byte("body{}"[:0]+"BODY{}"), 0o644))
			must(t, os.Chtimes(p, info.ModTime(), info.ModTime()))
		}, false},
		{"folder replaced", func(t *testing.T, out string) {
			d := filepath.Join(out, "zh", "news")
			must(t, os.Rename(d, d+".old"))
			writeTree(t, out, map[string]string{"zh/news/index.html": "zh"})
			must(t, os.RemoveAll(d+".old"))
		}, false},
		{"link added", func(t *testing.T, out string) {
			if err := os.Symlink("index.html", filepath.Join(out, "ar", "news", "b", "link.html")); err != nil {
				t.Skipf("symlink: %v", err)
			}
		}, false},
		{"empty folder added", func(t *testing.T, out string) {
			must(t, os.MkdirAll(filepath.Join(out, "vi", "news", "empty"), 0o755))
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, out, _ := listedCheck(t)
			tt.change(t, out)
			got, why := check(root, out, "k", built, later())
			if (got != nil) != tt.hit {
				t.Fatalf("hit %v (%s), want %v", got != nil, why, tt.hit)
			}
			if !tt.hit && !strings.Contains(why, "changed") {
				t.Errorf("reason %q", why)
			}
		})
	}
}

// TestListingKeepsNoRacyFolder: folders that changed less than
// settleMargin before the check are not worth a listing (a change within
// the same clock tick would keep their stat); once settled, they are.
func TestListingKeepsNoRacyFolder(t *testing.T) {
	needListing(t)
	root, out, _ := stored(t, time.Time{})
	if got, why := check(root, out, "k", built, time.Now()); got == nil {
		t.Fatalf("check missed: %s", why)
	}
	if loadListing(root, out) != nil {
		t.Error("a listing of racy folders was kept")
	}
	check(root, out, "k", built, later())
	l := loadListing(root, out)
	if l == nil || !l.settled {
		t.Fatal("no settled listing once the folders settled")
	}
	// A listed folder that is racy is read from disk.
	l.settled = false
	_, tree, err := snapshot(out, l, true)
	must(t, err)
	if !tree.fresh {
		t.Error("a racy listed folder was not read")
	}
}

// TestListingCannotHit: a listing that lies (here: a folder listed
// without one of its files, with its real stat) makes Check miss, since
// the files' digest no longer matches the entry's; a corrupt listing is
// ignored.
func TestListingCannotHit(t *testing.T) {
	needListing(t)
	root, out, _ := listedCheck(t)
	_, tree, err := snapshot(out, nil, true)
	must(t, err)
	for i, e := range tree.ents {
		if e.name == "sitemap.xml" {
			tree.ents = append(tree.ents[:i:i], tree.ents[i+1:]...)
			break
		}
	}
	must(t, writeSealed(listingPath(root, out), encodeListing(out, tree, later().UnixNano())))
	if got, _ := check(root, out, "k", built, later()); got != nil {
		t.Error("a lying listing made Check hit")
	}

	data, err := os.ReadFile(listingPath(root, out))
	must(t, err)
	data[len(data)/2] ^= 1
	must(t, os.WriteFile(listingPath(root, out), data, 0o644))
	if loadListing(root, out) != nil {
		t.Fatal("a damaged listing was read")
	}
	if got, why := check(root, out, "k", built, later()); got == nil {
		t.Errorf("a damaged listing made Check miss: %s", why)
	}
	if loadListing(root, out) == nil {
		t.Error("the damaged listing was not replaced")
	}
	if decodeListing(encodeListing(out, tree, 0), "/other/folder") != nil {
		t.Error("another folder's listing was read")
	}
}

// TestListingDropped: Store and Forget drop the listing of their folder
// (a new build makes it useless), and listings of pruned entries go.
func TestListingDropped(t *testing.T) {
	needListing(t)
	root, out, e := listedCheck(t)
	must(t, Store(root, out, e))
	if _, err := os.Stat(listingPath(root, out)); err == nil {
		t.Error("Store kept the folder's old listing")
	}
	check(root, out, "k", built, later())
	must(t, Forget(root, out))
	if _, err := os.Stat(listingPath(root, out)); err == nil {
		t.Error("Forget kept the listing")
	}
	must(t, Store(root, out, e))
	check(root, out, "k", built, later())
	stray := listingPath(root, "/a/folder/never/built")
	must(t, os.WriteFile(stray, []byte("x"), 0o644))
	other := filepath.Join(t.TempDir(), "public")
	writeTree(t, other, outputSite())
	must(t, Store(root, other, &Entry{Key: "k", BuiltAt: built, Output: mustSnapshot(t, other)}))
	if _, err := os.Stat(stray); err == nil {
		t.Error("the listing of a folder without an entry was kept")
	}
	if _, err := os.Stat(listingPath(root, out)); err != nil {
		t.Error("Store into another folder dropped this folder's listing")
	}
}

// TestChildLookup: a listed folder finds its subfolders among entries in
// path order, where "a-b" and "a.html" come before the folder "a".
func TestChildLookup(t *testing.T) {
	sub := &listedFolder{}
	l := &listedFolder{ents: []listedEntry{{name: "a-b"}, {name: "a.html"}, {name: "a", sub: sub}, {name: "a0"}, {name: "b", sub: &listedFolder{}}}}
	if l.child("a") != sub {
		t.Error("folder a not found")
	}
	if l.child("a.html") != nil || l.child("c") != nil || (*listedFolder)(nil).child("a") != nil {
		t.Error("found a folder that is not one")
	}
}

// FuzzDecodeListing: no input makes the decoder panic, and what it
// accepts encodes back to the same bytes.
func FuzzDecodeListing(f *testing.F) {
	const out = "/srv/public"
	leaf := &folder{self: fileStat{mode: 0o40755, mtime: 5, ctime: 6, ino: 9}, ents: []dirent{{name: "index.html"}}}
	tree := &folder{self: fileStat{ctime: 1}, ents: []dirent{{name: "a-b"}, {name: "a", dir: true, sub: leaf}, {name: "z"}}}
	f.Add(encodeListing(out, tree, 3))
	f.Add(encodeListing(out, &folder{}, 0))
	f.Add([]byte(listingMagic))
	f.Fuzz(func(t *testing.T, data []byte) {
		l := decodeListing(data, out)
		if l == nil {
			return
		}
		if back := encodeListing(out, toFolder(l), 0); string(back) != string(data) {
			t.Error("decoded listing encodes to other bytes")
		}
	})
}

// toFolder turns a listing back into the tree it was made from, as
// encodeListing takes it (its settled flags kept).
func toFolder(l *listedFolder) *folder {
	f := &folder{self: l.self, prev: l}
	for _, e := range l.ents {
		d := dirent{name: e.name}
		if e.sub != nil {
			d.dir, d.sub = true, toFolder(e.sub)
		}
		f.ents = append(f.ents, d)
	}
	return f
}

// TestListingClosesFolders: the folders a check opens to look up from are
// all closed, whether the check hits or stops at a vanished file.
func TestListingClosesFolders(t *testing.T) {
	needListing(t)
	fds := func() int {
		ents, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Skipf("no /proc: %v", err)
		}
		return len(ents)
	}
	root, out, _ := listedCheck(t)
	before := fds()
	for range 20 {
		if got, why := check(root, out, "k", built, later()); got == nil {
			t.Fatalf("check missed: %s", why)
		}
	}
	// A file gone from a folder whose stat is kept (the listing claims
	// it): the walk stops part way.
	l := loadListing(root, out)
	l.ents = append(l.ents, listedEntry{name: "zz-gone.html"})
	for range 20 {
		if _, _, err := snapshot(out, l, true); !errors.Is(err, errListingStale) {
			t.Fatalf("err = %v, want a stale listing", err)
		}
	}
	if after := fds(); after != before {
		t.Errorf("%d open files before, %d after", before, after)
	}
}
