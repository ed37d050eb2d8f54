package archive

import (
	"fmt"
	"io"
	"io/fs"

	"github.com/attache-ssg/attache/internal/memfs"
	"github.com/attache-ssg/attache/internal/render"
)

// OutputFS presents a build's outputs as a read-only file system, the site
// tree as publish.Write would write it, without writing it: what a bundle
// archives. Outputs that copy a file are opened from their source when
// read. Two outputs at one path, or a path that is both a file and a
// folder, are an error, as they are for publish.Write.
func OutputFS(outs []render.Output) (fs.FS, error) {
	m := memfs.New()
	for _, out := range outs {
		var err error
		if out.Src == nil {
			err = m.Add(out.Path, out.Data)
		} else {
			st, serr := fs.Stat(out.Src, out.SrcPath)
			if serr != nil {
				return nil, fmt.Errorf("%s: %w", out.Origin, serr)
			}
			src, srcPath := out.Src, out.SrcPath
			err = m.AddOpener(out.Path, st.Size(), func() (io.ReadCloser, error) { return src.Open(srcPath) })
		}
		if err != nil {
			return nil, fmt.Errorf("%w (%s)", err, out.Origin)
		}
	}
	return m, nil
}
