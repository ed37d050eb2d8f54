package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/attache-ssg/attache/internal/release"
)

// verifyResult is `attache verify --format json`'s output.
type verifyResult struct {
	Path      string   `json:"path"`
	OK        bool     `json:"ok"`
	Error     string   `json:"error,omitempty"` // the copy cannot be trusted at all
	Version   string   `json:"version,omitempty"`
	Created   string   `json:"created,omitempty"`
	Languages []string `json:"languages,omitempty"`
	Files     int      `json:"files,omitempty"`
	release.Report
}

func cmdVerify(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("verify", flag.ContinueOnError)
	fl.SetOutput(stderr)
	pubFile := fl.String("pub", "", "the publisher's public key `file` (required)")
	minVersion := fl.String("min-version", "", "refuse a copy older than `VERSION` (a downgrade)")
	format := fl.String("format", "text", "output `format`: text or json")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "Usage: attache verify DIR|ARCHIVE --pub FILE [--min-version V] [--format text|json]\n\nChecks a release folder, an unpacked bundle or a bundle archive against its signed manifest.")
		fl.PrintDefaults()
	}
	pos, code := parseInterleaved(fl, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, "attache verify: give one folder or archive, e.g. attache verify en-fr.zip --pub publisher.pub")
		return exitUsage
	}
	if *pubFile == "" {
		fmt.Fprintln(stderr, "attache verify: --pub FILE is required: the publisher's public key is what makes the check mean anything")
		return exitUsage
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "attache verify: --format %q: want text or json\n", *format)
		return exitUsage
	}
	if *minVersion != "" {
		if err := release.CheckVersion(*minVersion); err != nil {
			fmt.Fprintf(stderr, "attache verify: --min-version: %v\n", err)
			return exitUsage
		}
	}
	pub, err := os.ReadFile(*pubFile)
	if err != nil {
		fmt.Fprintf(stderr, "attache verify: %v\n", err)
		return exitContent
	}
	path := pos[0]
	res := verifyResult{Path: path}
	m, rep, err := release.Verify(path, pub, *minVersion)
	if err != nil {
		res.Error = err.Error()
	} else {
		res.OK = rep.OK()
		res.Report = rep
		res.Version, res.Created, res.Languages, res.Files = m.Version, m.Created.Format(time.RFC3339), m.Languages, len(m.Files)
	}
	if *format == "json" {
		for _, l := range []*[]string{&res.Changed, &res.Missing, &res.Extra} {
			if *l == nil {
				*l = []string{}
			}
		}
		b, _ := json.MarshalIndent(res, "", "  ") // strings and slices always encode
		stdout.Write(append(b, '\n'))
	} else {
		printVerify(stdout, stderr, res, *pubFile)
	}
	if !res.OK {
		return exitContent
	}
	return exitOK
}

func printVerify(stdout, stderr io.Writer, res verifyResult, pubFile string) {
	switch {
	case res.Error != "":
		// The library's errors already start with the path they concern.
		fmt.Fprintf(stderr, "attache verify: %s: NOT VERIFIED: %s\n", res.Path, strings.TrimPrefix(res.Error, res.Path+": "))
	case res.OK:
		fmt.Fprintf(stdout, "attache: %s: OK: release %s (%s), created %s, %d files match the manifest signed by the key in %s\n",
			res.Path, res.Version, strings.Join(res.Languages, ", "), res.Created, res.Files, pubFile)
	default:
		fmt.Fprintf(stderr, "attache verify: %s: NOT VERIFIED: release %s is validly signed, but %d file(s) differ from its manifest:\n",
			res.Path, res.Version, len(res.Changed)+len(res.Missing)+len(res.Extra))
		for _, k := range []struct {
			name  string
			paths []string
		}{{"changed", res.Changed}, {"missing", res.Missing}, {"extra", res.Extra}} {
			for _, p := range k.paths {
				fmt.Fprintf(stderr, "  %-8s %s\n", k.name, p)
			}
		}
	}
}
