// Package markdown turns one Markdown body into HTML and the facts a site
// needs about it, with one goldmark configuration per language.
//
// A Converter is built once per language (New) and then parses any number of
// documents, from any number of goroutines. Parse reads a body once into a
// Doc, which keeps the source and its syntax tree; everything else is read
// from that tree without parsing again:
//
//   - Links lists every link, image and autolink destination with its line
//     and column in the source, so a link checker can report
//     `file:line:col` and a build can map each destination to its output URL.
//   - Headings lists headings with IDs that are unique within the document.
//   - PlainText and WordCount give the visible text for summaries, search and
//     reading time; WordCount counts each Han, Kana or Hangul character as a
//     word.
//   - Render writes HTML, passing every link and image destination through a
//     caller's rewrite function. A Doc can be rendered any number of times,
//     concurrently, and identical inputs give identical bytes.
//
// The promises about safety hold for every Converter built without
// Options.TrustAuthors: raw HTML is omitted (or, with Options.Unsafe, passed
// through an allow-list sanitizer that keeps formatting and drops script,
// style, iframes, forms, event handlers and dangerous URLs), and a
// destination whose scheme is javascript:, vbscript:, file: or data:
// (data:image/ is allowed on images only) is never written, whatever its
// case, escapes or entities, and whether it comes from an inline link, a
// reference definition, an autolink or the rewrite function.
package markdown
