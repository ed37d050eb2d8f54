package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"aead.dev/minisign"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/archive"
	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/release"
	"github.com/attache-ssg/attache/internal/site"
	"github.com/attache-ssg/attache/internal/source"
)

// releasesDir is the folder, at the site's root, that holds releases. The
// build never reads it: it scans only site.yaml, content/, static/,
// layouts/ and i18n/.
const releasesDir = "releases"

// defaultKey is the private key `attache keygen` writes by default.
const defaultKey = "publisher.key"

func cmdRelease(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("release", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site's root `folder` (holding site.yaml and content/)")
	keyFile := fl.String("key", defaultKey, "the publisher's private key `file` (from attache keygen)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: attache release VERSION [--key FILE] [--source DIR]\n\nBuilds the site and freezes it, signed, under releases/VERSION/.")
		fl.PrintDefaults()
	}
	pos, code := parseInterleaved(fl, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "attache release: give exactly one VERSION, e.g. attache release 2024.1")
		return exitUsage
	}
	version := pos[0]
	if err := release.CheckVersion(version); err != nil {
		fmt.Fprintf(stderr, "attache release: %v\n", err)
		return exitUsage
	}
	created, fixed, err := sourceDateEpoch()
	if err != nil {
		fmt.Fprintf(stderr, "attache release: %v\n", err)
		return exitUsage
	}
	root, err := filepath.Abs(*src)
	if err != nil {
		fmt.Fprintf(stderr, "attache release: %v\n", err)
		return exitUsage
	}
	rels := filepath.Join(root, releasesDir)
	target := filepath.Join(rels, version)
	if _, err := os.Lstat(target); err == nil {
		fmt.Fprintf(stderr, "attache release: %s already exists: a release is never changed; choose a new version\n", target)
		return exitContent
	}
	if err := keyOutsideSources(root, *keyFile); err != nil {
		fmt.Fprintf(stderr, "attache release: --key %s: %v\n", *keyFile, err)
		return exitContent
	}
	signer, err := loadSigner(*keyFile)
	if err != nil {
		fmt.Fprintf(stderr, "attache release: %v\n", err)
		return exitContent
	}

	start := time.Now()
	srcs, d, err := collectSources(root)
	printDiags(stderr, d, false)
	if err != nil {
		fmt.Fprintf(stderr, "attache release: %v\n", err)
		return exitContent
	}
	theme := attache.Theme()
	now := created
	if !fixed {
		now = time.Now()
	}
	res, err := build.Run(srcs, theme, build.Options{Now: now})
	if err == nil && !fixed {
		created = releaseTime(srcs.Newest(), res.Site)
		if created.After(now) {
			// Files dated in the future (a skewed clock): build again as of
			// that moment, so that a bundle rebuilt later "as of the
			// release's creation" holds exactly the same articles.
			res, err = build.Run(srcs, theme, build.Options{Now: created})
		}
	}
	printDiags(stderr, res.Diags, false)
	if err != nil {
		fmt.Fprintf(stderr, "attache release: %d error(s); nothing released\n", len(res.Diags.Errors()))
		return exitContent
	}
	if err := srcs.AddTree(release.ThemeDir, theme); err != nil {
		fmt.Fprintf(stderr, "attache release: theme: %v\n", err)
		return exitContent
	}
	siteFS, err := archive.OutputFS(res.Outputs)
	if err != nil {
		fmt.Fprintf(stderr, "attache release: %v\n", err)
		return exitContent
	}
	meta := release.Meta{Version: version, Created: created, Languages: res.Site.Config.Codes()}
	m, err := release.Freeze(rels, meta, siteFS, srcs, signer)
	if err != nil {
		if errors.Is(err, release.ErrExists) {
			fmt.Fprintf(stderr, "attache release: %s already exists: a release is never changed; choose a new version\n", target)
		} else {
			fmt.Fprintf(stderr, "attache release: %v; nothing released\n", err)
		}
		return exitContent
	}
	var size int64
	for _, f := range m.Files {
		size += f.Size
	}
	rel := displayPath(target)
	fmt.Fprintf(stdout, "attache: released %s (%s): %d files (%.1f MB), created %s, in %s/ (%d ms)\n",
		version, strings.Join(m.Languages, ", "), len(m.Files), float64(size)/1e6, m.Created.Format(time.RFC3339), rel, time.Since(start).Milliseconds())
	fmt.Fprintf(stdout, "  check it: minisign -Vm %s -p %s\n", filepath.Join(rel, release.ManifestName), strings.TrimSuffix(*keyFile, ".key")+".pub")
	return exitOK
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org), the
// usual way to pin a build's time; fixed is false when it is not set.
func sourceDateEpoch() (t time.Time, fixed bool, err error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || v == "" {
		return time.Time{}, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 253402300799 {
		return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
	}
	return time.Unix(n, 0).UTC(), true, nil
}

// releaseTime is a release's creation time when SOURCE_DATE_EPOCH is not
// set: the newest of the sources' modification times and the published
// articles' dates. It depends only on the sources, so releasing the same
// sources twice gives the same manifest dates and archive times; and no
// published article is dated after it, so rebuilding the release "as of"
// this time (attache bundle) publishes the same articles.
func releaseTime(newestFile time.Time, s *site.Site) time.Time {
	t := newestFile
	if s != nil {
		for _, p := range s.ByFile {
			if p.Kind == site.Article && p.Date.After(t) {
				t = p.Date
			}
		}
	}
	t = t.UTC().Truncate(time.Second)
	if t.Year() < 1980 { // no times at all: the archive formats' epoch
		t = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// collectSources lists the files a build of root reads and returns them as
// one file system; problems the scan found (skipped symlinks) are in d.
func collectSources(root string) (*release.Sources, *diag.List, error) {
	d := &diag.List{}
	fsys := os.DirFS(root)
	if _, err := fs.Stat(fsys, config.File); err != nil {
		return nil, d, fmt.Errorf("%s: %w (is %s the site's root folder?)", config.File, err, root)
	}
	files := source.Scan(fsys, d)
	paths := []string{config.File}
	for _, p := range files.Pages {
		paths = append(paths, p.Path)
	}
	for _, r := range files.Resources {
		paths = append(paths, r.Path)
	}
	paths = append(paths, files.Static...)
	paths = append(paths, files.Layouts...)
	paths = append(paths, files.I18n...)
	srcs, err := release.NewSources(fsys, paths)
	if err != nil {
		return nil, d, fmt.Errorf("sources: %w", err)
	}
	return srcs, d, nil
}

// keyOutsideSources refuses a private key kept where the build would
// publish it, or where `attache release` would archive it with the sources.
func keyOutsideSources(root, key string) error {
	abs, err := filepath.Abs(key)
	if err != nil {
		return err
	}
	if root, err = filepath.Abs(root); err != nil {
		return err
	}
	for _, dir := range []string{"content", "static", "layouts", "i18n"} {
		rel, err := filepath.Rel(filepath.Join(root, dir), abs)
		if err == nil && !strings.HasPrefix(rel, "..") && rel != "." {
			return fmt.Errorf("the private key is inside the site's %s/ folder, so it would be published; move it out of the site", dir)
		}
	}
	return nil
}

// loadSigner reads a minisign private key file, asking for its password
// (ATTACHE_KEY_PASSWORD or the terminal) only when it is encrypted.
func loadSigner(path string) (*release.Signer, error) {
	key, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such key file (make one with: attache keygen --out %s)", path, strings.TrimSuffix(path, ".key"))
		}
		return nil, err
	}
	var password []byte
	if minisign.IsEncrypted(key) {
		if password, err = release.KeyPassword(false); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	s, err := release.NewSigner(key, password)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// displayPath shortens p to a path relative to the working directory when
// it lies below it, for messages a person copies into the next command.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}
