package buildcache

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"path"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// listFolder returns the names of the subfolders of the folder rel under
// root, and the state of its other entries, with the fewest system
// calls: one open, the reads of the listing, one stat per file relative
// to the open folder. os.ReadDir and Lstat cost about twice as many, and
// a site's output has thousands of folders. buf holds the listing.
//
// A link is a file here (its own stat, not its target's): the build
// writes none, so one that appears is a change.
func listFolder(root, rel string, buf []byte) (subs []string, files []fileState, err error) {
	dir := filepath.Join(root, filepath.FromSlash(rel))
	fd, err := retry(func() (int, error) {
		return unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	})
	if err != nil {
		return nil, nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(fd)
	for {
		n, err := retry(func() (int, error) { return unix.ReadDirent(fd, buf) })
		if err != nil {
			return nil, nil, &fs.PathError{Op: "read", Path: dir, Err: err}
		}
		if n == 0 {
			return subs, files, nil
		}
		// Each record is a linux_dirent64: inode (8 bytes), offset (8),
		// record length (2), type (1), then the name ending in a NUL.
		for off := 0; off+19 <= n; {
			reclen := int(binary.NativeEndian.Uint16(buf[off+16:]))
			if reclen < 19 || off+reclen > n {
				return nil, nil, &fs.PathError{Op: "read", Path: dir, Err: unix.EINVAL}
			}
			typ := buf[off+18]
			name := buf[off+19 : off+reclen]
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			off += reclen
			if string(name) == "." || string(name) == ".." {
				continue
			}
			if typ == unix.DT_DIR {
				subs = append(subs, string(name))
				continue
			}
			var st unix.Stat_t
			if _, err := retry(func() (int, error) {
				return 0, unix.Fstatat(fd, string(name), &st, unix.AT_SYMLINK_NOFOLLOW)
			}); err != nil {
				return nil, nil, &fs.PathError{Op: "stat", Path: filepath.Join(dir, string(name)), Err: err}
			}
			if typ == unix.DT_UNKNOWN && st.Mode&unix.S_IFMT == unix.S_IFDIR {
				subs = append(subs, string(name)) // a file system without types in listings
				continue
			}
			files = append(files, fileState{
				rel: path.Join(rel, string(name)), mode: uint64(st.Mode), size: st.Size,
				mtime: st.Mtim.Nano(), ino: st.Ino, ctime: st.Ctim.Nano(),
			})
		}
	}
}

// retry repeats a system call that a signal interrupted.
func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != unix.EINTR {
			return n, err
		}
	}
}
