package buildcache

import (
	"crypto/sha256"
	"path/filepath"
)

// The source index is git's index for Hash: the stat and the digest of
// every source file as the last Hash read it. A file whose stat is the one
// recorded is not read again: its recorded digest goes into the key.
//
// Why that is safe: writing a file sets its change time, which no one can
// set back, and the index records a file's stat only when it was taken
// at least settleMargin after the file last changed (settledBefore): any
// later write gives another change time, hence another stat, and the
// file is read again. The stat is taken before the content is read, so a
// write in between also leaves a stat that differs next time. A file
// written less than settleMargin before the stat is read again by every
// Hash until it has settled ("racily clean" in git's terms). Renaming
// another file in its place changes its inode; the device is compared too.

// indexEntry is what the index keeps of one file.
type indexEntry struct {
	label string
	st    fileStat
	size  int64 // bytes read when it was hashed
	sum   [sha256.Size]byte
}

// sourceIndex holds the entries in the order Hash met their files, which
// is the order it meets them again while nothing is added or removed:
// lookups then walk the entries in step, with no map to build.
type sourceIndex struct {
	ents    []indexEntry
	next    int            // the entry the next lookup tries first
	byLabel map[string]int // built at the first lookup out of step
}

// lookup returns the entry of the file labelled label.
func (x *sourceIndex) lookup(label string) (indexEntry, bool) {
	if x == nil {
		return indexEntry{}, false
	}
	if x.next < len(x.ents) && x.ents[x.next].label == label {
		x.next++
		return x.ents[x.next-1], true
	}
	if x.byLabel == nil {
		x.byLabel = make(map[string]int, len(x.ents))
		for i, e := range x.ents {
			x.byLabel[e.label] = i
		}
	}
	i, ok := x.byLabel[label]
	if !ok {
		return indexEntry{}, false
	}
	x.next = i + 1
	return x.ents[i], true
}

func (x *sourceIndex) len() int {
	if x == nil {
		return 0
	}
	return len(x.ents)
}

const indexMagic = "attache-source-index/1\n"

func indexPath(root string) string { return filepath.Join(filepath.Dir(filePath(root)), "sources") }

// loadIndex returns the index kept for the site at root; nil when there is
// none or it cannot be read whole (every file is then read).
func loadIndex(root string) *sourceIndex { return decodeIndex(readSealed(indexPath(root))) }

// decodeIndex decodes the index in data; nil when data is not one, whole.
func decodeIndex(data []byte) *sourceIndex {
	r := &reader{s: data}
	if string(r.bytes(len(indexMagic))) != indexMagic {
		return nil
	}
	n := r.uvarint()
	if n > uint64(len(r.s)-r.off)/(sha256.Size+8) { // an entry takes more than this
		return nil
	}
	x := &sourceIndex{ents: make([]indexEntry, n)}
	for i := range x.ents {
		e := &x.ents[i]
		e.label = r.text()
		e.st = r.stat()
		e.size = r.varint()
		copy(e.sum[:], r.bytes(sha256.Size))
	}
	if r.err != nil || r.off != len(r.s) {
		return nil
	}
	return x
}

// saveIndex writes ents, in their order, as the index of the site at root.
func saveIndex(root string, ents []indexEntry) error {
	return writeSealed(indexPath(root), encodeIndex(ents))
}

func encodeIndex(ents []indexEntry) []byte {
	b := []byte(indexMagic)
	b = appendUvarint(b, uint64(len(ents)))
	for _, e := range ents {
		b = appendText(b, e.label)
		b = appendStat(b, e.st)
		b = appendVarint(b, e.size)
		b = append(b, e.sum[:]...)
	}
	return b
}
