package build

import (
	"io/fs"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/publish"
)

// buildAndWrite is what `attache build` does: render while writing, then
// swap the new folder in.
func buildAndWrite(site fs.FS, out string) error {
	w, err := publish.Begin(out, 4)
	if err != nil {
		return err
	}
	res, err := Run(site, attache.Theme(), Options{Now: now, Emit: w.Add})
	if err != nil {
		w.Abort()
		if res != nil && res.Diags.Err() != nil {
			return res.Diags.Err()
		}
		return err
	}
	_, err = w.Commit()
	return err
}
