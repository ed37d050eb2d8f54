package render

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"strings"
)

// fingerprinted says which static files get a content hash in their name,
// so hosts can cache them for a year: the theme's style sheets and scripts.
func fingerprinted(p string) bool {
	return (strings.HasPrefix(p, "css/") && strings.HasSuffix(p, ".css")) ||
		(strings.HasPrefix(p, "js/") && strings.HasSuffix(p, ".js"))
}

// static returns the static files: fingerprinted ones read and renamed
// (site.css → site.3f2a9c1b.css), the rest copied as they are. A site file
// shadows the theme's file of the same path.
func (r *renderer) static() []Output {
	seen := map[string]bool{}
	var outs []Output
	for _, sf := range r.in.Static {
		rel := strings.TrimPrefix(sf.Path, "static/")
		if seen[rel] {
			continue
		}
		seen[rel] = true
		if !fingerprinted(rel) {
			outs = append(outs, Output{Path: rel, Src: sf.FS, SrcPath: sf.Path, Origin: sf.Origin})
			continue
		}
		data, err := fs.ReadFile(sf.FS, sf.Path)
		if err != nil {
			r.diags.Errorf(sf.Origin, 0, 0, "cannot read: %v", err)
			continue
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(rel)
		hashed := strings.TrimSuffix(rel, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		r.assets[rel] = "/" + hashed
		outs = append(outs, Output{Path: hashed, Data: data, Origin: sf.Origin})
	}
	for _, p := range r.in.Site.Pages() {
		for _, res := range p.Resources {
			outs = append(outs, r.copyOf(res.URL, res.File))
		}
	}
	for _, res := range r.in.Site.Resources {
		outs = append(outs, r.copyOf(res.URL, res.File))
	}
	return nonEmpty(outs...)
}

func (r *renderer) copyOf(url, file string) Output {
	o := r.output(url, file, nil)
	o.Src, o.SrcPath = r.in.Content, file
	return o
}

func (r *renderer) assetsView() AssetsView {
	return AssetsView{CSS: r.assets["css/site.css"], JS: r.assets["js/site.js"]}
}
