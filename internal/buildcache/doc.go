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
// Anything the package cannot read or trust (a missing, corrupt or
// foreign cache file, an unreadable source) means "build for real",
// never an error for the user.
package buildcache
