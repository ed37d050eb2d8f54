package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/status"
)

func cmdStatus(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("status", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site's root `folder` (holding site.yaml and content/)")
	langs := fl.String("lang", "", "report only these translation languages (comma-separated `list`)")
	section := fl.String("section", "", "report only articles under this `folder` of content/<lang>/")
	format := fl.String("format", "text", "report `format`: text, json or html")
	out := fl.String("out", "", "write the report to this `file` instead of the standard output")
	failOn := fl.String("fail-on", "", "exit 1 when an article is in one of these `states` (e.g. outdated,missing)")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "attache status: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	switch *format {
	case "text", "json", "html":
	default:
		fmt.Fprintf(stderr, "attache status: --format %q: want text, json or html\n", *format)
		return exitUsage
	}
	failStates, err := status.ParseStates(*failOn)
	if err != nil {
		fmt.Fprintf(stderr, "attache status: --fail-on: %v\n", err)
		return exitUsage
	}
	root, err := filepath.Abs(*src)
	if err != nil {
		fmt.Fprintf(stderr, "attache status: %v\n", err)
		return exitUsage
	}
	opts := status.Options{Section: *section}
	for _, l := range strings.Split(*langs, ",") {
		if l = strings.TrimSpace(l); l != "" {
			opts.Langs = append(opts.Langs, l)
		}
	}

	var d diag.List
	r, err := status.Run(os.DirFS(root), attache.Theme(), opts, &d)
	printDiags(stderr, &d, false)
	var oe *status.OptionError
	switch {
	case errors.As(err, &oe):
		fmt.Fprintf(stderr, "attache status: %v\n", err)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "attache status: %v\n", err)
		return exitContent
	}

	var buf bytes.Buffer
	switch *format {
	case "json":
		err = r.WriteJSON(&buf)
	case "html":
		err = r.WriteHTML(&buf, status.HTMLOptions{LinkPrefix: linkPrefix(root, *out), Generated: time.Now()})
	default:
		err = r.WriteText(&buf)
	}
	if err == nil {
		if *out != "" {
			err = os.MkdirAll(filepath.Dir(*out), 0o755)
			if err == nil {
				err = os.WriteFile(*out, buf.Bytes(), 0o644)
			}
		} else {
			_, err = stdout.Write(buf.Bytes())
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "attache status: %v\n", err)
		return exitContent
	}
	if *out != "" {
		fmt.Fprintf(stderr, "attache status: report written to %s\n", *out)
	}
	if d.HasErrors() {
		fmt.Fprintf(stderr, "attache status: %d file(s) with errors are left out of the report\n", len(d.Errors()))
		return exitContent
	}
	if len(failStates) > 0 && r.Has(failStates...) {
		var parts []string
		for _, s := range failStates {
			n := 0
			for _, l := range r.Languages {
				n += l.Counts[s]
			}
			if n > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", n, s.Label()))
			}
		}
		fmt.Fprintf(stderr, "attache status: %s (--fail-on %s)\n", strings.Join(parts, ", "), *failOn)
		return exitContent
	}
	return exitOK
}

// linkPrefix is the URL path from the report's folder (the --out file's,
// else the current folder) to the site's root, so the HTML report links
// to the source files relatively.
func linkPrefix(root, out string) string {
	dir, err := os.Getwd()
	if out != "" {
		dir, err = filepath.Abs(filepath.Dir(out))
	}
	if err != nil {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(root) + "/"}).String()
	}
	rel, err := filepath.Rel(dir, root)
	if err != nil {
		// Another volume: no relative path exists.
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(root) + "/"}).String()
	}
	if rel == "." {
		return ""
	}
	segs := strings.Split(filepath.ToSlash(rel), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/") + "/"
}
