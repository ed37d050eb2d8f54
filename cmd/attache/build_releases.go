package main

// What `attache build` does with releases: publish the kept ones under
// /v/<version>/ beside the current site, or put one at the root
// (--release). The archive itself is internal/archive's.

import (
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/archive"
	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/i18n"
	"github.com/attache-ssg/attache/internal/publish"
	"github.com/attache-ssg/attache/internal/release"
	"github.com/attache-ssg/attache/internal/render"
)

// keptReleases returns the releases `attache build` publishes under /v/:
// the newest keep of root's releases/, each checked against its manifest
// (not its signature: that needs the publisher's key; see attache verify),
// so that what is published is what was released.
func keptReleases(root string, keep int) ([]archive.Release, error) {
	dir := filepath.Join(root, releasesDir)
	versions, err := release.ListReleases(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	var rels []archive.Release
	for _, v := range archive.Select(versions, keep) {
		r, err := openRelease(filepath.Join(dir, v), nil)
		if err != nil {
			return nil, err
		}
		rels = append(rels, r)
	}
	return rels, nil
}

// openRelease checks the release in dir, against its signature with pub
// when pub is given, else against its manifest alone, and returns it.
func openRelease(dir string, pub []byte) (archive.Release, error) {
	var m *release.Manifest
	var rep release.Report
	var err error
	if pub != nil {
		m, rep, err = release.Verify(dir, pub, "")
	} else {
		m, rep, err = release.CheckUnsigned(dir)
	}
	if err != nil {
		return archive.Release{}, err
	}
	if !rep.OK() {
		return archive.Release{}, fmt.Errorf("%s no longer matches its manifest (%s); restore it from a copy", dir, reportSummary(rep))
	}
	if m.Version != filepath.Base(dir) {
		return archive.Release{}, fmt.Errorf("%s holds release %s: a release's folder is named for its version", dir, m.Version)
	}
	return archive.Release{Version: m.Version, Created: m.Created, Languages: m.Languages, Site: os.DirFS(filepath.Join(dir, release.SiteDir))}, nil
}

// reportSummary names up to a few differing files per kind.
func reportSummary(rep release.Report) string {
	var parts []string
	for _, k := range []struct {
		name  string
		paths []string
	}{{"changed", rep.Changed}, {"missing", rep.Missing}, {"extra", rep.Extra}} {
		if len(k.paths) == 0 {
			continue
		}
		shown := k.paths[:min(3, len(k.paths))]
		s := k.name + ": " + strings.Join(shown, ", ")
		if len(k.paths) > len(shown) {
			s += fmt.Sprintf(" and %d more", len(k.paths)-len(shown))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// recordPaths wraps a build's emitter to remember the paths it emitted,
// which the archive needs (is this page still there?) when the outputs
// stream to disk instead of collecting in Result.Outputs.
func recordPaths(emit func(render.Output)) (func(render.Output), func() map[string]bool) {
	var mu sync.Mutex
	paths := map[string]bool{}
	return func(o render.Output) {
			mu.Lock()
			paths[o.Path] = true
			mu.Unlock()
			emit(o)
		}, func() map[string]bool {
			mu.Lock()
			defer mu.Unlock()
			return maps.Clone(paths)
		}
}

// addReleases emits, after a finished build of root whose outputs were at
// paths (nil: res.Outputs), what publishes the kept releases: their trees
// under /v/<version>/ and /versions.json. A site without releases still
// gets a versions.json (listing none), so the theme's version switcher
// finds the file instead of a 404.
func addReleases(root string, res *build.Result, paths map[string]bool, emit func(render.Output)) error {
	if paths == nil {
		paths = archive.CurrentPaths(res.Outputs)
	}
	rels, err := keptReleases(root, res.Site.Config.KeepReleases)
	if err != nil {
		return err
	}
	if len(rels) == 0 && paths[archive.VersionsFile] {
		return nil // the site publishes a versions.json of its own
	}
	cfg := res.Site.Config
	bundle, err := i18n.Load(attache.Theme(), os.DirFS(root), cfg.DefaultLanguage, cfg.Codes(), &diag.List{})
	if err != nil {
		return err
	}
	extra, err := archive.Publish(archive.Current{
		BaseURL: cfg.BaseURL, DefaultLanguage: cfg.DefaultLanguage, Languages: cfg.Codes(),
		Paths: paths, Bundle: bundle,
	}, rels)
	if err != nil {
		return err
	}
	for _, o := range extra {
		emit(o)
	}
	return nil
}

// releaseAtRoot is `attache build --release VERSION`: the outputs that put
// the release's signed site at the root, with the kept releases beside it.
// With pubFile the release's signature is checked first; without, only
// that its files match its manifest.
func releaseAtRoot(root, version, pubFile string, opts build.Options, stderr io.Writer) ([]render.Output, string, error) {
	if err := release.CheckVersion(version); err != nil {
		return nil, "", fmt.Errorf("--release: %w", err)
	}
	dir := filepath.Join(root, releasesDir, version)
	if _, err := os.Stat(filepath.Join(dir, release.ManifestName)); err != nil {
		have, _ := release.ListReleases(filepath.Join(root, releasesDir))
		return nil, "", fmt.Errorf("no release %s in %s (have: %s)", version, filepath.Join(root, releasesDir), strings.Join(have, ", "))
	}
	var pub []byte
	how := "its files match its manifest; signature not checked (pass --pub to check it)"
	if pubFile != "" {
		b, err := os.ReadFile(pubFile)
		if err != nil {
			return nil, "", err
		}
		pub, how = b, "signature checked with "+pubFile
	}
	top, err := openRelease(dir, pub)
	if err != nil {
		return nil, "", err
	}
	var outs []render.Output
	err = fs.WalkDir(top.Site, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			outs = append(outs, render.Output{Path: p, Src: top.Site, SrcPath: p, Origin: "(release " + version + ") " + p})
		}
		return err
	})
	if err != nil {
		return nil, "", err
	}
	cfg, err := loadSiteConfig(os.DirFS(root), opts, stderr)
	if err != nil {
		return nil, "", err
	}
	bundle, err := i18n.Load(attache.Theme(), os.DirFS(root), cfg.DefaultLanguage, cfg.Codes(), &diag.List{})
	if err != nil {
		return nil, "", err
	}
	rels, err := keptReleases(root, cfg.KeepReleases)
	if err != nil {
		return nil, "", err
	}
	extra, err := archive.Publish(archive.Current{
		BaseURL: cfg.BaseURL, Version: version, Created: top.Created, DefaultLanguage: cfg.DefaultLanguage,
		Languages: top.Languages, Paths: archive.CurrentPaths(outs), Bundle: bundle,
	}, rels)
	if err != nil {
		return nil, "", err
	}
	return append(outs, extra...), how, nil
}

// loadSiteConfig reads site.yaml as the build does, --base-url applied.
func loadSiteConfig(fsys fs.FS, opts build.Options, stderr io.Writer) (*config.Config, error) {
	data, err := fs.ReadFile(fsys, config.File)
	if err != nil {
		return nil, err
	}
	d := &diag.List{}
	cfg, ok := config.Parse(config.File, data, d)
	printDiags(stderr, d, false)
	if !ok {
		return nil, fmt.Errorf("%s has errors", config.File)
	}
	if opts.BaseURL != "" {
		if cfg, err = cfg.WithBaseURL(opts.BaseURL); err != nil {
			return nil, fmt.Errorf("--base-url: %w", err)
		}
	}
	return cfg, nil
}

// buildReleaseAtRoot is `attache build --release VERSION [--pub FILE]`.
func buildReleaseAtRoot(root, dst, version, pubFile string, opts build.Options, stdout, stderr io.Writer) int {
	if version == "" {
		fmt.Fprintln(stderr, "attache build: --pub goes with --release VERSION (it checks that release's signature)")
		return exitUsage
	}
	if opts.Drafts || len(opts.Langs) > 0 {
		fmt.Fprintln(stderr, "attache build: --release publishes the release as it was signed; --drafts and --lang do not apply")
		return exitUsage
	}
	start := time.Now()
	outs, how, err := releaseAtRoot(root, version, pubFile, opts, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "attache build: %v; %s left unchanged\n", err, dst)
		return exitContent
	}
	st, err := publish.Write(dst, outs, 4)
	if err != nil {
		fmt.Fprintf(stderr, "attache build: %v; %s left unchanged\n", err, dst)
		return exitContent
	}
	fmt.Fprintf(stdout, "attache: release %s at the root (%s); %d files (%.1f MB) written to %s in %d ms\n",
		version, how, st.Files, float64(st.Bytes)/1e6, dst, time.Since(start).Milliseconds())
	return exitOK
}
