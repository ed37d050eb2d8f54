package i18n

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/attache-ssg/attache/internal/diag"
)

// load loads the theme and site fixtures under testdata/ (either may be "").
func load(t testing.TB, themeDir, siteDir, def string, langs ...string) (*Bundle, *diag.List) {
	t.Helper()
	var theme, site fs.FS
	if themeDir != "" {
		theme = os.DirFS("testdata/" + themeDir)
	}
	if siteDir != "" {
		site = os.DirFS("testdata/" + siteDir)
	}
	var d diag.List
	b, err := Load(theme, site, def, langs, &d)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return b, &d
}

// files makes a file system holding i18n/<name> for each name → content;
// nil for a nil map.
func files(m map[string]string) fs.FS {
	if m == nil {
		return nil
	}
	fsys := fstest.MapFS{}
	for name, s := range m {
		fsys["i18n/"+name] = &fstest.MapFile{Data: []byte(s)}
	}
	return fsys
}

// loadFiles loads a theme and a site given as name → content.
func loadFiles(t testing.TB, theme, site map[string]string, def string, langs ...string) (*Bundle, *diag.List) {
	t.Helper()
	var d diag.List
	b, err := Load(files(theme), files(site), def, langs, &d)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return b, &d
}

func diagStrings(d *diag.List) []string {
	var out []string
	for _, x := range d.Sorted() {
		out = append(out, x.String())
	}
	return out
}
