// Package markdown turns one Markdown body into HTML and the facts a site
// needs about it, with one goldmark configuration per language.
//
// A Converter is built once per language (New) and then parses any number of
// documents, from any number of goroutines. Parse reads a body once into a
// Doc, which keeps what it gathered from the syntax tree and the HTML,
// rendered once:
//
//   - Links lists every link, image and autolink destination with its line
//     and column in the source, so a link checker can report
//     `file:line:col` and a build can map each destination to its output URL.
//   - Headings lists headings with IDs that are unique within the document.
//   - WordCount, Lead and PlainText give the visible text's word count
//     (each Han, Kana or Hangul character is a word), its first KiB for
//     summaries, and all of it for search. Only the first two are kept: the
//     text is read back from the HTML on demand, so that a build holding
//     every document does not hold every text too.
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
