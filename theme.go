// Package attache is the root of the attache module. It holds only the
// default theme, embedded in the binary: the layouts, the theme's style
// sheet and scripts, and the UI strings. The same folders at the
// repository's root are the bundled sample publication, so the sample is
// always built with exactly the theme that ships.
package attache

import (
	"embed"
	"io/fs"
)

// The "all:" prefix keeps layouts/_default, which embed would otherwise
// skip for its leading underscore. Only static/css and static/js are the
// theme's; the sample's images stay out of the binary.
//
//go:embed all:layouts static/css static/js i18n
var theme embed.FS

// Theme returns the default theme as a file system rooted like a site:
// layouts/…, static/…, i18n/….
func Theme() fs.FS { return theme }
