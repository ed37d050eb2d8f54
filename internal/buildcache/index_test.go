package buildcache

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// later is a clock far enough ahead that every file written by a test has
// settled (see settleMargin).
func later() time.Time { return time.Now().Add(time.Hour) }

func mustHashAt(t testing.TB, in Inputs, now time.Time) Sources {
	t.Helper()
	src, err := hashAt(in, now)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// diskFiles is how many files of keySite Hash reads from disk (the
// others are skipped, or not in a tree the build reads).
const diskFiles = 10

func needIndex(t *testing.T) {
	t.Helper()
	if !statTimes {
		t.Skip("no change times: no source index on " + runtime.GOOS)
	}
}

// TestIndexSparesReads: once the index holds settled files, Hash reads
// none of them again, and the key is the one of reading them all.
func TestIndexSparesReads(t *testing.T) {
	needIndex(t)
	root := t.TempDir()
	writeTree(t, root, keySite())
	in := keyInputs(root)
	themeFiles := len(keyTheme)

	first := mustHashAt(t, in, later())
	if first.Read != diskFiles+themeFiles {
		t.Fatalf("first Hash read %d files, want %d", first.Read, diskFiles+themeFiles)
	}
	if _, err := os.Stat(indexPath(root)); err != nil {
		t.Fatalf("no index written: %v", err)
	}
	second := mustHashAt(t, in, later())
	if second.Read != themeFiles {
		t.Errorf("second Hash read %d files, want only the theme's %d", second.Read, themeFiles)
	}
	all := in
	all.NoIndex = true
	full := mustHashAt(t, all, later())
	if second.Key != first.Key || full.Key != first.Key {
		t.Errorf("keys differ: first %s, indexed %s, all read %s", first.Key, second.Key, full.Key)
	}
	if second.Files != full.Files || second.Bytes != full.Bytes {
		t.Errorf("indexed Hash covers %d files, %d bytes; reading all: %d, %d", second.Files, second.Bytes, full.Files, full.Bytes)
	}
}

// TestIndexSeesChanges: with a settled index, every change to a source
// changes the key, whatever its stat keeps; a touch alone does not.
func TestIndexSeesChanges(t *testing.T) {
	needIndex(t)
	const name = "content/vi/news/a.md"
	same := "---\ntitle: B\ndate: 2024-01-02\n---\nNội dung.\n" // the size of keySite's
	tests := []struct {
		name    string
		change  func(t *testing.T, root string)
		newKey  bool
		rereads int // files read again, theme aside
	}{
		{"touched, content unchanged", func(t *testing.T, root string) {
			p := filepath.Join(root, filepath.FromSlash(name))
			now := time.Now().Add(-time.Minute)
			must(t, os.Chtimes(p, now, now))
		}, false, 1},
		{"same size, modification time restored", func(t *testing.T, root string) {
			p := filepath.Join(root, filepath.FromSlash(name))
			info, err := os.Stat(p)
			must(t, err)
			must(t, os.WriteFile(p, []byte(same), 0o644))
			must(t, os.Chtimes(p, info.ModTime(), info.ModTime()))
		}, true, 1},
		{"replaced by a copy of the same size and times", func(t *testing.T, root string) {
			p := filepath.Join(root, filepath.FromSlash(name))
			info, err := os.Stat(p)
			must(t, err)
			tmp := p + ".new~" // a name the walk skips
			must(t, os.WriteFile(tmp, []byte(same), 0o644))
			must(t, os.Chtimes(tmp, info.ModTime(), info.ModTime()))
			must(t, os.Rename(tmp, p))
		}, true, 1},
		{"removed", func(t *testing.T, root string) { remove(name)(t, root, nil) }, true, 0},
		{"added", func(t *testing.T, root string) {
			writeTree(t, root, map[string]string{"content/vi/news/c.md": "new"})
		}, true, 1},
		{"mode changed", func(t *testing.T, root string) {
			must(t, os.Chmod(filepath.Join(root, filepath.FromSlash(name)), 0o600))
		}, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeTree(t, root, keySite())
			in := keyInputs(root)
			before := mustHashAt(t, in, later())
			tt.change(t, root)
			after := mustHashAt(t, in, later())
			if got := after.Key != before.Key; got != tt.newKey {
				t.Errorf("key changed: %v, want %v", got, tt.newKey)
			}
			if got := after.Read - len(keyTheme); got != tt.rereads {
				t.Errorf("read %d files again, want %d", got, tt.rereads)
			}
			all := in
			all.NoIndex = true
			if full := mustHashAt(t, all, later()); full.Key != after.Key {
				t.Error("the indexed key is not the key of reading every file")
			}
			if again := mustHashAt(t, in, later()); again.Read != len(keyTheme) || again.Key != after.Key {
				t.Errorf("third Hash read %d files (key same: %v); the index did not take the change in", again.Read, again.Key == after.Key)
			}
		})
	}
}

