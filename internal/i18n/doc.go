// Package i18n localizes what a page says around its content: UI strings
// from go-i18n v2 message files, and dates and numbers from CLDR data.
//
// What it promises:
//
//   - Message files are i18n/<lang>.yaml|.yml|.toml|.json (or
//     i18n/<name>.<lang>.<ext>) in any format go-i18n v2 reads, including
//     Hugo's flat style (`id: "text"`, `id: {one: "…", other: "…"}`).
//     Placeholders are text/template fields ({{ .Count }}, {{ .Date }}).
//   - Load merges the theme's files with the site's: for each language a site
//     message replaces the theme's message of the same ID. Every bad file or
//     message is reported as a diagnostic with the file and, where known, the
//     line; it never stops the other files or messages from loading.
//   - A Translator looks a message up in its language, then in that
//     language's CLDR parents and base language (pt-BR → pt, zh-TW → zh-Hant →
//     zh), then in the site's default language (recorded in Missing), then
//     gives the ID itself (recorded too). It never panics on template data:
//     a message that cannot be rendered gives its ID and is recorded in
//     Problems.
//   - Plural forms follow go-i18n's CLDR plural rules (the newest CLDR data in
//     the build, e.g. French "many" for 1000000).
//   - Dates and numbers come from github.com/go-playground/locales (CLDR),
//     never from hand-written month or weekday tables; the locale falls back
//     like messages, then to the default language's locale, then to en.
//   - A Bundle and its Translators are safe for concurrent use, and hold no
//     global state: two bundles never see each other.
package i18n
