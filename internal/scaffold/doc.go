// Package scaffold writes the stubs of `attache new`: a new article for an
// author to fill in, and a translation of an existing article for a
// translator to translate (SPEC "Translations").
//
// What it promises:
//   - It never overwrites: a file that exists is refused (ErrExists), and a
//     translation is refused when the language already has a version of
//     the article, under the same path or the same translationKey.
//   - It writes only below the site's content/ folder, whatever a path or
//     slug given to it says.
//   - Front matter is written with yaml.v3's node API, so every value is
//     quoted exactly when YAML needs it, and reads back to what was meant.
//   - Stubs are drafts (draft: true): nothing half-written is published
//     until someone removes that line.
package scaffold
