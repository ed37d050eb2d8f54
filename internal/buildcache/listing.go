package buildcache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"path/filepath"
	"slices"
	"strings"
)

// The output listing is what the last successful Check read of an output
// folder: each folder's own stat and its entries' names. The next Check
// stats a folder and, when that stat is the recorded one and was settled
// (see settleMargin), takes its entries from the listing instead of
// opening and reading it: one system call per folder instead of four.
// Every file is still stat'ed, and the digest of those stats must still
// match the entry's, so a listing that is wrong (stale, corrupt, or
// another folder's) can only make Check miss, never hit.

// listedFolder is one folder of an output listing.
type listedFolder struct {
	self    fileStat
	settled bool          // self was settled when taken: the listing can be trusted while it holds
	ents    []listedEntry // in path order (see pathOrder)
}

type listedEntry struct {
	name string
	sub  *listedFolder // nil for a file
}

// child returns the listing of the subfolder name of l, or nil.
func (l *listedFolder) child(name string) *listedFolder {
	if l == nil {
		return nil
	}
	i, ok := slices.BinarySearchFunc(l.ents, name, func(e listedEntry, name string) int {
		return pathOrder(dirent{name: e.name, dir: e.sub != nil}, dirent{name: name, dir: true})
	})
	if !ok {
		return nil
	}
	return l.ents[i].sub
}

const listingMagic = "attache-output-listing/1\n"

// listingPath is where the listing of the output folder out is kept.
func listingPath(root, out string) string {
	sum := sha256.Sum256([]byte(out))
	return filepath.Join(filepath.Dir(filePath(root)), "listing-"+hex.EncodeToString(sum[:8]))
}

// loadListing returns the listing kept for out, or nil when there is none
// or it cannot be read whole.
func loadListing(root, out string) *listedFolder {
	return decodeListing(readSealed(listingPath(root, out)), out)
}

// decodeListing decodes the listing of out in data; nil when data is not
// one, whole.
func decodeListing(data []byte, out string) *listedFolder {
	r := &reader{s: data}
	if string(r.bytes(len(listingMagic))) != listingMagic || r.text() != out {
		return nil
	}
	l := r.folder(0)
	if r.err != nil || len(r.s) != r.off {
		return nil
	}
	return l
}

// saveListing keeps the listing of the tree a check read, when it holds
// something the last one did not: a folder read from disk that is now
// settled. A listing whose folders are all too recent is not worth
// keeping: the next check would read them all again. limit is the change
// time below which a stat is settled.
func saveListing(root, out string, tree *folder, limit int64) error {
	worth := false
	var scan func(f *folder)
	scan = func(f *folder) {
		if f.fresh && f.self.settledBefore(limit) {
			worth = true
		}
		for _, e := range f.ents {
			if e.sub != nil && !worth {
				scan(e.sub)
			}
		}
	}
	scan(tree)
	if !worth {
		return nil
	}
	return writeSealed(listingPath(root, out), encodeListing(out, tree, limit))
}

func encodeListing(out string, tree *folder, limit int64) []byte {
	b := []byte(listingMagic)
	b = appendText(b, out)
	return appendFolder(b, tree, limit)
}

func appendFolder(b []byte, f *folder, limit int64) []byte {
	settled := f.self.settledBefore(limit)
	if f.prev != nil && !f.fresh {
		settled = f.prev.settled // taken from the listing: as trusted as then
	}
	b = appendStat(b, f.self)
	b = append(b, boolByte(settled))
	b = binary.AppendUvarint(b, uint64(len(f.ents)))
	for _, e := range f.ents {
		b = appendText(b, e.name)
		b = append(b, boolByte(e.sub != nil))
	}
	for _, e := range f.ents {
		if e.sub != nil {
			b = appendFolder(b, e.sub, limit)
		}
	}
	return b
}

// maxListingDepth bounds the nesting a listing may hold (no file system
// nests folders this deep), so a crafted file cannot exhaust the stack.
const maxListingDepth = 1024

func (r *reader) folder(depth int) *listedFolder {
	if depth > maxListingDepth {
		r.fail()
		return nil
	}
	l := &listedFolder{self: r.stat(), settled: r.bool()}
	n := r.uvarint()
	if n > uint64(len(r.s)-r.off)/2 { // each entry takes two bytes at least
		r.fail()
		return nil
	}
	l.ents = make([]listedEntry, n)
	subs := 0
	for i := range l.ents {
		l.ents[i].name = r.text()
		if r.bool() {
			subs++
			l.ents[i].sub = &listedFolder{} // filled below
		}
		if r.err != nil {
			return nil
		}
		if l.ents[i].name == "" || strings.ContainsAny(l.ents[i].name, "/\x00") ||
			i > 0 && pathOrder(dirent{name: l.ents[i-1].name, dir: l.ents[i-1].sub != nil},
				dirent{name: l.ents[i].name, dir: l.ents[i].sub != nil}) >= 0 {
			r.fail() // names must be names, in order, once each: child searches them
			return nil
		}
	}
	for i := range l.ents {
		if l.ents[i].sub != nil {
			l.ents[i].sub = r.folder(depth + 1)
			if r.err != nil {
				return nil
			}
		}
	}
	return l
}
