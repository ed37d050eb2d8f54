// Package archive publishes a site's kept releases beside its current
// pages: each release's frozen site tree under /v/<version>/, and
// /versions.json describing what is published, which the default theme's
// version switcher reads. It also marks a bundle's pages as a copy of the
// main site (MarkMirror).
//
// # Promises
//
//   - An archived file is the release's file, byte for byte, except in HTML
//     pages, which get exactly two changes: an accessible notice, localized
//     in the page's language (its <html lang>), inserted right after the
//     <body> start tag, saying that the page is archived and linking to the
//     current page; and a <link rel="canonical"> to the current page's
//     absolute URL, replacing the release's own. The current page is the
//     page at the same path in the current build when there is one, else
//     the current home of the page's language, else the site's root.
//   - Links stay relative: the notice links to the current page with a
//     relative URL, so an archive works under any base path, as the
//     release's own relative links do.
//   - HTML is read with golang.org/x/net/html's tokenizer, so markup inside
//     comments, scripts or attribute values is never mistaken for a tag.
//   - Output is deterministic: the same releases and current build give the
//     same bytes, and versions.json lists versions newest first.
package archive
