// Package e2e holds end-to-end tests of the default theme: it builds the
// bundled sample publication, serves it on the loopback interface, and
// drives a headless Chromium (through internal/browsertest) over it as a
// reader would: searching with and without accents, switching languages,
// keeping the text-size and contrast controls across pages, reading
// right-to-left, hitting a missing page, browsing with JavaScript off,
// printing, and an axe-core accessibility audit (WCAG 2.1 A and AA) of
// every kind of page in every language, in normal and high contrast.
//
// It also checks, without a browser, that an article page and the CSS and
// JavaScript it loads stay under the page-weight budget.
//
// axe-core is not vendored: the tests read axe.min.js from $ATTACHE_AXE,
// or from .cache/npm/node_modules/axe-core/axe.min.js at the repository's
// root (what `npm install --prefix .cache/npm axe-core@4.14.1` makes). They
// skip without it, or without Chromium, unless CI=true, where either is a
// failure.
package e2e
