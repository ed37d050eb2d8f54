package buildcache

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/diag"
)

var built = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// stored builds a site root and an output folder and records an entry
// for them with key "k", valid until until.
func stored(t *testing.T, until time.Time) (root, out string, e *Entry) {
	t.Helper()
	root, out = t.TempDir(), filepath.Join(t.TempDir(), "public")
	writeTree(t, out, outputSite())
	e = &Entry{Key: "k", BuiltAt: built, ValidUntil: until, Output: mustSnapshot(t, out), Summary: "vi 3, en 2", Files: len(outputSite())}
	must(t, Store(root, out, e))
	return root, out, e
}

func TestCheck(t *testing.T) {
	due := built.Add(48 * time.Hour)
	tests := []struct {
		name  string
		until time.Time
		key   string
		now   time.Time
		touch bool // delete an output file first
		hit   bool
		why   string
	}{
		{"same key, later", time.Time{}, "k", built.Add(time.Hour), false, true, ""},
		{"same key, same instant", time.Time{}, "k", built, false, true, ""},
		{"years later, nothing dated", time.Time{}, "k", built.AddDate(5, 0, 0), false, true, ""},
		{"before an article is due", due, "k", due.Add(-time.Nanosecond), false, true, ""},
		{"when an article is due", due, "k", due, false, false, "date has come"},
		{"after an article is due", due, "k", due.Add(time.Hour), false, false, "date has come"},
		{"other key", time.Time{}, "k2", built.Add(time.Hour), false, false, "changed"},
		{"clock set back", time.Time{}, "k", built.Add(-time.Hour), false, false, "clock"},
		{"output touched", time.Time{}, "k", built.Add(time.Hour), true, false, "output folder changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, out, want := stored(t, tt.until)
			if tt.touch {
				must(t, os.Remove(filepath.Join(out, "sitemap.xml")))
			}
			got, why := Check(root, out, tt.key, tt.now)
			if (got != nil) != tt.hit || !strings.Contains(why, tt.why) {
				t.Fatalf("Check = %v, %q; want hit %v, reason with %q", got != nil, why, tt.hit, tt.why)
			}
			if got != nil && !reflect.DeepEqual(got, want) {
				t.Errorf("entry read back\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// TestCheckOtherFolder: an entry is for one output folder only.
func TestCheckOtherFolder(t *testing.T) {
	root, out, _ := stored(t, time.Time{})
	other := filepath.Join(t.TempDir(), "public")
	writeTree(t, other, outputSite())
	if e, _ := Check(root, other, "k", built); e != nil {
		t.Error("an entry answered for another output folder")
	}
	if e, _ := Check(root, out, "k", built); e == nil {
		t.Error("the folder's own entry is gone")
	}
}

// TestCorruptCacheMeansBuild: whatever the cache file holds, Check only
// misses, and the next Store replaces the file.
func TestCorruptCacheMeansBuild(t *testing.T) {
	for name, data := range map[string]string{
		"empty":             "",
		"garbage":           "\x00\x01not json",
		"truncated":         `{"format":1,"entries":{"/x":{"key":"k"`,
		"other format":      `{"format":99,"entries":{}}`,
		"no entries":        `{"format":1}`,
		"null entry":        `{"format":1,"entries":{"OUT":null}}`,
		"wrong types":       `{"format":1,"entries":{"OUT":{"key":5}}}`,
		"array":             `[1,2,3]`,
		"cache is a folder": "",
	} {
		t.Run(name, func(t *testing.T) {
			root, out, e := stored(t, time.Time{})
			p := filepath.Join(root, filepath.FromSlash(File))
			must(t, os.Remove(p))
			if name == "cache is a folder" {
				must(t, os.MkdirAll(filepath.Join(p, "x"), 0o755))
			} else {
				must(t, os.WriteFile(p, []byte(strings.ReplaceAll(data, "OUT", out)), 0o644))
			}
			if got, why := Check(root, out, "k", built); got != nil || why == "" {
				t.Fatalf("Check hit on a corrupt file: %v %q", got, why)
			}
			if name == "cache is a folder" {
				return
			}
			must(t, Store(root, out, e))
			if got, _ := Check(root, out, "k", built); got == nil {
				t.Error("Store did not replace the corrupt file")
			}
		})
	}
}

func TestForget(t *testing.T) {
	root, out, e := stored(t, time.Time{})
	other := filepath.Join(t.TempDir(), "public")
	writeTree(t, other, outputSite())
	e2 := *e
	e2.Output = mustSnapshot(t, other)
	must(t, Store(root, other, &e2))
	must(t, Forget(root, out))
	if got, _ := Check(root, out, "k", built); got != nil {
		t.Error("a forgotten entry still answers")
	}
	if got, _ := Check(root, other, "k", built); got == nil {
		t.Error("Forget removed another folder's entry")
	}
	// Forgetting with no cache file at all writes none.
	bare := t.TempDir()
	must(t, Forget(bare, out))
	if _, err := os.Stat(filepath.Join(bare, filepath.FromSlash(File))); err == nil {
		t.Error("Forget created a cache file")
	}
}

// TestStorePrunes: entries of vanished folders go, and the file keeps
// at most maxEntries, the newest.
func TestStorePrunes(t *testing.T) {
	root := t.TempDir()
	base := t.TempDir()
	for i := range maxEntries + 5 {
		out := filepath.Join(base, "out", string(rune('a'+i)))
		must(t, os.MkdirAll(out, 0o755))
		must(t, Store(root, out, &Entry{Key: "k", BuiltAt: built.Add(time.Duration(i) * time.Minute)}))
	}
	m := load(root)
	if len(m) != maxEntries {
		t.Fatalf("%d entries, want %d", len(m), maxEntries)
	}
	if m[filepath.Join(base, "out", "a")] != nil {
		t.Error("the oldest entry was kept")
	}
	newest := filepath.Join(base, "out", string(rune('a'+maxEntries+4)))
	if m[newest] == nil {
		t.Error("the newest entry was dropped")
	}
	must(t, os.RemoveAll(newest))
	must(t, Store(root, filepath.Join(base, "out", "b"), &Entry{Key: "k2", BuiltAt: built}))
	if m := load(root); m[newest] != nil {
		t.Error("the entry of a removed folder was kept")
	}
}

// TestStoreIsAtomic: no temporary file is left beside the cache file,
// and the file is the documented JSON.
func TestStoreIsAtomic(t *testing.T) {
	root, out, _ := stored(t, built.Add(time.Hour))
	ents, err := os.ReadDir(filepath.Join(root, ".attache", "cache"))
	must(t, err)
	if len(ents) != 1 || ents[0].Name() != "build.json" {
		t.Errorf("cache folder holds %v", ents)
	}
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(File)))
	must(t, err)
	var f struct {
		Format  int
		Entries map[string]map[string]any
	}
	must(t, json.Unmarshal(data, &f))
	if f.Format != Format || f.Entries[out]["key"] != "k" || f.Entries[out]["validUntil"] == nil {
		t.Errorf("file: %s", data)
	}
}

// TestDiagsRoundTrip: the warnings a skipped build prints are the ones
// the real build printed, in the same order.
func TestDiagsRoundTrip(t *testing.T) {
	l := &diag.List{}
	l.Warnf("content/vi/b.md", 3, 1, "unknown key %q", "titel")
	l.Warnf("content/vi/a.md", 0, 0, "no alt text")
	l.Warnf("", 0, 0, "a warning without a file")
	l.Errorf("content/en/a.md", 2, 7, "an error (a build that fails is not stored, but the type round-trips)")
	e := &Entry{}
	e.SetDiags(l.Sorted())
	data, err := json.Marshal(e)
	must(t, err)
	var back Entry
	must(t, json.Unmarshal(data, &back))
	if got, want := back.Diags().Sorted(), l.Sorted(); !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics\n%v\nwant\n%v", got, want)
	}
}
