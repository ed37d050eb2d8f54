// Package serve is the development server behind `attache serve`: it builds
// a site into memory, serves it over HTTP, watches the sources and rebuilds
// on every change, and tells open browser tabs to reload.
//
// What it promises:
//
//   - Nothing is written to disk: every response comes from an immutable
//     snapshot of one build (path → output), swapped atomically when a
//     rebuild succeeds, so a rebuild never blocks or tears a response. Copy
//     outputs (static files, page-bundle images) are streamed from their
//     source file system when asked for.
//   - A failed rebuild keeps the last good snapshot in service. Its
//     diagnostics (file, line, message) are pushed to open tabs over
//     Server-Sent Events and injected into every HTML page served while the
//     error lasts, where a small script shows them as an accessible overlay.
//     The next successful rebuild clears the overlay and reloads the tabs.
//   - HTML responses, and only those, carry the reload script just before
//     </body>; the build's own outputs never contain it.
//   - Request paths are looked up in the snapshot and nowhere else: a path
//     with a ".." segment (plain or percent-encoded) is a 404, never a file
//     outside the site. "/" and directory URLs serve their index.html; a
//     directory URL without its trailing slash is redirected (301) to it;
//     unknown paths get the site's 404.html with status 404.
//   - Resources are bounded: header size, read and write timeouts (lifted
//     for the event stream only), and the number of event-stream clients.
//   - Close stops the watcher, ends the event streams, shuts the HTTP server
//     down and returns once no goroutine of the server is left.
//
// How a build is made is the caller's: a Builder is one function value, so
// that incremental builds can replace full ones without touching the server.
package serve
