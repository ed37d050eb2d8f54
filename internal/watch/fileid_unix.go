//go:build unix

package watch

import (
	"io/fs"
	"syscall"
)

// fileID is the inode number: an atomic save replaces it even when size and
// modification time look the same.
func fileID(info fs.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}
