package release

import (
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// Names in a copy's root (see the package doc).
const (
	ManifestName  = "manifest.json"
	SignatureName = "manifest.json.minisig"
	SumsName      = "SHA256SUMS"
	SourceName    = "source.tar.gz"
	SiteDir       = "site"
)

// checkPath reports whether p is safe as a file path in a manifest or an
// archive: relative, slash-separated, clean (no "", "." or ".." element), no
// backslash, no drive letter, valid UTF-8 without control characters. The
// last rule keeps SHA256SUMS one line per file and JSON round trips exact;
// the others keep every path inside the directory it is resolved against, on
// any operating system.
func checkPath(p string) error {
	if p == "" {
		return fmt.Errorf("empty path")
	}
	if strings.HasPrefix(p, "/") {
		return fmt.Errorf("%q: absolute path", p)
	}
	if strings.Contains(p, `\`) {
		return fmt.Errorf("%q: backslash in path", p)
	}
	if len(p) >= 2 && p[1] == ':' && isAlnum(p[0]) {
		return fmt.Errorf("%q: drive letter in path", p)
	}
	if !utf8.ValidString(p) {
		return fmt.Errorf("%q: path is not valid UTF-8", p)
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("%q: control character in path", p)
		}
	}
	if !fs.ValidPath(p) || p == "." {
		for _, el := range strings.Split(p, "/") {
			if el == ".." {
				return fmt.Errorf("%q: \"..\" in path", p)
			}
		}
		return fmt.Errorf("%q: not a clean relative path", p)
	}
	return nil
}

// parentConflict reports a path that is both a file and a directory in a set
// of file paths, which no file system can hold.
func parentConflict(files map[string]bool, p string) error {
	for i := len(p) - 1; i > 0; i-- {
		if p[i] == '/' && files[p[:i]] {
			return fmt.Errorf("%q is both a file and the directory of %q", p[:i], p)
		}
	}
	return nil
}
