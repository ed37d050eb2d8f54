//go:build !unix

package watch

import "io/fs"

// fileID is not available cheaply here: poll mode then relies on size and
// modification time alone.
func fileID(fs.FileInfo) uint64 { return 0 }
