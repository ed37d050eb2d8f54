package status

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/frontmatter"
	"github.com/attache-ssg/attache/internal/source"
)

// ErrNoConfig is returned when site.yaml is missing or wrong; the reason is
// in the diagnostics.
var ErrNoConfig = errors.New("status: cannot read the site's configuration")

// Version is one article file in one language.
type Version struct {
	File string // site-relative path: "content/en/news/x.md"
	Lang string
	Rel  string // the path under content/<lang>/: "news/x.md"
	Meta frontmatter.Meta
	// Hash is frontmatter.Hash of the file's title and body: what a
	// translation made from this file now records in translatedFrom.hash.
	Hash string
	// Key groups the versions of one article, as the site model does.
	Key string
}

// Corpus is what status reads of a site: its configuration and every
// article of its languages.
type Corpus struct {
	Config   *config.Config
	Versions []Version // sorted by File
}

// GroupKey is the key that groups translations of one article, the same
// as the site model's Page.Key: "key:" and the translationKey when there is
// one, else "path:" and the path under content/<lang>/ without ".md" (a
// bundle's "x/index.md" is "x").
func GroupKey(translationKey, rel string) string {
	if translationKey != "" {
		return "key:" + translationKey
	}
	k := strings.TrimSuffix(rel, path.Ext(rel))
	return "path:" + strings.TrimSuffix(k, "/index")
}

// Load reads site.yaml and the front matter and body of every article in
// the site's languages. A file that cannot be read or parsed is reported to
// diags and left out; the error is only for a missing or bad site.yaml.
func Load(siteFS fs.FS, diags *diag.List) (*Corpus, error) {
	if diags == nil {
		diags = new(diag.List)
	}
	cfg, ok := LoadConfig(siteFS, diags)
	if !ok {
		return nil, ErrNoConfig
	}
	files := source.Scan(siteFS, diags)
	var pages []source.PageFile
	for _, pf := range files.Pages {
		if pf.Kind == source.Article && cfg.HasLanguage(pf.Lang) {
			pages = append(pages, pf)
		}
	}
	out := make([]Version, len(pages))
	keep := make([]bool, len(pages))
	// Reading and hashing tens of thousands of files is I/O bound: a few
	// workers, each writing only its own slots, keep the order stable.
	var wg sync.WaitGroup
	next := make(chan int)
	for range max(2, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], keep[i] = readVersion(siteFS, cfg, pages[i], diags)
			}
		}()
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	c := &Corpus{Config: cfg}
	for i, v := range out {
		if keep[i] {
			c.Versions = append(c.Versions, v)
		}
	}
	return c, nil
}

func readVersion(siteFS fs.FS, cfg *config.Config, pf source.PageFile, diags *diag.List) (Version, bool) {
	src, err := fs.ReadFile(siteFS, pf.Path)
	if err != nil {
		diags.Errorf(pf.Path, 0, 0, "cannot read: %v", err)
		return Version{}, false
	}
	meta, body, _, ok := frontmatter.Parse(pf.Path, src, cfg.TimeZone, diags)
	if !ok {
		return Version{}, false
	}
	return Version{
		File: pf.Path, Lang: pf.Lang, Rel: pf.Rel, Meta: meta,
		Hash: frontmatter.Hash(meta.Title, body),
		Key:  GroupKey(meta.TranslationKey, pf.Rel),
	}, true
}

// LoadConfig reads and validates site.yaml at the root of siteFS; its
// problems go to diags (which may be nil, as everywhere in this package).
func LoadConfig(siteFS fs.FS, diags *diag.List) (*config.Config, bool) {
	if diags == nil {
		diags = new(diag.List)
	}
	data, err := fs.ReadFile(siteFS, config.File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(config.File, 0, 0, "not found: is this the site's root folder? (a site needs site.yaml and content/)")
		} else {
			diags.Errorf(config.File, 0, 0, "cannot read: %v", err)
		}
		return nil, false
	}
	return config.Parse(config.File, data, diags)
}
