// Package frontmatter splits a Markdown source file into its YAML front
// matter and its body, and decodes the front matter into typed metadata.
//
// What it promises:
//   - Every problem is reported as a diagnostic with the line (and column
//     where known) in the whole file, not in the front matter block: the
//     first key of a file is on line 2.
//   - Decoding goes through yaml.Node, so each key keeps its position:
//     Meta.Lines says where every known key was set, Meta.Set which ones were
//     (a translation inherits from its source what it does not set).
//   - Parse never panics and never expands YAML aliases: anchors and aliases
//     are rejected, so a "billion laughs" front matter costs nothing.
//   - Unknown keys are warnings, with a suggestion when a known key is close
//     (`titel` → did you mean `title`?); their values are kept in Params, as
//     Hugo does, so a moved Hugo site's templates still find them.
//   - Presence of `title` or `date` is not checked here: sections and
//     articles differ, and the caller knows which it has.
package frontmatter
