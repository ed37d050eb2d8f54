package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/archive"
	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/i18n"
	"github.com/attache-ssg/attache/internal/release"
	"github.com/attache-ssg/attache/internal/render"
)

func cmdBundle(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("bundle", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site's root `folder` (holding releases/)")
	langs := fl.String("lang", "", "the copy's languages (comma-separated `list`, required)")
	baseURL := fl.String("base-url", "", "the `URL` the copy will be served at (default: the release's own)")
	out := fl.String("out", "", "the archive to write (`file` ending in .zip, .tar.gz or .tgz, required)")
	keyFile := fl.String("key", defaultKey, "the private key `file` that signs the copy's manifest")
	pubFile := fl.String("pub", "", "check the release with this public key `file` (default: the signing key's own)")
	verbose := fl.Bool("verbose", false, "print every warning")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: attache bundle VERSION --lang LIST [--base-url URL] --out FILE [--key FILE]\n\nRebuilds release VERSION from its stored sources for other languages and another address, as a signed archive.")
		fl.PrintDefaults()
	}
	pos, code := parseInterleaved(fl, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "attache bundle: give exactly one VERSION, e.g. attache bundle 2024.1 --lang en,fr --out en-fr.zip")
		return exitUsage
	}
	version := pos[0]
	if err := release.CheckVersion(version); err != nil {
		fmt.Fprintf(stderr, "attache bundle: %v\n", err)
		return exitUsage
	}
	var codes []string
	for _, l := range strings.Split(*langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			codes = append(codes, l)
		}
	}
	if len(codes) == 0 || *out == "" {
		fmt.Fprintln(stderr, "attache bundle: --lang and --out are required, e.g. --lang en,fr --out en-fr.zip")
		return exitUsage
	}
	if _, err := release.FormatOf(*out); err != nil {
		fmt.Fprintf(stderr, "attache bundle: --out %v\n", err)
		return exitUsage
	}
	root, err := filepath.Abs(*src)
	if err != nil {
		fmt.Fprintf(stderr, "attache bundle: %v\n", err)
		return exitUsage
	}
	dir := filepath.Join(root, releasesDir, version)
	if _, err := os.Stat(filepath.Join(dir, release.ManifestName)); err != nil {
		have, _ := release.ListReleases(filepath.Join(root, releasesDir))
		fmt.Fprintf(stderr, "attache bundle: no release %s in %s (have: %s)\n", version, filepath.Join(root, releasesDir), strings.Join(have, ", "))
		return exitContent
	}
	signer, err := loadSigner(*keyFile)
	if err != nil {
		fmt.Fprintf(stderr, "attache bundle: %v\n", err)
		return exitContent
	}
	start := time.Now()
	// The copy is signed anew: first make sure what it is made from is the
	// release as signed, so a tampered releases/ folder is not laundered
	// into a freshly signed bundle.
	pub, pubName := signer.PublicKey(), *keyFile
	if *pubFile != "" {
		if pub, err = os.ReadFile(*pubFile); err != nil {
			fmt.Fprintf(stderr, "attache bundle: %v\n", err)
			return exitContent
		}
		pubName = *pubFile
	}
	rel, err := openRelease(dir, pub)
	if err != nil {
		fmt.Fprintf(stderr, "attache bundle: release %s does not check out with the key of %s: %v\n", version, pubName, err)
		return exitContent
	}
	sources, err := release.OpenSource(dir)
	if err != nil {
		fmt.Fprintf(stderr, "attache bundle: %v\n", err)
		return exitContent
	}
	outs, cfg, d, err := bundleSite(sources, rel, codes, *baseURL)
	if d != nil {
		printBundleDiags(stderr, d, *verbose)
	}
	if err != nil {
		fmt.Fprintf(stderr, "attache bundle: %v; %s not written\n", err, *out)
		return exitContent
	}
	siteFS, err := archive.OutputFS(outs)
	if err != nil {
		fmt.Fprintf(stderr, "attache bundle: %v\n", err)
		return exitContent
	}
	meta := release.Meta{Version: version, Created: rel.Created, Languages: cfg.Codes()}
	m, err := release.WriteBundleFile(*out, meta, siteFS, signer)
	if err != nil {
		fmt.Fprintf(stderr, "attache bundle: %v\n", err)
		return exitContent
	}
	var size int64
	for _, f := range m.Files {
		size += f.Size
	}
	fmt.Fprintf(stdout, "attache: bundle of release %s (%s) for %s: %d files (%.1f MB) in %s (%d ms)\n",
		version, strings.Join(m.Languages, ", "), cfg.BaseURL, len(m.Files), float64(size)/1e6, *out, time.Since(start).Milliseconds())
	fmt.Fprintf(stdout, "  check it: attache verify %s --pub %s\n", *out, strings.TrimSuffix(*keyFile, ".key")+".pub")
	return exitOK
}

// bundleSite rebuilds a release's sources for the copy's languages and
// address, as of the release's creation time (so the same articles are
// published), with the theme stored in the release, and adds what makes it
// a copy: a link to the main site on every page and a versions.json naming
// the release.
func bundleSite(sources fs.FS, rel archive.Release, langs []string, baseURL string) ([]render.Output, *config.Config, *diag.List, error) {
	theme := release.StoredTheme(sources)
	if theme == nil {
		theme = attache.Theme() // a release made before themes were stored
	}
	res, err := build.Run(sources, theme, build.Options{Langs: langs, BaseURL: baseURL, Now: rel.Created})
	if err != nil {
		return nil, nil, res.Diags, err
	}
	data, err := fs.ReadFile(sources, config.File)
	if err != nil {
		return nil, nil, res.Diags, err
	}
	mainCfg, ok := config.Parse(config.File, data, &diag.List{})
	if !ok {
		return nil, nil, res.Diags, fmt.Errorf("the release's %s does not parse", config.File)
	}
	cfg := res.Site.Config
	bundle, err := i18n.Load(theme, sources, cfg.DefaultLanguage, cfg.Codes(), &diag.List{})
	if err != nil {
		return nil, nil, res.Diags, err
	}
	outs := res.Outputs
	if mainCfg.BaseURL != cfg.BaseURL {
		titles := map[string]string{}
		for _, l := range mainCfg.Languages {
			titles[l.Code] = l.Title
		}
		outs, err = archive.MarkMirror(outs, archive.MainSite{BaseURL: mainCfg.BaseURL, Titles: titles, DefaultLanguage: mainCfg.DefaultLanguage, Bundle: bundle})
		if err != nil {
			return nil, nil, res.Diags, err
		}
	}
	if !archive.CurrentPaths(outs)[archive.VersionsFile] {
		v := archive.NewVersions(archive.Current{Version: rel.Version, Created: rel.Created, Languages: cfg.Codes()}, nil)
		outs = append(outs, render.Output{Path: archive.VersionsFile, Data: v.Marshal(), Origin: "(bundle) " + archive.VersionsFile})
	}
	return outs, cfg, res.Diags, nil
}

// printBundleDiags prints a bundle build's errors, and its warnings only
// with --verbose: they are about the release's sources, reported when it
// was released, plus one per language left out, which is the point.
func printBundleDiags(w io.Writer, d *diag.List, verbose bool) {
	if verbose {
		printDiags(w, d, true)
		return
	}
	for _, x := range d.Errors() {
		fmt.Fprintln(w, x.String())
	}
}
