package search

import (
	"bytes"
	"encoding/json"
	"sort"
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
	caser cases.Caser
	// byRaw caches the variant of each raw token as it appears in the text
	// ("Hội", "HỘI"), nil for tokens that fold to nothing, so the hot loop is
	// one map lookup without normalisation.
	byRaw   map[string]*variant
	byExact map[string]*variant
	buckets int
}

func newIndexer() *indexer {
	return &indexer{
		caser:   cases.Lower(language.Und),
		byRaw:   make(map[string]*variant),
		byExact: make(map[string]*variant),
	}
}

// add records the terms of s (a title when title is set) for document id.
func (ix *indexer) add(id int32, s string, title bool) {
	scanTerms(s, false, func(raw string) {
		v, ok := ix.byRaw[raw]
		if !ok {
			v = ix.variantOf(raw)
			ix.byRaw[strings.Clone(raw)] = v
		}
		if v == nil {
			return
		}
		if v.lastDoc != id {
			v.docs = append(v.docs, id)
			v.lastDoc = id
		}
		if title && v.lastTitle != id {
			v.title = append(v.title, id)
			v.lastTitle = id
		}
	})
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
	v := &variant{fold: fold, exact: exact, lastDoc: -1, lastTitle: -1}
	ix.byExact[exact] = v
	return v
}

// merge appends the postings of o, which must cover only ids above those
// already in ix, to ix.
func (ix *indexer) merge(o *indexer) {
	for exact, v := range o.byExact {
		m, ok := ix.byExact[exact]
		if !ok {
			ix.byExact[exact] = v
			continue
		}
		m.docs = append(m.docs, v.docs...)
		m.title = append(m.title, v.title...)
	}
}

// shards encodes the postings, picks the bucket count and returns the shard
// files by name. A shard is a JSON object from folded term to an object from
// exact spelling to [docs] or [docs, title] (encodePostings strings). Every
// bucket gets a file, "{}" if empty, so search.js can treat a missing shard
// as an error rather than as "no results".
func (ix *indexer) shards() map[string][]byte {
	byFold := make(map[string]map[string][]string)
	for _, v := range ix.byExact {
		lists := []string{encodePostings(v.docs)}
		if len(v.title) > 0 {
			lists = append(lists, encodePostings(v.title))
		}
		if byFold[v.fold] == nil {
			byFold[v.fold] = make(map[string][]string)
		}
		byFold[v.fold][v.exact] = lists
	}

	folds := make([]string, 0, len(byFold))
	for f := range byFold {
		folds = append(folds, f)
	}
	sort.Strings(folds)
	// entries[i] is `"fold":{...}` ready to be joined into a shard.
	entries := make([][]byte, len(folds))
	total := 0
	for i, f := range folds {
		k, _ := json.Marshal(f)           // a string: cannot fail
		val, _ := json.Marshal(byFold[f]) // map of string slices: cannot fail
		entries[i] = append(append(k, ':'), val...)
		total += len(entries[i]) + 1
	}

	ix.buckets = 1
	for ix.buckets*targetShardBytes < total && ix.buckets < maxBuckets {
		ix.buckets *= 2
	}
	parts := make([][][]byte, ix.buckets)
	for i, f := range folds { // sorted, so each shard's keys are sorted too
		b := bucketOf(f, ix.buckets)
		parts[b] = append(parts[b], entries[i])
	}
	out := make(map[string][]byte, ix.buckets)
	for b, p := range parts {
		var buf bytes.Buffer
		buf.WriteByte('{')
		buf.Write(bytes.Join(p, []byte{','}))
		buf.WriteByte('}')
		out[shardName(b, ix.buckets)] = buf.Bytes()
	}
	return out
}
