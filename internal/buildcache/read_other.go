//go:build !unix

package buildcache

import (
	"hash"
	"os"
	"path/filepath"
)

// digestFile hashes the file at path into d (reset first) with buf, and
// returns its length.
func digestFile(d hash.Hash, path string, buf []byte) (int64, error) {
	return digest(d, os.DirFS(filepath.Dir(path)), filepath.Base(path), buf)
}
