package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/release"
)

// keyMaker is what keygen needs from the release package; tests pass one
// that skips minisign's deliberately slow key encryption.
type keyMaker struct {
	password func(confirm bool) ([]byte, error)
	write    func(name string, password []byte) (keyPath, pubPath string, err error)
}

func cmdKeygen(args []string, stdout, stderr io.Writer) int {
	return keygen(args, stdout, stderr, keyMaker{password: release.KeyPassword, write: release.WriteKeyFiles})
}

func keygen(args []string, stdout, stderr io.Writer, km keyMaker) int {
	fl := flag.NewFlagSet("keygen", flag.ContinueOnError)
	fl.SetOutput(stderr)
	out := fl.String("out", strings.TrimSuffix(defaultKey, ".key"), "write `NAME`.key (private, encrypted) and NAME.pub (public)")
	fl.Usage = func() {
		fmt.Fprintf(stderr, "Usage: attache keygen [--out NAME]\n\nMakes a minisign key pair. The private key is encrypted with $%s, or a password typed twice.\n", release.PasswordEnv)
		fl.PrintDefaults()
	}
	pos, code := parseInterleaved(fl, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 0 {
		fmt.Fprintf(stderr, "attache keygen: unexpected argument %q\n", pos[0])
		return exitUsage
	}
	name := strings.TrimSuffix(*out, ".key")
	if name == "" || strings.HasSuffix(name, string(filepath.Separator)) {
		fmt.Fprintln(stderr, "attache keygen: --out needs a file name, e.g. --out keys/publisher")
		return exitUsage
	}
	// In a site's folder, a key under content/ or static/ would be published.
	if _, err := os.Stat(config.File); err == nil {
		if err := keyOutsideSources(".", name+".key"); err != nil {
			fmt.Fprintf(stderr, "attache keygen: --out %s: %v\n", *out, err)
			return exitUsage
		}
	}
	password, err := km.password(true)
	if err != nil {
		fmt.Fprintf(stderr, "attache keygen: %v\n", err)
		return exitContent
	}
	keyPath, pubPath, err := km.write(name, password)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			fmt.Fprintf(stderr, "attache keygen: %v: keys are never overwritten (losing a key orphans every release signed with it); choose another --out\n", err)
		} else {
			fmt.Fprintf(stderr, "attache keygen: %v\n", err)
		}
		return exitContent
	}
	fmt.Fprintf(stdout, "attache: wrote %s (private, encrypted: keep it and its password off the web server and out of the site's repository)\n", keyPath)
	fmt.Fprintf(stdout, "attache: wrote %s (public: give it to every mirror; they check copies with attache verify --pub %s)\n", pubPath, pubPath)
	return exitOK
}
