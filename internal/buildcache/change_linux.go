package buildcache

import (
	"io/fs"
	"syscall"
)

// changeID returns a file's inode and status change time: replacing a
// file with a copy that keeps size and modification time (cp -p, rsync -t)
// still changes them.
func changeID(info fs.FileInfo) (ino uint64, ctime int64) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0
	}
	return st.Ino, st.Ctim.Nano()
}
