package buildcache

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/attache-ssg/attache/internal/diag"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// jsonOptions make the JSON package (the one that became encoding/json/v2,
// three to four times faster than encoding/json on a file of 100,000
// warnings) read and write what encoding/json does: map keys in order,
// and a message's invalid UTF-8 as U+FFFD rather than an error.
var jsonOptions = []json.Options{json.Deterministic(true), jsontext.AllowInvalidUTF8(true)}

// Format is the version of the cache file's layout. A file of another
// format is ignored (and replaced by the next successful build).
const Format = 1

// File is the cache file, relative to the site's root.
const File = ".attache/cache/build.json"

// maxEntries bounds the file: each output folder built from one site has
// an entry, and tests or previews may build into many short-lived ones.
const maxEntries = 32

// Entry is what a successful build left in one output folder, and what a
// skipped build prints again.
type Entry struct {
	Key     string    `json:"key"`
	BuiltAt time.Time `json:"builtAt"`
	// ValidUntil is when an article dated in the future becomes due (see
	// NextChange); zero when none is.
	ValidUntil time.Time `json:"validUntil,omitzero"`
	Output     Output    `json:"output"`
	// Summary is the build's per-language page count, and Files how many
	// files it published, for the summary line.
	Summary  string    `json:"summary"`
	Files    int       `json:"files"`
	Warnings []Warning `json:"warnings,omitempty"`
}

// Warning is a diagnostic as stored: a successful build's are warnings.
type Warning struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Msg      string `json:"msg"`
}

// SetDiags stores a build's diagnostics in e.
func (e *Entry) SetDiags(ds []diag.Diagnostic) {
	e.Warnings = e.Warnings[:0]
	for _, d := range ds {
		e.Warnings = append(e.Warnings, Warning{d.File, d.Line, d.Col, d.Severity.String(), d.Msg})
	}
}

// Diags returns the stored diagnostics as the build reported them.
func (e *Entry) Diags() *diag.List {
	l := &diag.List{}
	for _, w := range e.Warnings {
		sev := diag.Warning
		if w.Severity == diag.Error.String() {
			sev = diag.Error
		}
		l.Add(diag.Diagnostic{File: w.File, Line: w.Line, Col: w.Col, Severity: sev, Msg: w.Msg})
	}
	return l
}

// cacheFile is the file's layout: one entry per output folder, by its
// absolute path.
type cacheFile struct {
	Format  int               `json:"format"`
	Entries map[string]*Entry `json:"entries"`
}

func filePath(root string) string { return filepath.Join(root, filepath.FromSlash(File)) }

// load reads the cache of the site at root. A missing, unreadable,
// corrupt or foreign file reads as empty: the cost is a real build.
func load(root string) map[string]*Entry {
	data, err := os.ReadFile(filePath(root))
	if err != nil {
		return map[string]*Entry{}
	}
	var f cacheFile
	if json.Unmarshal(data, &f, jsonOptions...) != nil || f.Format != Format || f.Entries == nil {
		return map[string]*Entry{}
	}
	for out, e := range f.Entries {
		if e == nil {
			delete(f.Entries, out)
		}
	}
	return f.Entries
}

// Check returns the entry of the output folder out when a build of the
// sources whose key is key, at now, would publish exactly what out
// holds. Otherwise it returns nil and why not, for --verbose.
//
// It snapshots out as Snapshot does, with the listing the last check
// kept (see listing.go): a folder whose stat has not changed since is not
// read again. When the snapshot matches, the listing is kept for the next
// check if it has become more useful.
func Check(root, out, key string, now time.Time) (*Entry, string) {
	return check(root, out, key, now, time.Now())
}

// check is Check with the clock that decides whether a folder's stat has
// settled: it must be no later than the first stat (tests pass a later
// one to settle folders at once).
func check(root, out, key string, now, clock time.Time) (*Entry, string) {
	e := load(root)[out]
	switch {
	case e == nil:
		return nil, "no earlier build recorded"
	case e.Key != key:
		return nil, "sources, options or program changed"
	case now.Before(e.BuiltAt):
		return nil, "the clock is before the last build"
	case !e.ValidUntil.IsZero() && !now.Before(e.ValidUntil):
		return nil, "an article's date has come (" + e.ValidUntil.Format(time.RFC3339) + ")"
	}
	snap, tree, err := snapshot(out, loadListing(root, out), statTimes)
	if errors.Is(err, errListingStale) {
		return nil, "output folder changed since the last build"
	}
	if err != nil {
		return nil, "output folder unreadable: " + err.Error()
	}
	if snap != e.Output {
		return nil, "output folder changed since the last build"
	}
	if statTimes {
		saveListing(root, out, tree, settleLimit(clock)) // a cache: failing to keep it costs a read next time
	}
	return e, ""
}

// Store records e as the state of the output folder out. It re-reads the
// file first, so builds into other folders keep their entries, and drops
// the entries of folders that no longer exist.
func Store(root, out string, e *Entry) error {
	return update(root, out, func(m map[string]*Entry) { m[out] = e })
}

// Forget removes the entry of the output folder out, so that its next
// build is a real one.
func Forget(root, out string) error {
	if _, err := os.Stat(filePath(root)); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return update(root, out, func(m map[string]*Entry) { delete(m, out) })
}

// update changes the entries, and drops the listing of out, which a new
// build or a forgotten one makes useless, and those of the folders whose
// entries are gone.
func update(root, out string, change func(map[string]*Entry)) error {
	m := load(root)
	change(m)
	prune(m)
	os.Remove(listingPath(root, out))
	dropListings(root, m)
	// Written as it is encoded: the file of a site with 100,000 warnings
	// is 20 MB, and a buffer of that size, grown then copied, costs more
	// than the encoding.
	return writeAtomicWith(filePath(root), func(w io.Writer) error {
		return json.MarshalWrite(w, cacheFile{Format: Format, Entries: m}, jsonOptions...)
	})
}

// dropListings removes the listings of output folders that have no entry.
func dropListings(root string, m map[string]*Entry) {
	dir := filepath.Dir(filePath(root))
	names, _ := filepath.Glob(filepath.Join(dir, "listing-*"))
	if len(names) == 0 {
		return
	}
	keep := map[string]bool{}
	for out := range m {
		keep[listingPath(root, out)] = true
	}
	for _, n := range names {
		if !keep[n] {
			os.Remove(n)
		}
	}
}

// prune keeps the newest maxEntries entries of folders that still exist.
func prune(m map[string]*Entry) {
	var outs []string
	for out := range m {
		if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
			delete(m, out)
			continue
		}
		outs = append(outs, out)
	}
	if len(outs) <= maxEntries {
		return
	}
	sort.Slice(outs, func(i, j int) bool {
		a, b := m[outs[i]].BuiltAt, m[outs[j]].BuiltAt
		if !a.Equal(b) {
			return a.After(b)
		}
		return outs[i] < outs[j]
	})
	for _, out := range outs[maxEntries:] {
		delete(m, out)
	}
}

// writeAtomic replaces path with data through a temporary file and a
// rename, so a reader sees the old file or the new one, never half of one.
func writeAtomic(path string, data []byte) error {
	return writeAtomicWith(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomicWith is writeAtomic with the content written by write.
func writeAtomicWith(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	// CreateTemp makes the file private; a cache is not secret, and
	// another user building the same site may read it.
	err = tmp.Chmod(0o644)
	if err == nil {
		bw := bufio.NewWriterSize(tmp, 256<<10)
		if err = write(bw); err == nil {
			err = bw.Flush()
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
