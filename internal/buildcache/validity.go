package buildcache

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/frontmatter"
	"github.com/attache-ssg/attache/internal/site"
	"github.com/attache-ssg/attache/internal/source"
)

// NextChange returns the first moment after now at which a build of the
// same sources would publish something else: the earliest page date after
// now. A build drops an article dated after its time (site.Assemble), so
// the pages it dropped are not in s: their front matter is read again
// from siteFS. Pages of languages the build left out do not count, nor do
// the dropped pages' problems (the build reported them). Zero means no
// date is after now: the output does not expire.
//
// Only dates decide what is published (there is no publishDate or
// expiryDate in attache's front matter), and no template can read the
// clock, so the dates are the whole of time's effect.
func NextChange(s *site.Site, siteFS fs.FS, now time.Time) (time.Time, error) {
	var next time.Time
	consider := func(t time.Time) {
		if t.After(now) && (next.IsZero() || t.Before(next)) {
			next = t
		}
	}
	for _, p := range s.ByFile {
		consider(p.Date)
		consider(p.Meta.Date)
	}
	for _, pf := range source.Scan(siteFS, &diag.List{}).Pages {
		if s.ByFile[pf.Path] != nil || !s.Config.HasLanguage(pf.Lang) {
			continue
		}
		src, err := fs.ReadFile(siteFS, pf.Path)
		if err != nil {
			return time.Time{}, fmt.Errorf("%s: %w", pf.Path, err)
		}
		meta, _, _, _ := frontmatter.Parse(pf.Path, src, s.Config.TimeZone, &diag.List{})
		consider(meta.Date)
	}
	return next, nil
}
