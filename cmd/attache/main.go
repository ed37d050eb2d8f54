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
  attache build   [--source DIR] [--out DIR] [--base-url URL] [--lang LIST] [--drafts] [--verbose] [--no-cache]
  attache serve   [--source DIR] [--addr 127.0.0.1:1313] [--poll DURATION] [--drafts]
  attache new     article SECTION/SLUG [--lang L] | translation FILE --to L  [--source DIR]
  attache status  [--source DIR] [--lang LIST] [--section S] [--format text|json|html] [--out FILE] [--fail-on STATES]
  attache build   --release VERSION [--pub FILE] [--source DIR] [--out DIR] [--base-url URL]
  attache keygen  [--out NAME]
  attache release VERSION [--key FILE] [--source DIR]
  attache bundle  VERSION --lang LIST [--base-url URL] --out FILE [--key FILE] [--pub FILE]
  attache verify  DIR|ARCHIVE --pub FILE [--min-version V] [--format text|json]
  attache diff    OLD NEW [--format text|json] [--pub FILE]
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
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "status":
		return cmdStatus(args[1:], stdout, stderr)
	case "keygen":
		return cmdKeygen(args[1:], stdout, stderr)
	case "release":
		return cmdRelease(args[1:], stdout, stderr)
	case "bundle":
		return cmdBundle(args[1:], stdout, stderr)
	case "verify":
		return cmdVerify(args[1:], stdout, stderr)
	case "diff":
		return cmdDiff(args[1:], stdout, stderr)
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
