package frontmatter

import "time"

// The known front matter keys, as SPEC "Front matter" names them. Keys in a
// file match them without regard to case (Hugo's rule), and Meta.Set and
// Meta.Lines use these spellings.
const (
	KeyTitle          = "title"
	KeyDate           = "date"
	KeyLastmod        = "lastmod"
	KeyAuthor         = "author"
	KeySource         = "source"
	KeySummary        = "summary"
	KeyTags           = "tags"
	KeyCategories     = "categories"
	KeyImage          = "image"
	KeySlug           = "slug"
	KeyAliases        = "aliases"
	KeyDraft          = "draft"
	KeyWeight         = "weight"
	KeyTranslationKey = "translationKey"
	KeyTranslatedFrom = "translatedFrom"
	KeyParams         = "params"
)

// Known returns the known front matter keys, in the order SPEC lists them.
// It is a fresh slice each time: callers may keep or change it.
func Known() []string {
	return []string{
		KeyTitle, KeyDate, KeyLastmod, KeyAuthor, KeySource, KeySummary, KeyTags, KeyCategories,
		KeyImage, KeySlug, KeyAliases, KeyDraft, KeyWeight, KeyTranslationKey, KeyTranslatedFrom, KeyParams,
	}
}

// Image is a page's lead image: `image: path` or `image: {src, alt, caption}`.
type Image struct {
	Src, Alt, Caption string
}

// TranslatedFrom records the source a translation was made from, and the
// Hash of that source's title and body at the time, so `attache status` can
// tell an outdated translation.
type TranslatedFrom struct {
	Lang string // BCP 47 code of the source language
	Hash string // 12 lower-case hex characters, see Hash
}

// Meta is the decoded front matter of one file. A key the file does not set
// (or sets to null) leaves its field at the zero value and is absent from
// Set and Lines.
type Meta struct {
	Title                   string
	Date, Lastmod           time.Time // zero when unset
	Author, Source, Summary string
	Tags, Categories        []string
	Image                   *Image
	Slug                    string
	Aliases                 []string
	Draft                   bool
	Weight                  int
	TranslationKey          string
	TranslatedFrom          *TranslatedFrom
	// Params holds `params` decoded to plain Go values — map[string]any,
	// []any, string, int, float64, bool, time.Time, nil — and, under their
	// own names, the values of unknown top-level keys (Hugo keeps those in
	// .Params too). An explicit `params` entry wins over an unknown key.
	Params map[string]any
	// Set holds the known keys the file sets to a non-null value, spelled
	// as the Key constants, even when the value was reported as wrong.
	// Nil when the file has no front matter (reading a nil map is fine).
	Set map[string]bool
	// Lines gives, for each key in Set, its 1-based line in the whole file.
	Lines map[string]int
}
