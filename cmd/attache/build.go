package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/publish"
)

// writers is how many goroutines write files: writing is mostly waiting on
// the kernel, so a few more than the cores keep the disk busy.
const writers = 4

// maxWarnings is how many warnings a build prints without --verbose: a
// corpus with one systematic problem should not bury its errors.
const maxWarnings = 20

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site's root `folder` (holding site.yaml and content/)")
	out := fl.String("out", "", "output `folder` (default: public/ inside the source folder)")
	baseURL := fl.String("base-url", "", "publish under this `URL` instead of site.yaml's baseURL")
	langs := fl.String("lang", "", "build only these languages (comma-separated `list`)")
	drafts := fl.Bool("drafts", false, "include drafts")
	verbose := fl.Bool("verbose", false, "print every warning and a timing per phase")
	profile := fl.String("profile", "", "write CPU and heap profiles into this `folder` (also: ATTACHE_PROFILE)")
	atRoot := fl.String("release", "", "put release `VERSION`'s signed site at the root instead of the current sources")
	pubFile := fl.String("pub", "", "with --release: check the release's signature with this public key `file` first")
	noCache := fl.Bool("no-cache", false, "build even when nothing changed since the last build into the same folder")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "attache build: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	start := time.Now()
	root, err := filepath.Abs(*src)
	if err != nil {
		fmt.Fprintf(stderr, "attache build: %v\n", err)
		return exitUsage
	}
	dst := *out
	if dst == "" {
		dst = filepath.Join(root, "public")
	}
	dst, err = filepath.Abs(dst)
	if err != nil {
		fmt.Fprintf(stderr, "attache build: %v\n", err)
		return exitUsage
	}
	if err := checkOutDir(root, dst); err != nil {
		fmt.Fprintf(stderr, "attache build: --out %s: %v\n", dst, err)
		return exitUsage
	}
	opts := build.Options{BaseURL: *baseURL, Drafts: *drafts, ImageCache: filepath.Join(root, ".attache", "cache", "images")}
	if *langs != "" {
		for _, l := range strings.Split(*langs, ",") {
			if l = strings.TrimSpace(l); l != "" {
				opts.Langs = append(opts.Langs, l)
			}
		}
	}
	if *atRoot != "" || *pubFile != "" {
		return buildReleaseAtRoot(root, dst, *atRoot, *pubFile, opts, stdout, stderr)
	}
	stop := startProfile(*profile, stderr)
	defer stop()
	// One clock for the whole build: what it publishes (articles dated up
	// to now) and how long its output stays valid are decided together.
	now := time.Now()
	opts.Now = now
	// The key is taken before the build reads anything, so a source that
	// changes during the build makes the next key differ.
	key := sourceKey(root, dst, opts, *verbose, stderr)
	if !*noCache && key != "" && skipBuild(root, dst, key, now, start, *verbose, stdout, stderr) {
		return exitOK
	}
	// Files are written while the build renders; a failed build discards
	// them and leaves the previous output as it was.
	w, err := publish.Begin(dst, writers)
	if err != nil {
		forgetBuild(root, dst, *verbose, stderr)
		fmt.Fprintf(stderr, "attache build: %v\n", err)
		return exitContent
	}
	emit, emitted := recordPaths(w.Add)
	opts.Emit = emit
	opts.Recycle = true // the writer releases each output once written
	opts.Progress = &build.Progress{}
	opts.Parsed = limitMemory
	stopProgress := showProgress(stderr, opts.Progress)
	res, err := build.Run(os.DirFS(root), attache.Theme(), opts)
	stopProgress()
	printDiags(stderr, res.Diags, *verbose)
	if err != nil {
		w.Abort()
		forgetBuild(root, dst, *verbose, stderr)
		fmt.Fprintf(stderr, "attache build: %d error(s); %s left unchanged\n", len(res.Diags.Errors()), dst)
		return exitContent
	}
	if err := addReleases(root, res, emitted(), w.Add); err != nil {
		w.Abort()
		forgetBuild(root, dst, *verbose, stderr)
		fmt.Fprintf(stderr, "attache build: releases: %v; %s left unchanged\n", err, dst)
		return exitContent
	}
	wstart := time.Now()
	st, err := w.Commit()
	if err != nil {
		forgetBuild(root, dst, *verbose, stderr)
		fmt.Fprintf(stderr, "attache build: %v; %s left unchanged\n", err, dst)
		return exitContent
	}
	if *verbose {
		for _, t := range res.Timings {
			fmt.Fprintf(stderr, "  %-9s %6d ms\n", t.Phase, t.Duration.Milliseconds())
		}
		fmt.Fprintf(stderr, "  %-9s %6d ms (the rest of the writing overlapped rendering)\n", "write", time.Since(wstart).Milliseconds())
	}
	recordBuild(root, dst, key, now, res, st, w.Paths(), *verbose, stderr)
	printSummary(stdout, res.Summary(), st, dst, time.Since(start), "")
	return exitOK
}

// checkOutDir refuses an output folder that would overwrite the sources:
// the build replaces the output folder wholesale.
func checkOutDir(root, dst string) error {
	rel, err := filepath.Rel(dst, root)
	if err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return errors.New("it holds the site's sources; choose a folder of its own")
	}
	// The build replaces the output folder whole: an existing one must be a
	// site built before (every build writes index.html at its root), not a
	// file or a folder of someone's documents, which would be deleted.
	if info, err := os.Lstat(dst); err == nil && info.Mode()&os.ModeSymlink == 0 {
		if !info.IsDir() {
			return errors.New("it is a file; choose a folder")
		}
		entries, err := os.ReadDir(dst)
		if err != nil {
			return err
		}
		if _, err := os.Stat(filepath.Join(dst, "index.html")); len(entries) > 0 && err != nil {
			return errors.New("it holds files but no index.html, so it is not a site built before, and the build would delete them; choose an empty or new folder")
		}
	}
	for _, d := range []string{"content", "layouts", "static", "i18n", ".git", releasesDir} {
		rel, err := filepath.Rel(filepath.Join(root, d), dst)
		if err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
			return fmt.Errorf("it is inside the site's %s/ folder", d)
		}
	}
	return nil
}

func printDiags(w io.Writer, d *diag.List, all bool) {
	warnings := 0
	for _, x := range d.Sorted() {
		if x.Severity == diag.Warning {
			warnings++
			if !all && warnings > maxWarnings {
				continue
			}
		}
		fmt.Fprintln(w, x.String())
	}
	if !all && warnings > maxWarnings {
		fmt.Fprintf(w, "… and %d more warnings (--verbose prints them all)\n", warnings-maxWarnings)
	}
}
