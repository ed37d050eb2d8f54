// Package buildcache lets `attache build` skip a build whose result is
// already published. It promises that a build is skipped only when a real
// build would write exactly what the output folder already holds:
//
//   - the same inputs: Hash keys every byte the build reads (site.yaml,
//     content/, layouts/, static/, i18n/, releases/, the theme), the
//     program and every option that changes the output;
//   - the same time window: an article dated in the future is published
//     by the first build after its date, so an entry is valid only until
//     the earliest such date (NextChange);
//   - the same output folder: Snapshot digests every published file's
//     path, size and times, and a folder someone touched since no longer
//     matches.
//
// Two files beside the cache file spare most of the reading, as git's
// index does, without weakening those promises (each says why):
//
//   - the source index (index.go) keeps the stat and digest of each
//     source file: Hash reads again only the files whose stat changed,
//     or changed too recently to be told apart from a later change
//     (settleMargin);
//   - the output listing (listing.go) keeps the names in each output
//     folder and the folder's stat: Check lists again only the folders
//     whose stat changed. Every file is still stat'ed.
//
// Anything the package cannot read or trust (a missing, corrupt or
// foreign cache file, an unreadable source) means "build for real",
// never an error for the user.
package buildcache
