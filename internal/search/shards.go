package search

import (
	"slices"
	"strings"
)

// shards encodes the postings, picks the bucket count and adds the shard
// files to files. A shard is a JSON object from folded term to an object
// from exact spelling to [docs] or [docs, title] (encodePostings strings),
// keys sorted as encoding/json sorts map keys. Every bucket gets a file,
// "{}" if empty, so search.js can treat a missing shard as an error rather
// than as "no results".
func (ix *indexer) shards(files map[string][]byte) {
	vs := make([]*variant, 0, len(ix.byExact))
	for _, v := range ix.byExact {
		vs = append(vs, v)
	}
	slices.SortFunc(vs, func(a, b *variant) int {
		if c := strings.Compare(a.fold, b.fold); c != 0 {
			return c
		}
		return strings.Compare(a.exact, b.exact)
	})

	// All entries (`"fold":{...}`, sorted by fold) are written into one
	// buffer first: the bucket count depends on their total size.
	var buf []byte
	var entries []shardEntry
	for i := 0; i < len(vs); {
		fold, start := vs[i].fold, len(buf)
		buf = appendJSONString(buf, fold, true)
		buf = append(buf, ':', '{')
		for j := i; i < len(vs) && vs[i].fold == fold; i++ {
			if i > j {
				buf = append(buf, ',')
			}
			buf = appendVariant(buf, vs[i])
		}
		buf = append(buf, '}')
		entries = append(entries, shardEntry{fold: fold, start: start, end: len(buf)})
	}
	total := len(buf) + len(entries) // each entry and its comma

	ix.buckets = 1
	for ix.buckets*targetShardBytes < total && ix.buckets < maxBuckets {
		ix.buckets *= 2
	}
	sizes := make([]int, ix.buckets)
	for i := range entries {
		e := &entries[i]
		e.bucket = bucketOf(e.fold, ix.buckets)
		sizes[e.bucket] += e.end - e.start + 1
	}
	shards := make([][]byte, ix.buckets)
	for b := range shards {
		shards[b] = append(make([]byte, 0, max(2, sizes[b]+1)), '{')
	}
	for _, e := range entries { // sorted, so each shard's keys are sorted too
		s := shards[e.bucket]
		if len(s) > 1 {
			s = append(s, ',')
		}
		shards[e.bucket] = append(s, buf[e.start:e.end]...)
	}
	for b, s := range shards {
		files[ShardDir+shardName(b, ix.buckets)] = append(s, '}')
	}
}

// shardEntry is one folded term's entry in the buffer shards writes.
type shardEntry struct {
	fold       string
	start, end int
	bucket     int
}

// appendVariant appends `"exact":["docs"]` or `"exact":["docs","title"]`.
// Posting strings are base64url and '~', which JSON never escapes.
func appendVariant(dst []byte, v *variant) []byte {
	dst = appendJSONString(dst, v.exact, true)
	dst = append(dst, ':', '[', '"')
	dst = appendPostings(dst, v.docs)
	dst = append(dst, '"')
	if len(v.title) > 0 {
		dst = append(dst, ',', '"')
		dst = appendPostings(dst, v.title)
		dst = append(dst, '"')
	}
	return append(dst, ']')
}
