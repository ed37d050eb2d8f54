// Package urlpath holds the rules that tie site URLs to output files and to
// each other: every URL inside attache is root-relative ("/vi/news/x/"), and
// this package turns it into a relative link from another page, an absolute
// URL under the base URL, or a file path inside the output directory that
// can never leave it.
package urlpath

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// Rel returns the relative reference that leads from the page at URL from to
// the URL to. Both are root-relative. A from URL ending in "/" is a
// directory page; otherwise its directory is the base. The result keeps to's
// trailing slash and is "./" when both are the same directory.
func Rel(from, to string) string {
	// A page links to a few dozen URLs, and a big site has a hundred
	// thousand pages: Rel walks the paths in place and allocates only its
	// result (splitting both paths into slices was 3 % of a build's
	// allocations). relSplit in the tests is the plain version it must
	// agree with.
	fromDir := from
	if !strings.HasSuffix(fromDir, "/") {
		fromDir = path.Dir(fromDir)
	}
	fs := strings.Trim(fromDir, "/")
	fn := segCount(fs)
	ts := strings.Trim(to, "/")
	tn := segCount(ts)
	// The last segment of a file target is not a directory: keep it out of
	// the common-prefix comparison.
	var last string
	if !strings.HasSuffix(to, "/") && tn > 0 {
		if i := strings.LastIndexByte(ts, '/'); i >= 0 {
			ts, last = ts[:i], ts[i+1:]
		} else {
			ts, last = "", ts
		}
		tn--
	}
	// rest is what remains of ts's segments after the shared ones.
	i, rest := 0, ts
	for i < fn && i < tn {
		var f, t string
		f, fs, _ = strings.Cut(fs, "/")
		t, after, _ := strings.Cut(rest, "/")
		if f != t {
			break
		}
		rest = after
		i++
	}
	n := 3*(fn-i) + len(last)
	if i < tn {
		n += len(rest) + 1
	}
	if n == 0 {
		return "./"
	}
	var b strings.Builder
	b.Grow(n)
	for j := i; j < fn; j++ {
		b.WriteString("../")
	}
	if i < tn {
		b.WriteString(rest)
		b.WriteByte('/')
	}
	b.WriteString(last)
	return b.String()
}

// segCount is how many segments strings.Split(p, "/") would give for a
// path trimmed of its outer slashes, an empty one having none.
func segCount(p string) int {
	if p == "" {
		return 0
	}
	return strings.Count(p, "/") + 1
}

// ErrUnsafe is wrapped by errors for paths that would leave the output.
var ErrUnsafe = errors.New("path would leave the output directory")

// Clean validates a slash-separated path relative to the output root and
// returns it cleaned. It refuses absolute paths, ".." segments, empty
// segments made of dots, backslashes, colons, NUL and other control
// characters, segments longer than 255 bytes (the common file-name limit),
// and segments that Windows would not store as a file of the output: a
// device name (con, aux.html, com1…), which opens the device instead, and
// a name ending in a dot or a space, which Windows trims (so "a." would
// overwrite "a"). Sites are copied to Windows hosts as they are.
func Clean(p string) (string, error) {
	if p == "" {
		return "", fmt.Errorf("empty path: %w", ErrUnsafe)
	}
	if strings.HasPrefix(p, "/") {
		return "", fmt.Errorf("%q is absolute: %w", p, ErrUnsafe)
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f || r == '\\' || r == ':' {
			return "", fmt.Errorf("%q has a forbidden character %q: %w", p, r, ErrUnsafe)
		}
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", fmt.Errorf("%q goes up with ..: %w", p, ErrUnsafe)
		}
		if len(seg) > 255 {
			return "", fmt.Errorf("%q has a name longer than 255 bytes: %w", p, ErrUnsafe)
		}
		if windowsDevice(seg) {
			return "", fmt.Errorf("%q has %q, a Windows device name: %w", p, seg, ErrUnsafe)
		}
		if seg != "." && (strings.HasSuffix(seg, ".") || strings.HasSuffix(seg, " ")) {
			return "", fmt.Errorf("%q has %q, which ends in a dot or a space: %w", p, seg, ErrUnsafe)
		}
	}
	c := path.Clean(p)
	if c == "." || strings.HasPrefix(c, "../") || c == ".." {
		return "", fmt.Errorf("%q: %w", p, ErrUnsafe)
	}
	return c, nil
}

// windowsDevice reports whether a file name opens a device on Windows:
// CON, PRN, AUX, NUL, COM0–9 and LPT0–9 (also with superscript digits),
// in any case, alone or before an extension, with or without trailing
// spaces ("nul.txt", "Aux .html").
func windowsDevice(name string) bool {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[:i]
	}
	name = strings.ToLower(strings.TrimRight(name, " "))
	switch name {
	case "con", "prn", "aux", "nul":
		return true
	}
	if len(name) < 4 || (name[:3] != "com" && name[:3] != "lpt") {
		return false
	}
	switch name[3:] {
	case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "¹", "²", "³":
		return true
	}
	return false
}

// OutFile maps a root-relative URL to the file that serves it: a URL ending
// in "/" is served by its index.html.
func OutFile(url string) (string, error) {
	if !strings.HasPrefix(url, "/") {
		return "", fmt.Errorf("URL %q is not root-relative: %w", url, ErrUnsafe)
	}
	p := strings.TrimPrefix(url, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return Clean(p)
}

// Abs joins a base URL (absolute, ending in "/") and a root-relative URL.
func Abs(base, url string) string {
	return strings.TrimSuffix(base, "/") + url
}

// BasePath is the path part of a base URL ("https://e.org/news/" → "/news/").
func BasePath(base string) string {
	i := strings.Index(base, "://")
	if i < 0 {
		return "/"
	}
	rest := base[i+3:]
	j := strings.Index(rest, "/")
	if j < 0 {
		return "/"
	}
	return rest[j:]
}

// Split separates a link destination into path and suffix (query and
// fragment, with their leading '?' or '#').
func Split(dest string) (p, suffix string) {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		return dest[:i], dest[i:]
	}
	return dest, ""
}

// IsExternal reports whether a link destination has a scheme or is
// protocol-relative ("//host/…"), so it is not ours to check or rewrite.
func IsExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	for i, r := range dest {
		switch {
		case r == ':':
			return i > 0
		case r == '/' || r == '?' || r == '#':
			return false
		case !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')):
			return false
		}
	}
	return false
}
