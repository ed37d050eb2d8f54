// Package status tells translators where each article stands in each
// language: up to date, outdated, missing, orphaned or untracked (SPEC
// "Translations"), and which UI strings the templates use that a language
// lacks.
//
// What it promises:
//   - It reads the sources only: site.yaml, the front matter and body of
//     every article, the layouts and the message files. It renders nothing
//     and writes nothing but the report it is asked for.
//   - Versions of one article are grouped exactly as the site model groups
//     them: the same translationKey, else the same path under content/<lang>/
//     (a bundle's index.md and a plain file of the same name are one path).
//   - A version's source is its translatedFrom language's version when it
//     records one, else the default language's version of its group. Its
//     state is judged against that source alone, so a translation of a
//     translation is checked against the translation it was made from.
//   - Only articles are reported: section pages (_index.md) are not.
//     Drafts are reported like other articles, and marked as drafts.
//   - Reports are deterministic: every list is sorted, and the JSON shape
//     (see WriteJSON) only ever gains fields.
package status
