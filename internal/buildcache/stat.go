package buildcache

import (
	"strings"
	"time"
)

// fileStat is what one lstat says of an entry: all Snapshot digests of an
// output file, and all the source index compares before it trusts a
// digest it keeps. Its numbers only need to be the same for an unchanged
// entry on one system, so each system gives what its stat gives.
type fileStat struct {
	mode  uint32 // type and permissions, as the system gives them
	size  int64
	mtime int64 // nanoseconds since 1970
	ctime int64 // the change time, in nanoseconds; 0 where the system has none
	ino   uint64
	dev   uint64
}

// settleMargin is how long after its last change an entry's stat is
// trusted to tell the next change apart. A change stamps an entry with
// the file system's clock, which lags the machine's by up to a tick of
// the kernel's coarse clock (10 ms at most) and, on file systems with
// coarse times, by their granularity (2 s on FAT). An entry whose change
// time is at least this much before a moment read from the machine's
// clock therefore gets a later change time from any change after that
// moment: the stat taken then tells every later change apart.
//
// This is git's "racily clean" rule with a margin instead of the index
// file's own time. It assumes the file system's clock is the machine's,
// give or take the margin: true of local file systems; a network file
// system whose server's clock lags by more, changing a file twice within
// one of its clock ticks, could hide the second change.
const settleMargin = 3 * time.Second

// settledBefore reports whether s was taken of an entry that last changed
// before limit (see settleMargin). Without a change time, never: a
// modification time can be set back by anyone.
func (s fileStat) settledBefore(limit int64) bool {
	return s.ctime != 0 && s.ctime < limit
}

// settleLimit returns the change time below which an entry stat'ed after
// now is settled.
func settleLimit(now time.Time) int64 { return now.Add(-settleMargin).UnixNano() }

// dirent is one entry of a folder as listed.
type dirent struct {
	name string
	dir  bool     // a folder (not a link to one)
	st   fileStat // the entry's own stat; zero for a folder
	sub  *folder  // the folder to read below, when the walk descends
}

// pathOrder orders the entries of one folder so that a walk in that order
// visits files in the order of their full paths: a folder's name counts
// as if it ended in "/", as it does in its files' paths (the rule git
// uses for tree objects). "a-b" (0x2D) comes before "a" when a is a
// folder, since "a/x" has 0x2F there.
func pathOrder(a, b dirent) int {
	n := min(len(a.name), len(b.name))
	if c := strings.Compare(a.name[:n], b.name[:n]); c != 0 {
		return c
	}
	next := func(e dirent) int {
		switch {
		case len(e.name) > n:
			return int(e.name[n])
		case e.dir:
			return '/'
		}
		return -1
	}
	return next(a) - next(b)
}

// nameOrder orders entries by name, as fs.WalkDir visits them.
func nameOrder(a, b dirent) int { return strings.Compare(a.name, b.name) }
