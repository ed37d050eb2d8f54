// Package imaging makes the smaller copies of a page bundle's pictures that
// an <img srcset> offers, and keeps them in a content-addressed cache so
// that a build resizes each picture once, not on every run.
//
// What it promises:
//   - Resize decodes JPEG, PNG and WebP, and returns one Variant per
//     requested width that is smaller than the picture: it never upscales
//     and keeps the aspect ratio.
//   - The same input bytes and options give the same output bytes (the
//     resampler and the standard library's encoders use no randomness, no
//     clock and no goroutines), so builds stay byte-identical.
//   - Untrusted input cannot crash or exhaust the build: a corrupt file is
//     an error, never a panic, and the declared dimensions are checked
//     against a pixel cap before any pixel memory is allocated.
//   - Cache stores bytes under keys that name their inputs (Key), so a
//     stale entry can never be served: a changed picture has another key.
package imaging
