//go:build !linux

package buildcache

import (
	"os"
	"path"
	"path/filepath"
)

// listFolder returns the names of the subfolders of the folder rel under
// root, and the state of its other entries. Without Linux's change times
// the size and modification time alone tell that a file changed.
func listFolder(root, rel string, _ []byte) (subs []string, files []fileState, err error) {
	entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		if e.IsDir() {
			subs = append(subs, e.Name())
			continue
		}
		info, err := e.Info()
		if err != nil {
			return nil, nil, err
		}
		files = append(files, fileState{
			rel: path.Join(rel, e.Name()), mode: uint64(info.Mode()), size: info.Size(),
			mtime: info.ModTime().UnixNano(),
		})
	}
	return subs, files, nil
}
