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

	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/scaffold"
)

const newUsage = `Usage:
  attache new article SECTION/SLUG [--lang L] [--source DIR]
  attache new translation FILE --to L [--source DIR]

article      writes content/<L>/SECTION/SLUG.md, a draft to fill in
             (L defaults to the site's default language)
translation  writes the same path under content/<L>/ with FILE's text to
             translate and translatedFrom recording what it was made from
`

func cmdNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return exitUsage
	}
	switch args[0] {
	case "article":
		return cmdNewArticle(args[1:], stdout, stderr)
	case "translation":
		return cmdNewTranslation(args[1:], stdout, stderr)
	case "help", "--help", "-h":
		fmt.Fprint(stdout, newUsage)
		return exitOK
	}
	fmt.Fprintf(stderr, "attache new: unknown kind %q (article or translation)\n\n%s", args[0], newUsage)
	return exitUsage
}

func cmdNewArticle(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("new article", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site's root `folder` (holding site.yaml and content/)")
	lang := fl.String("lang", "", "the article's `language` (default: the site's default language)")
	pos, code := parseInterleaved(fl, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "attache new article: give one SECTION/SLUG, such as news/press-briefing\n\n%s", newUsage)
		return exitUsage
	}
	root, err := filepath.Abs(*src)
	if err != nil {
		fmt.Fprintf(stderr, "attache new article: %v\n", err)
		return exitUsage
	}
	var d diag.List
	s, err := scaffold.Open(root, &d)
	if err != nil {
		printDiags(stderr, &d, true)
		return exitContent
	}
	c, err := s.NewArticle(pos[0], *lang, time.Now())
	return reportCreated("new article", c, err, &d, stdout, stderr)
}

func cmdNewTranslation(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("new translation", flag.ContinueOnError)
	fl.SetOutput(stderr)
	src := fl.String("source", ".", "the site's root `folder` (holding site.yaml and content/)")
	to := fl.String("to", "", "the `language` to translate into")
	pos, code := parseInterleaved(fl, args)
	if code >= 0 {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(stderr, "attache new translation: give one FILE, such as content/vi/news/x.md\n\n%s", newUsage)
		return exitUsage
	}
	root, err := filepath.Abs(*src)
	if err != nil {
		fmt.Fprintf(stderr, "attache new translation: %v\n", err)
		return exitUsage
	}
	file, err := siteRelative(root, pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "attache new translation: %v\n", err)
		return exitUsage
	}
	var d diag.List
	s, err := scaffold.Open(root, &d)
	if err != nil {
		printDiags(stderr, &d, true)
		return exitContent
	}
	c, err := s.NewTranslation(file, *to, &d)
	return reportCreated("new translation", c, err, &d, stdout, stderr)
}

// reportCreated prints what a scaffold command did, or why it did not, and
// gives the exit status.
func reportCreated(cmd string, c *scaffold.Created, err error, d *diag.List, stdout, stderr io.Writer) int {
	printDiags(stderr, d, true)
	var ue *scaffold.UsageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "attache %s: %v\n", cmd, err)
		return exitUsage
	case errors.Is(err, scaffold.ErrExists):
		fmt.Fprintf(stderr, "attache %s: %v; nothing overwritten\n", cmd, err)
		return exitContent
	}
	if c != nil { // written, perhaps with an error copying a bundle's files
		for _, n := range c.Notes {
			fmt.Fprintf(stderr, "attache %s: note: %s\n", cmd, n)
		}
		fmt.Fprintf(stdout, "attache: wrote %s\n", c.File)
		for _, f := range c.Copied {
			fmt.Fprintf(stdout, "attache: copied %s\n", f)
		}
		for _, f := range c.Kept {
			fmt.Fprintf(stdout, "attache: kept %s (exists already)\n", f)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "attache %s: %v\n", cmd, err)
		return exitContent
	}
	return exitOK
}

// siteRelative turns a file argument into a site-relative slash path: a
// path that exists from the current folder (or an absolute one) is taken
// as it is, anything else as relative to the site's root.
func siteRelative(root, arg string) (string, error) {
	abs := arg
	if !filepath.IsAbs(abs) {
		if _, err := os.Stat(arg); err == nil {
			abs, _ = filepath.Abs(arg)
		} else {
			abs = filepath.Join(root, arg)
		}
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is not inside the site %s", arg, root)
	}
	return filepath.ToSlash(rel), nil
}

// parseInterleaved parses flags given before, between or after positional
// arguments (`new translation FILE --to en`), which flag.Parse alone stops
// at. code is -1 to go on, else the exit status to return.
func parseInterleaved(fl *flag.FlagSet, args []string) (pos []string, code int) {
	for {
		if err := fl.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK
			}
			return nil, exitUsage
		}
		rest := fl.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), -1 // after "--" nothing is a flag
		}
		args = rest
		if len(args) == 0 {
			return pos, -1
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
