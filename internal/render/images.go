package render

import (
	"image"
	_ "image/gif" // register decoders for DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"strings"

	_ "golang.org/x/image/webp"
)

// sourceFile is where a published static or bundle file comes from.
type sourceFile struct {
	fsys fs.FS
	path string
}

type imageSize struct{ w, h int }

// imageSize reads the width and height of a published image from its
// header only, once per build: Open Graph and <img> want them so pages do
// not jump while loading. Unknown formats (SVG) give 0, 0.
func (r *renderer) imageSize(url string) (int, int) {
	src, ok := r.sources[url]
	if !ok || strings.HasSuffix(strings.ToLower(url), ".svg") {
		return 0, 0
	}
	if v, ok := r.images.Load(url); ok {
		s := v.(imageSize)
		return s.w, s.h
	}
	var s imageSize
	if f, err := src.fsys.Open(src.path); err == nil {
		if cfg, _, err := image.DecodeConfig(f); err == nil {
			s = imageSize{cfg.Width, cfg.Height}
		}
		f.Close()
	}
	r.images.Store(url, s)
	return s.w, s.h
}
