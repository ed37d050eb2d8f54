// Package release freezes a built site into an immutable, signed release and
// checks copies of it: the library behind `attache keygen`, `release`,
// `bundle`, `verify` and `diff` (SPEC.md, "Releases").
//
// # Layout of a copy
//
// A release directory (releases/VERSION/) and a bundle archive share one
// layout, so one verifier serves both:
//
//	manifest.json          the signed list of site files (see Manifest)
//	manifest.json.minisig  minisign signature of manifest.json
//	SHA256SUMS             `sha256sum -c SHA256SUMS` run in this directory checks site/ (and source.tar.gz)
//	source.tar.gz          releases only: the sources the site was built from
//	site/...               the site tree, exactly as hosted
//
// Paths in manifest.json are relative to site/, so the output of Diff is
// the list of paths a mirror uploads. Paths in a verification Report are
// relative to the copy's root (site/en/index.html), so a person finds them.
// The sources archive is covered by the signature through the manifest's
// optional "source" entry; it is what `attache build` needs to re-render an
// archived release later.
//
// # Promises
//
//   - Output is deterministic: the same inputs give byte-identical manifests,
//     signatures (Ed25519 is deterministic and the trusted comment carries no
//     timestamp) and archives (sorted entries, fixed times, modes 0644/0755).
//   - Signatures are minisign's format (prehashed Ed25519), made with
//     aead.dev/minisign, so `minisign -Vm manifest.json -p publisher.pub`
//     verifies a release without attache. The trusted comment names the
//     version ("attache manifest version:2024.1"), and verification refuses a
//     manifest whose version disagrees with it.
//   - Only a manifest in canonical form parses: what is signed is exactly what
//     attache wrote, so two parsers cannot read one signed file differently.
//   - Reading a copy never follows a symlink and never writes anywhere:
//     archives are verified streaming, without extraction. Entries with "..",
//     absolute or backslashed names, links, devices or duplicates are refused.
//   - A release, once frozen, is never overwritten; a failed Freeze leaves
//     nothing behind.
package release
