// Package hostile holds no code, only tests: sites built to break attache
// (path traversal in slugs and aliases, symbolic links out of the site,
// huge and binary files, pathological nesting, script injection), builds
// killed mid-way, and a development server under load. Each test states
// what attache promises for that input: the build finishes or reports an
// error within a bounded time, never panics, never writes outside its
// output directory and never lets an author's Markdown run script in a
// reader's browser unless the site trusts its authors.
package hostile
