package search

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// variant is one exact spelling of a folded term and where it occurs.
// Documents are added in id order, so the lists come out ascending and
// last* make each document count once.
type variant struct {
	fold, exact        string
	docs, title        []int32 // title ⊆ docs: docs counts title occurrences too
	lastDoc, lastTitle int32
}

// indexer collects the postings of one language.
type indexer struct {
	caser   cases.Caser
	classes *[0x10000]runeClass // bmpClasses, for the tokenizer
	// byRaw caches the variant of each raw token as it appears in the text
	// ("Hội", "HỘI"), nil for tokens that fold to nothing, so the hot loop is
	// one map lookup without normalisation. byRune does the same for the
	// characters and pairs of CJK text, keyed by their bytes (see
	// addPlainCJK): integer keys hash in half the time of strings, and
	// Chinese text makes two lookups per character.
	byRaw    map[string]*variant
	byRune   map[uint64]*variant
	byExact  map[string]*variant
	ids      idSlab
	variants variantSlab
	buckets  int
}

func newIndexer() *indexer {
	return &indexer{
		caser:   cases.Lower(language.Und),
		classes: bmpClasses(),
		byRaw:   make(map[string]*variant),
		byRune:  make(map[uint64]*variant),
		byExact: make(map[string]*variant),
	}
}

// add records the terms of s (a title when title is set) for document id,
// the terms scanTerms gives, and reports whether s is valid UTF-8, which
// the tokenizer finds out on the way (fragments then skip the check).
func (ix *indexer) add(id int32, s string, title bool) (valid bool) {
	t := tokenizer{s: s, classes: ix.classes}
	for {
		tok, cjk, ok := t.next()
		switch {
		case !ok:
			return !t.invalid
		case cjk && t.plainCJK:
			ix.addPlainCJK(id, tok, title)
		case cjk:
			cjkTerms(tok, false, ix.classes, func(raw string) { ix.post(ix.lookup(raw), id, title) })
		case indexedWord(tok):
			ix.post(ix.lookup(tok), id, title)
		}
	}
}

// addPlainCJK records the terms of a CJK run of three-byte runes without
// marks (see tokenizer.plainCJK), as cjkTerms would: each rune and each
// pair. This is nearly all Chinese and Japanese text, so its terms are
// looked up in byRune by their bytes, which needs no decoding; the key of a
// rune is under 1<<24 and that of a pair above it.
func (ix *indexer) addPlainCJK(id int32, run string, title bool) {
	var prev uint64
	for i := 0; i+2 < len(run); i += 3 {
		key := uint64(run[i])<<16 | uint64(run[i+1])<<8 | uint64(run[i+2])
		ix.post(ix.lookupKey(key, run[i:i+3]), id, title)
		if i > 0 {
			ix.post(ix.lookupKey(prev<<24|key, run[i-3:i+3]), id, title)
		}
		prev = key
	}
}

// lookupKey is lookup for CJK terms by their byRune key.
func (ix *indexer) lookupKey(key uint64, raw string) *variant {
	v, ok := ix.byRune[key]
	if !ok {
		v = ix.variantOf(strings.Clone(raw))
		ix.byRune[key] = v
	}
	return v
}

// lookup returns the variant of a raw term, nil if it folds to nothing.
func (ix *indexer) lookup(raw string) *variant {
	v, ok := ix.byRaw[raw]
	if !ok {
		// A copy, which the variant's spelling shares when it is already
		// lowercase ASCII: raw points into the document.
		raw = strings.Clone(raw)
		v = ix.variantOf(raw)
		ix.byRaw[raw] = v
	}
	return v
}

// post records that v occurs in document id (in its title if title is
// set). Documents arrive in id order, so each is appended at most once.
func (ix *indexer) post(v *variant, id int32, title bool) {
	if v == nil {
		return
	}
	if v.lastDoc != id {
		v.docs = ix.ids.appendID(v.docs, id)
		v.lastDoc = id
	}
	if title && v.lastTitle != id {
		v.title = ix.ids.appendID(v.title, id)
		v.lastTitle = id
	}
}

// variantOf normalises a raw token the first time it is seen.
func (ix *indexer) variantOf(raw string) *variant {
	exact := exactForm(ix.caser, raw)
	if v, ok := ix.byExact[exact]; ok {
		return v
	}
	fold := foldLower(exact)
	if fold == "" {
		return nil
	}
	v := ix.variants.new()
	*v = variant{fold: fold, exact: exact, lastDoc: -1, lastTitle: -1}
	ix.byExact[exact] = v
	return v
}

// merge appends the postings of o, which must cover only ids above those
// already in ix, to ix. o must not be used afterwards: its variants become
// ix's (the first part's map is taken whole).
func (ix *indexer) merge(o *indexer) {
	if len(ix.byExact) == 0 {
		ix.byExact = o.byExact
		return
	}
	for exact, v := range o.byExact {
		m, ok := ix.byExact[exact]
		if !ok {
			ix.byExact[exact] = v
			continue
		}
		m.docs = ix.ids.appendIDs(m.docs, v.docs)
		m.title = ix.ids.appendIDs(m.title, v.title)
	}
}
