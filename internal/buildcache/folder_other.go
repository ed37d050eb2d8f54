//go:build !linux

package buildcache

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// statTimes says whether fileStat holds change times here: not without
// Linux's, so the source index and the output listing trust no stat, and
// the size and modification time alone tell that an output file changed.
const statTimes = false

// readFolder lists the folder at path: its entries' names and the stat of
// those that are not folders. follow opens path even when it is a link
// to a folder; otherwise a link is an error.
func readFolder(path string, follow, self bool, _ []byte) (fileStat, []dirent, error) {
	var me fileStat
	info, err := os.Lstat(path)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 && follow {
		info, err = os.Stat(path)
	}
	if err != nil {
		return fileStat{}, nil, err
	}
	if !info.IsDir() {
		return fileStat{}, nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrInvalid}
	}
	if self {
		me = fromInfo(info)
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return fileStat{}, nil, err
	}
	ents := make([]dirent, 0, len(entries))
	for _, e := range entries {
		if e.IsDir() {
			ents = append(ents, dirent{name: e.Name(), dir: true})
			continue
		}
		info, err := e.Info()
		if err != nil {
			return fileStat{}, nil, &fs.PathError{Op: "stat", Path: filepath.Join(path, e.Name()), Err: err}
		}
		ents = append(ents, dirent{name: e.Name(), st: fromInfo(info)})
	}
	return me, ents, nil
}

// readListed never trusts a listing here (see statTimes).
func readListed(string, *folder, *listedFolder) (bool, error) { return false, nil }

func closeFD(int) {}

// statFiles returns the lstat of each of rels, slash paths under dir, by
// a few goroutines at once. A folder among them is an error.
func statFiles(dir string, rels []string) ([]fileStat, error) {
	states := make([]fileStat, len(rels))
	err := inChunks(len(rels), func(i int) error {
		st, err := lstat(filepath.Join(dir, filepath.FromSlash(rels[i])))
		if err == nil && st.isDir() {
			err = fmt.Errorf("%s: a folder, not a file", rels[i])
		}
		states[i] = st
		return err
	})
	return states, err
}

func lstat(path string) (fileStat, error) {
	info, err := os.Lstat(path)
	if err != nil {
		return fileStat{}, err
	}
	return fromInfo(info), nil
}

func statFollow(path string) (fileStat, error) {
	info, err := os.Stat(path)
	if err != nil {
		return fileStat{}, err
	}
	return fromInfo(info), nil
}

func fromInfo(info fs.FileInfo) fileStat {
	return fileStat{mode: uint32(info.Mode()), size: info.Size(), mtime: info.ModTime().UnixNano()}
}

func (s fileStat) isDir() bool { return fs.FileMode(s.mode).IsDir() }

func (s fileStat) typ() fs.FileMode { return fs.FileMode(s.mode).Type() }
