package main

// How `attache build` skips a build when nothing changed since the last
// one into the same folder: the rules are internal/buildcache's; this file
// decides what identifies a build and what a skipped build prints.

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/buildcache"
	"github.com/attache-ssg/attache/internal/publish"
)

// cacheInputs is everything but the sources that decides what a build of
// root into dst writes.
func cacheInputs(root, dst string, opts build.Options) (buildcache.Inputs, bool) {
	tool, ok := toolID()
	return buildcache.Inputs{
		Root:  root,
		Theme: attache.Theme(),
		Tool:  tool,
		Options: []string{
			"out=" + dst,
			"base-url=" + opts.BaseURL,
			"lang=" + strings.Join(opts.Langs, ","),
			"drafts=" + strconv.FormatBool(opts.Drafts),
			"future=" + strconv.FormatBool(opts.Future),
		},
	}, ok
}

// toolID names the program: its version, and its executable's size and
// modification time, so a developer's rebuild of one version (a change
// to a template or to the engine) is a different program. Without its
// executable the program cannot be told apart, and nothing is cached.
func toolID() (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	info, err := os.Stat(exe)
	if err != nil {
		return "", false
	}
	return fmt.Sprintf("%s; executable %d bytes, modified %d", versionString(), info.Size(), info.ModTime().UnixNano()), true
}

// sourceKey returns the key of the build of root into dst, or "" when it
// cannot be known (an unreadable file: the build will say which).
func sourceKey(root, dst string, opts build.Options, verbose bool, stderr io.Writer) string {
	start := time.Now()
	in, ok := cacheInputs(root, dst, opts)
	if !ok {
		return ""
	}
	src, err := buildcache.Hash(in)
	if verbose {
		if err != nil {
			fmt.Fprintf(stderr, "  %-9s %6d ms (no key: %v)\n", "key", time.Since(start).Milliseconds(), err)
		} else {
			fmt.Fprintf(stderr, "  %-9s %6d ms (%d files, %.1f MB; %d read)\n", "key", time.Since(start).Milliseconds(), src.Files, float64(src.Bytes)/1e6, src.Read)
		}
	}
	if err != nil {
		return ""
	}
	return src.Key
}

// skipBuild prints what the last build of root into dst printed, and
// reports true, when that build's output is still what a build would
// write now.
func skipBuild(root, dst, key string, now, start time.Time, verbose bool, stdout, stderr io.Writer) bool {
	cstart := time.Now()
	e, why := buildcache.Check(root, dst, key, now)
	if verbose {
		state := "fresh: nothing to build"
		if e == nil {
			state = "building: " + why
		}
		fmt.Fprintf(stderr, "  %-9s %6d ms (%s)\n", "check", time.Since(cstart).Milliseconds(), state)
	}
	if e == nil {
		return false
	}
	printDiags(stderr, e.Diags(), verbose)
	printSummary(stdout, e.Summary, publish.Stats{Files: e.Files, Unchanged: e.Files}, dst, time.Since(start), " (nothing changed)")
	return true
}

// recordBuild records a successful build of root into dst, at now, so
// that the next one can be skipped. A failure to record costs only that.
func recordBuild(root, dst, key string, now time.Time, res *build.Result, st publish.Stats, paths []string, verbose bool, stderr io.Writer) {
	if key == "" {
		forgetBuild(root, dst, verbose, stderr)
		return
	}
	start := time.Now()
	err := func() error {
		snap, err := buildcache.SnapshotFiles(dst, paths)
		if err != nil {
			return err
		}
		if snap.Files != st.Files {
			return fmt.Errorf("%s holds %d files, the build wrote %d", dst, snap.Files, st.Files)
		}
		until, err := buildcache.NextChange(res.Site, os.DirFS(root), now)
		if err != nil {
			return err
		}
		e := &buildcache.Entry{Key: key, BuiltAt: now, ValidUntil: until, Output: snap, Summary: res.Summary(), Files: st.Files}
		e.SetDiags(res.Diags.Sorted())
		return buildcache.Store(root, dst, e)
	}()
	if verbose {
		fmt.Fprintf(stderr, "  %-9s %6d ms\n", "record", time.Since(start).Milliseconds())
	}
	if err != nil {
		if verbose {
			fmt.Fprintf(stderr, "attache build: not recorded for the next build: %v\n", err)
		}
		forgetBuild(root, dst, verbose, stderr)
	}
}

// forgetBuild makes the next build of root into dst a real one.
func forgetBuild(root, dst string, verbose bool, stderr io.Writer) {
	if err := buildcache.Forget(root, dst); err != nil && verbose {
		fmt.Fprintf(stderr, "attache build: %v\n", err)
	}
}

// printSummary prints a build's last line.
func printSummary(w io.Writer, pages string, st publish.Stats, dst string, took time.Duration, note string) {
	fmt.Fprintf(w, "attache: pages %s; %d files (%d unchanged, %.1f MB written) in %s in %d ms%s\n",
		pages, st.Files, st.Unchanged, float64(st.Bytes)/1e6, dst, took.Milliseconds(), note)
}
