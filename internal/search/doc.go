// Package search builds the static, sharded full-text index that
// static/js/search.js queries in the browser, one index per language.
//
// What it promises:
//
//   - Accent-insensitive matching. Fold is the single definition of the
//     normalisation (lowercase, NFD, combining marks removed, NFC, a few
//     letters without decompositions such as đ→d, and the Arabic rules), and
//     search.js implements the same steps; a test runs both on the same table.
//     Each index term also keeps its exact (lowercased) spellings, so a query
//     spelt with the right accents ranks those documents above folded matches.
//   - Han and kana runs, which have no spaces, are indexed as character
//     bigrams plus unigrams (a one-character query looks up the unigram).
//     Every other script is split into words on anything that is not a letter,
//     mark or digit.
//   - Small downloads. index/meta.json is a few dozen bytes; terms live in
//     hash-bucketed shards (index/t/<hex>.json) sized so that a query fetches
//     one shard per term; titles, dates and text live in one fragment per
//     document (index/d/<id>.json) that the browser fetches only for the
//     results it shows. Document ids are assigned newest first, so "newer
//     first" ranking needs no dates in the index.
//   - Deterministic output: the same documents give the same bytes.
//
// Ranking, implemented by search.js: documents matching more query terms in
// the title first, then more exact-accent title terms, then more query terms
// anywhere, then more exact-accent terms anywhere, then newer first.
package search
