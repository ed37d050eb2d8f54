//go:build unix

package buildcache

import (
	"hash"
	"io/fs"
	"syscall"
)

// digestFile hashes the file at path into d (reset first) with buf, and
// returns its length. It makes the system calls itself: os.Open also
// registers each file with the runtime's poller and changes its flags,
// which on a site of 50,000 files costs more than reading them.
// O_NONBLOCK keeps a file that became a pipe since the walk from
// blocking the open or the read; it does nothing to regular files.
func digestFile(d hash.Hash, path string, buf []byte) (int64, error) {
	d.Reset()
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return 0, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var n int64
	for {
		k, err := syscall.Read(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if k == 0 {
			return n, nil
		}
		d.Write(buf[:k])
		n += int64(k)
	}
}
