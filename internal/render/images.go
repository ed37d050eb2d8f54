package render

import (
	"errors"
	"image"
	_ "image/gif" // register decoders for DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"path"
	"strings"

	_ "golang.org/x/image/webp"

	"github.com/attache-ssg/attache/internal/imaging"
	"github.com/attache-ssg/attache/internal/site"
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

// responsive makes the smaller copies of every bundle picture that srcset
// offers, before any page renders, and records them in r.variants. A
// picture that cannot be resized is a warning: it is still published as
// it is, without copies.
func (r *renderer) responsive() []Output {
	r.variants = map[string][]ImageVariantView{}
	if r.in.NoImageVariants {
		return nil
	}
	type pic struct{ url, file string }
	var pics []pic
	add := func(res site.Resource) {
		if imaging.Supported(res.URL) {
			pics = append(pics, pic{res.URL, res.File})
		}
	}
	for _, p := range r.in.Site.Pages() {
		for _, res := range p.Resources {
			add(res)
		}
	}
	for _, res := range r.in.Site.Resources {
		add(res)
	}
	made := make([][]imaging.Variant, len(pics))
	outs := r.parallel(len(pics), func(i int) []Output {
		pc := pics[i]
		data, err := fs.ReadFile(r.in.Content, pc.file)
		if err != nil {
			r.diags.Errorf(pc.file, 0, 0, "cannot read: %v", err)
			return nil
		}
		vs, err := r.in.Images.ResizeCached(r.in.ImageCache, data, path.Ext(pc.url), imaging.StandardWidths())
		if errors.Is(err, imaging.ErrCache) {
			r.diags.Warnf(pc.file, 0, 0, "%v (the copies are made anyway)", err)
		} else if err != nil {
			r.diags.Warnf(pc.file, 0, 0, "cannot make smaller copies for srcset: %v", err)
			return nil
		}
		made[i] = vs
		out := make([]Output, len(vs))
		for j, v := range vs {
			out[j] = r.output(imaging.VariantName(pc.url, v), pc.file, v.Data)
		}
		return out
	})
	for i, pc := range pics {
		for _, v := range made[i] {
			u := imaging.VariantName(pc.url, v)
			r.variants[pc.url] = append(r.variants[pc.url], ImageVariantView{URL: u, Width: v.Width})
			r.known[u] = true
		}
	}
	return outs
}