// TestIndexKeepsNoRacyFile: a file that changed less than settleMargin
// before Hash looked at it is not trusted the next time: a second change
// within the file system's clock tick would keep its stat. Hash reads it
// again until it has settled.
func TestIndexKeepsNoRacyFile(t *testing.T) {
	needIndex(t)
	root := t.TempDir()
	writeTree(t, root, keySite())
	in := keyInputs(root)
	now := time.Now() // the files were written just now: all racy
	mustHashAt(t, in, now)
	if x := loadIndex(root); x.len() != 0 {
		t.Fatalf("index holds %d racy files", x.len())
	}
	if src := mustHashAt(t, in, now); src.Read != diskFiles+len(keyTheme) {
		t.Errorf("second Hash read %d files, want all %d again", src.Read, diskFiles+len(keyTheme))
	}
	mustHashAt(t, in, later())
	if x := loadIndex(root); x.len() != diskFiles {
		t.Errorf("index holds %d settled files, want %d", x.len(), diskFiles)
	}
}

// TestIndexIsTrusted shows what the settle rule guards against: a file
// whose stat is the recorded one is not read, so an entry recorded for a
// stat that a later write could keep would hide that write.
func TestIndexIsTrusted(t *testing.T) {
	needIndex(t)
	root := t.TempDir()
	writeTree(t, root, keySite())
	in := keyInputs(root)
	honest := mustHashAt(t, in, later())
	x := loadIndex(root)
	for i := range x.ents {
		x.ents[i].sum[0] ^= 1 // what a hidden write would leave
	}
	must(t, saveIndex(root, x.ents))
	if lied := mustHashAt(t, in, later()); lied.Key == honest.Key || lied.Read != len(keyTheme) {
		t.Errorf("the index's digests were not used (read %d)", lied.Read)
	}
}

// TestIndexDamaged: an index that is not whole, or another version's, is
// ignored: every file is read, and the key is right.
func TestIndexDamaged(t *testing.T) {
	needIndex(t)
	for name, damage := range map[string]func([]byte) []byte{
		"truncated":    func(b []byte) []byte { return b[:len(b)/2] },
		"one bit":      func(b []byte) []byte { b[len(b)/2] ^= 4; return b },
		"empty":        func([]byte) []byte { return nil },
		"other format": func(b []byte) []byte { b[len(indexMagic)-3]++; return b },
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			writeTree(t, root, keySite())
			in := keyInputs(root)
			want := mustHashAt(t, in, later())
			data, err := os.ReadFile(indexPath(root))
			must(t, err)
			must(t, os.WriteFile(indexPath(root), damage(data), 0o644))
			if name == "other format" { // sealed again, so only the format differs
				body := data[:len(data)-32]
				must(t, writeSealed(indexPath(root), body))
			}
			got := mustHashAt(t, in, later())
			if got.Key != want.Key || got.Read != diskFiles+len(keyTheme) {
				t.Errorf("key same: %v, read %d files", got.Key == want.Key, got.Read)
			}
		})
	}
}

// TestIndexUnreadableFile: making a file unreadable changes its change
// time, so the index does not hide it: Hash fails as the build would.
func TestIndexUnreadableFile(t *testing.T) {
	needIndex(t)
	if os.Geteuid() == 0 {
		t.Skip("root reads files without permission")
	}
	root := t.TempDir()
	writeTree(t, root, keySite())
	mustHashAt(t, keyInputs(root), later())
	p := filepath.Join(root, "content", "vi", "news", "a.md")
	must(t, os.Chmod(p, 0))
	t.Cleanup(func() { os.Chmod(p, 0o644) })
	if _, err := hashAt(keyInputs(root), later()); err == nil {
		t.Error("no error for an unreadable file")
	}
}

// TestNoIndex: NoIndex neither reads nor writes the index.
func TestNoIndex(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, keySite())
	in := keyInputs(root)
	in.NoIndex = true
	mustHashAt(t, in, later())
	if _, err := os.Stat(indexPath(root)); err == nil {
		t.Error("NoIndex wrote an index")
	}
}

// TestIndexLookupOutOfStep: the index's entries are found when files
// come in another order than saved, or some are gone.
func TestIndexLookupOutOfStep(t *testing.T) {
	x := &sourceIndex{ents: []indexEntry{{label: "a", size: 1}, {label: "b", size: 2}, {label: "c", size: 3}, {label: "d", size: 4}}}
	for _, step := range []struct {
		label string
		size  int64
		ok    bool
	}{{"a", 1, true}, {"c", 3, true}, {"d", 4, true}, {"b", 2, true}, {"x", 0, false}, {"c", 3, true}, {"d", 4, true}} {
		e, ok := x.lookup(step.label)
		if ok != step.ok || e.size != step.size {
			t.Errorf("lookup(%q) = %d, %v; want %d, %v", step.label, e.size, ok, step.size, step.ok)
		}
	}
	var none *sourceIndex
	if _, ok := none.lookup("a"); ok || none.len() != 0 {
		t.Error("a nil index found something")
	}
}

// FuzzDecodeIndex: no input makes the decoder panic, and what it accepts
// encodes back to the same bytes.
func FuzzDecodeIndex(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte(indexMagic))
	f.Add(encodeIndex(nil))
	f.Add(encodeIndex([]indexEntry{
		{label: "content/vi/a.md", st: fileStat{mode: 0o100644, size: 12, mtime: 1e18, ctime: 1e18 + 5, ino: 42, dev: 7}, size: 12},
		{label: "site.yaml", st: fileStat{mtime: -1, ctime: 1}, sum: [32]byte{1, 2, 3}},
	}))
	f.Fuzz(func(t *testing.T, data []byte) {
		x := decodeIndex(data)
		if x == nil {
			return
		}
		if back := encodeIndex(x.ents); string(back) != string(data) {
			t.Errorf("decoded index encodes to other bytes")
		}
	})
}
