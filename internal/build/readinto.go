package build

import (
	"io"
	"io/fs"
)

// readInto reads the file name of fsys into buf's memory, growing it when
// the file does not fit, and returns the file's bytes. What it returns is
// overwritten by the next call with the same buf.
func readInto(fsys fs.FS, name string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() < 1<<30 {
		// One byte more than the size, so that the read that meets the end
		// of the file needs no growing.
		if need := int(st.Size()) + 1; cap(buf) < need {
			buf = make([]byte, 0, need+need/4)
		}
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
