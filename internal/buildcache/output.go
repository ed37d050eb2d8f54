package buildcache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
)

// Output is the state of a published output folder: a digest of every
// file's path, size and times. Two snapshots are equal only when no file
// was added, removed, renamed, written or replaced in between.
type Output struct {
	Digest string `json:"digest"`
	Files  int    `json:"files"`
}

// Snapshot reads the state of the output folder dir. It reads no file's
// content: the names and the stat of each file are enough to tell that
// someone changed the folder since the build wrote it, because writing a
// file changes its modification time and, on Linux, its change time, which
// no one can set back. dir must be a folder, not a link to one. Folders
// are read by a few goroutines at once (a site has thousands).
func Snapshot(dir string) (Output, error) {
	out, _, err := snapshot(dir, nil, false)
	return out, err
}

// SnapshotFiles returns what Snapshot(dir) returns when dir holds exactly
// files (slash-separated paths under dir, as a build wrote them), at the
// cost of one stat per file: no folder is opened or listed. A build that
// knows what it wrote records its output this way; a file it does not know
// of (one left in dir, or added by someone) is not in the digest, so the
// next Check, which lists the folders, sees a different folder and builds.
// A path that is missing, a folder, not under dir ("../x", "/x"), or
// reached through a link is an error or a different digest, never a
// matching one.
func SnapshotFiles(dir string, files []string) (Output, error) {
	if err := checkFolder(dir); err != nil {
		return Output{}, err
	}
	rels := slices.Clone(files)
	slices.Sort(rels) // the digest's order: bytewise, as Snapshot's walk
	rels = slices.Compact(rels)
	for _, rel := range rels {
		if !fs.ValidPath(rel) || rel == "." {
			return Output{}, fmt.Errorf("%q: not a path under %s", rel, dir)
		}
	}
	states, err := statFiles(dir, rels)
	if err != nil {
		return Output{}, err
	}
	d := newOutputDigest()
	for i, rel := range rels {
		d.add([]byte(rel), states[i])
	}
	return d.output(), nil
}

func checkFolder(dir string) error {
	info, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s: not a folder", dir)
	}
	return nil
}

// errListingStale: a file the last check listed in a folder whose stat has
// not changed since is gone. Only a clock set back could do that; the
// folder counts as changed.
var errListingStale = errors.New("a listed file vanished from an unchanged folder")

// snapshot reads dir as Snapshot does, and returns the tree it read. A
// folder whose stat is the one prev (the last check's listing of dir, or
// nil) recorded, and settled then, is not opened: its entries are the
// ones recorded, each stat'ed by its path. With self, each folder read
// from disk also has its own stat taken, for the next listing.
func snapshot(dir string, prev *listedFolder, self bool) (Output, *folder, error) {
	if err := checkFolder(dir); err != nil {
		return Output{}, nil, err
	}
	root := &folder{prev: prev}
	err := walk(runtime.GOMAXPROCS(0), []*folder{root}, func(f *folder, buf []byte) error {
		return readOutputFolder(dir, f, self, buf)
	})
	if err != nil {
		if errors.Is(err, errListingStale) {
			return Output{}, nil, err
		}
		return Output{}, nil, fmt.Errorf("%s changed while it was read: %w", dir, err)
	}
	d := newOutputDigest()
	d.tree(root, nil)
	return d.output(), root, nil
}

// readOutputFolder lists one folder of the output into f, in path order.
func readOutputFolder(dir string, f *folder, self bool, buf []byte) error {
	// A folder's listing changes only with its stat: creating, removing
	// or renaming an entry sets its modification and change times, and
	// the change time cannot be set back. The recorded listing was read
	// after the recorded stat was taken, and that stat was settled (see
	// settleMargin): any change since would have given a different one.
	if l := f.prev; l != nil && l.settled && statTimes {
		if ok, err := readListed(dir, f, l); ok || err != nil {
			return err
		}
	}
	p := filepath.Join(dir, filepath.FromSlash(f.rel))
	me, ents, err := readFolder(p, false, self, buf)
	if err != nil {
		return err
	}
	slices.SortFunc(ents, pathOrder)
	for i := range ents {
		if ents[i].dir {
			ents[i].sub = &folder{rel: path.Join(f.rel, ents[i].name), depth: f.depth + 1, prev: f.prev.child(ents[i].name)}
		}
	}
	f.self, f.ents, f.fresh = me, ents, true
	return nil
}

// outputDigest is the digest of an output folder's files, fed in the
// order of their paths.
type outputDigest struct {
	h     hash.Hash
	buf   []byte
	files int
}

func newOutputDigest() *outputDigest { return &outputDigest{h: sha256.New()} }

func (d *outputDigest) add(rel []byte, st fileStat) {
	b := binary.AppendUvarint(d.buf[:0], uint64(len(rel)))
	b = append(b, rel...)
	b = binary.AppendUvarint(b, uint64(st.mode))
	b = binary.AppendVarint(b, st.size)
	b = binary.AppendVarint(b, st.mtime)
	b = binary.AppendUvarint(b, st.ino)
	b = binary.AppendVarint(b, st.ctime)
	d.h.Write(b)
	d.buf = b
	d.files++
}

// tree adds the files below f, whose path is prefix (with its final "/").
func (d *outputDigest) tree(f *folder, prefix []byte) {
	for _, e := range f.ents {
		p := append(prefix, e.name...)
		if e.sub != nil {
			d.tree(e.sub, append(p, '/'))
			continue
		}
		d.add(p, e.st)
	}
}

func (d *outputDigest) output() Output {
	return Output{Digest: hex.EncodeToString(d.h.Sum(nil)), Files: d.files}
}
