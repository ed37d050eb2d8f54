package buildcache

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// statTimes says whether fileStat holds change times here, which the
// source index and the output listing need to trust a stat.
const statTimes = true

// readFolder lists the folder at path with the fewest system calls: one
// open, the reads of the listing, one fstatat per entry that is not a
// folder, relative to the open folder (no path to look up), and with self
// one fstat of the folder itself. os.ReadDir and Lstat cost about twice
// as many, and a site's output has thousands of folders. buf holds the
// listing as read.
//
// The folder's own stat is taken before its listing is read, so a change
// made while it is read shows in the next stat (see outputListing).
// follow opens path even when it is a link to a folder; otherwise a link
// is an error. A link inside is an entry of its own (its own stat, not
// its target's).
func readFolder(path string, follow, self bool, buf []byte) (fileStat, []dirent, error) {
	flags := unix.O_RDONLY | unix.O_DIRECTORY | unix.O_CLOEXEC
	if !follow {
		flags |= unix.O_NOFOLLOW
	}
	fd, err := retry(func() (int, error) { return unix.Open(path, flags, 0) })
	if err != nil {
		return fileStat{}, nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	var me fileStat
	if self {
		var st unix.Stat_t
		if _, err := retry(func() (int, error) { return 0, unix.Fstat(fd, &st) }); err != nil {
			return fileStat{}, nil, &fs.PathError{Op: "stat", Path: path, Err: err}
		}
		me = fromStat(&st)
	}
	var ents []dirent
	for {
		n, err := retry(func() (int, error) { return unix.ReadDirent(fd, buf) })
		if err != nil {
			return fileStat{}, nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n == 0 {
			return me, ents, nil
		}
		// Each record is a linux_dirent64: inode (8 bytes), offset (8),
		// record length (2), type (1), then the name ending in a NUL.
		for off := 0; off+19 <= n; {
			reclen := int(binary.NativeEndian.Uint16(buf[off+16:]))
			if reclen < 19 || off+reclen > n {
				return fileStat{}, nil, &fs.PathError{Op: "read", Path: path, Err: unix.EINVAL}
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
				ents = append(ents, dirent{name: string(name), dir: true})
				continue
			}
			var st unix.Stat_t
			if _, err := retry(func() (int, error) {
				return 0, unix.Fstatat(fd, string(name), &st, unix.AT_SYMLINK_NOFOLLOW)
			}); err != nil {
				return fileStat{}, nil, &fs.PathError{Op: "stat", Path: filepath.Join(path, string(name)), Err: err}
			}
			if typ == unix.DT_UNKNOWN && st.Mode&unix.S_IFMT == unix.S_IFDIR {
				// a file system without types in its listings
				ents = append(ents, dirent{name: string(name), dir: true})
				continue
			}
			ents = append(ents, dirent{name: string(name), st: fromStat(&st)})
		}
	}
}

// readListed fills f from l, its listing by the last check, when the
// folder's stat is still the one l recorded (see readOutputFolder); it
// returns false when it is not, or cannot be read: the folder is then
// read from disk. Each file is stat'ed, from the open parent folder when
// there is one. A folder with subfolders is opened (O_PATH: for lookups,
// not reading), its stat taken from the open folder, and handed to the
// subfolders to look up from.
func readListed(dir string, f *folder, l *listedFolder) (bool, error) {
	at, p := unix.AT_FDCWD, filepath.Join(dir, filepath.FromSlash(f.rel))
	if f.base != nil {
		at, p = f.base.fd, f.name()
	}
	subs := 0
	for _, e := range l.ents {
		if e.sub != nil {
			subs++
		}
	}
	var st unix.Stat_t
	var h *dirHandle
	if subs > 0 {
		fd, err := retry(func() (int, error) {
			return unix.Openat(at, p, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		})
		if err != nil {
			return false, nil
		}
		h = newDirHandle(fd)
		defer h.release()
		if _, err := retry(func() (int, error) { return 0, unix.Fstat(fd, &st) }); err != nil {
			return false, nil
		}
	} else if _, err := retry(func() (int, error) { return 0, unix.Fstatat(at, p, &st, unix.AT_SYMLINK_NOFOLLOW) }); err != nil {
		return false, nil
	}
	me := fromStat(&st)
	if me != l.self {
		return false, nil
	}
	ents := make([]dirent, len(l.ents))
	for i, e := range l.ents {
		ents[i] = dirent{name: e.name, dir: e.sub != nil}
		if e.sub != nil {
			continue
		}
		fat, fp := at, p+"/"+e.name
		if h != nil {
			fat, fp = h.fd, e.name
		}
		if _, err := retry(func() (int, error) { return 0, unix.Fstatat(fat, fp, &st, unix.AT_SYMLINK_NOFOLLOW) }); err != nil {
			return false, errListingStale
		}
		if ents[i].st = fromStat(&st); ents[i].st.isDir() {
			return false, errListingStale
		}
	}
	for i, e := range l.ents {
		if e.sub != nil {
			ents[i].sub = &folder{rel: path.Join(f.rel, e.name), depth: f.depth + 1, prev: e.sub, base: h.hold()}
		}
	}
	f.self, f.ents = me, ents
	return true, nil
}

func closeFD(fd int) { unix.Close(fd) }

// statFiles returns the lstat of each of rels, slash paths under dir,
// looked up from the open dir (shorter lookups than from "/"), by a few
// goroutines at once. A folder among them is an error.
func statFiles(dir string, rels []string) ([]fileStat, error) {
	fd, err := retry(func() (int, error) {
		return unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(fd)
	states := make([]fileStat, len(rels))
	err = inChunks(len(rels), func(i int) error {
		var st unix.Stat_t
		if _, err := retry(func() (int, error) { return 0, unix.Fstatat(fd, rels[i], &st, unix.AT_SYMLINK_NOFOLLOW) }); err != nil {
			return &fs.PathError{Op: "lstat", Path: filepath.Join(dir, rels[i]), Err: err}
		}
		if states[i] = fromStat(&st); states[i].isDir() {
			return fmt.Errorf("%s: a folder, not a file", rels[i])
		}
		return nil
	})
	return states, err
}

// lstat returns the stat of path itself (a link's own), in one call.
func lstat(path string) (fileStat, error) {
	var st unix.Stat_t
	if _, err := retry(func() (int, error) {
		return 0, unix.Fstatat(unix.AT_FDCWD, path, &st, unix.AT_SYMLINK_NOFOLLOW)
	}); err != nil {
		return fileStat{}, &fs.PathError{Op: "lstat", Path: path, Err: err}
	}
	return fromStat(&st), nil
}

// statFollow returns the stat of what path names, through links.
func statFollow(path string) (fileStat, error) {
	var st unix.Stat_t
	if _, err := retry(func() (int, error) { return 0, unix.Stat(path, &st) }); err != nil {
		return fileStat{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	return fromStat(&st), nil
}

func fromStat(st *unix.Stat_t) fileStat {
	return fileStat{
		mode: st.Mode, size: st.Size, mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(),
		ino: st.Ino, dev: st.Dev,
	}
}

// isDir reports whether s is a folder's.
func (s fileStat) isDir() bool { return s.mode&unix.S_IFMT == unix.S_IFDIR }

// typ returns the type bits of s as fs.FileMode has them, as fs.WalkDir
// would give them for the entry.
func (s fileStat) typ() fs.FileMode {
	switch s.mode & unix.S_IFMT {
	case unix.S_IFDIR:
		return fs.ModeDir
	case unix.S_IFLNK:
		return fs.ModeSymlink
	case unix.S_IFIFO:
		return fs.ModeNamedPipe
	case unix.S_IFSOCK:
		return fs.ModeSocket
	case unix.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case unix.S_IFBLK:
		return fs.ModeDevice
	case unix.S_IFREG:
		return 0
	}
	return fs.ModeIrregular
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
