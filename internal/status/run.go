package status

import (
	"io/fs"

	"github.com/attache-ssg/attache/internal/diag"
)

// Run is the whole of `attache status`: it loads the site rooted at siteFS,
// judges its articles and checks the UI strings of the layouts (the site's
// over theme's) in the reported languages, or in every language of the site
// when opts.Langs is empty. Problems in the sources go to diags and leave
// the files concerned out of the report. The error is ErrNoConfig, an
// *OptionError, or one that i18n.Load returns.
func Run(siteFS, theme fs.FS, opts Options, diags *diag.List) (*Report, error) {
	if diags == nil {
		diags = new(diag.List)
	}
	c, err := Load(siteFS, diags)
	if err != nil {
		return nil, err
	}
	r, err := Compute(c, opts, diags)
	if err != nil {
		return nil, err
	}
	uiLangs := c.Config.Codes()
	if len(opts.Langs) > 0 {
		uiLangs = nil
		for _, l := range r.Languages {
			uiLangs = append(uiLangs, l.Code)
		}
	}
	r.UIStrings, err = CheckUIStrings(siteFS, theme, c.Config, uiLangs, diags)
	if err != nil {
		return nil, err
	}
	return r, nil
}
