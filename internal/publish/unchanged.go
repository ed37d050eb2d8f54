package publish

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/attache-ssg/attache/internal/render"
)

// linkUnchanged puts the previous output's file in the new tree, as a hard
// link, when its bytes are the output's: the file keeps its inode and
// modification time, nothing is written, and deleting the previous tree
// after the swap frees nothing on disk. It reports whether it did.
//
// The previous tree is never modified: new files are always created, never
// written in place, so a build killed half way leaves it whole.
func (w *Writer) linkUnchanged(o render.Output) bool {
	if w.old == "" {
		return false
	}
	prev := filepath.Join(w.old, filepath.FromSlash(o.Path))
	st, err := os.Lstat(prev)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	if !sameContent(prev, st.Size(), o) {
		return false
	}
	return os.Link(prev, filepath.Join(w.tmp, filepath.FromSlash(o.Path))) == nil
}

// sameContent compares the file at prev (of the given size) with what o
// would write.
func sameContent(prev string, size int64, o render.Output) bool {
	if o.Src == nil {
		if int64(len(o.Data)) != size {
			return false
		}
		old, err := os.ReadFile(prev)
		return err == nil && bytes.Equal(old, o.Data)
	}
	src, err := o.Src.Open(o.SrcPath)
	if err != nil {
		return false
	}
	defer src.Close()
	if st, err := src.Stat(); err != nil || st.Size() != size {
		return false
	}
	old, err := os.Open(prev)
	if err != nil {
		return false
	}
	defer old.Close()
	return sameStream(src, old)
}

// sameStream compares two readers chunk by chunk.
func sameStream(a fs.File, b io.Reader) bool {
	var ba, bb [32 << 10]byte
	for {
		na, ea := io.ReadFull(a, ba[:])
		nb, eb := io.ReadFull(b, bb[:])
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false
		}
		if ea == io.EOF || ea == io.ErrUnexpectedEOF {
			return eb == io.EOF || eb == io.ErrUnexpectedEOF
		}
		if ea != nil || eb != nil {
			return false
		}
	}
}
