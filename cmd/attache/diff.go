package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/attache-ssg/attache/internal/release"
)

func cmdDiff(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("diff", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site's root `folder` (holding releases/)")
	format := fl.String("format", "text", "output `format`: text (A/M/D, a tab, the path) or json")
	pubFile := fl.String("pub", "", "verify both copies with this public key `file` first")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: attache diff OLD NEW [--format text|json] [--pub FILE]\n\nLists the site files added (A), changed (M) and removed (D) from OLD to NEW, each a\nversion in releases/, a release or unpacked bundle folder, or a bundle archive.\nPaths are relative to the site's root: what a mirror uploads and deletes.")
		fl.PrintDefaults()
	}
	pos, code := parseInterleaved(fl, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintln(stderr, "attache diff: give two versions, e.g. attache diff 2024.1 2024.2")
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "attache diff: --format %q: want text or json\n", *format)
		return exitUsage
	}
	var pub []byte
	if *pubFile != "" {
		b, err := os.ReadFile(*pubFile)
		if err != nil {
			fmt.Fprintf(stderr, "attache diff: %v\n", err)
			return exitContent
		}
		pub = b
	}
	var ms [2]*release.Manifest
	for i, arg := range pos {
		m, err := diffSide(*src, arg, pub)
		if err != nil {
			fmt.Fprintf(stderr, "attache diff: %v\n", err)
			return exitContent
		}
		ms[i] = m
	}
	c := release.Diff(ms[0], ms[1])
	if *format == "json" {
		stdout.Write(c.JSON())
	} else {
		stdout.Write(c.Text())
	}
	fmt.Fprintf(stderr, "attache diff: %s → %s: %d added, %d changed, %d removed\n", c.From, c.To, len(c.Added), len(c.Changed), len(c.Removed))
	return exitOK
}

// diffSide finds the manifest of one side: a version released under the
// site's releases/ folder, else a path to a copy. Without a key it is read
// as it is (diff says what differs, verify says what to trust); with one,
// the copy must verify whole.
func diffSide(src, arg string, pub []byte) (*release.Manifest, error) {
	path := arg
	if release.CheckVersion(arg) == nil {
		dir := filepath.Join(src, releasesDir, arg)
		if _, err := os.Stat(filepath.Join(dir, release.ManifestName)); err == nil {
			path = dir
		}
	}
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%s: neither a version in %s nor a copy (folder or archive)", arg, filepath.Join(src, releasesDir))
	}
	if pub == nil {
		return release.ReadCopyManifest(path)
	}
	m, rep, err := release.Verify(path, pub, "")
	if err != nil {
		return nil, err
	}
	if !rep.OK() {
		return nil, fmt.Errorf("%s does not match its signed manifest (%s); run attache verify", path, reportSummary(rep))
	}
	return m, nil
}
