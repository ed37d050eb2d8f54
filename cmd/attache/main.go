// Command attache builds multilingual static sites. This file holds the
// dispatch and usage; each command lives in its own file, and all of them
// only parse flags and wire internal packages together.
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit statuses, as SPEC.md fixes them.
const (
	exitOK      = 0
	exitContent = 1 // content or verification errors
	exitUsage   = 2 // wrong usage
)

const usage = `attache — static sites for multilingual foreign-information publications

Usage:
  attache build   [--source DIR] [--out DIR] [--base-url URL] [--lang LIST] [--drafts] [--verbose]
  attache version

Run 'attache COMMAND --help' for a command's options.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, versionString())
		return exitOK
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "attache: unknown command %q\n\n%s", args[0], usage)
		return exitUsage
	}
}
