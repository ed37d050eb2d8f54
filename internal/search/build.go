package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// Doc is one article of the language being indexed.
type Doc struct {
	// URL is the page's address relative to the language root ("news/x/"),
	// or an absolute http(s) URL. search.js resolves it against the parent of
	// the search page, so results work under any sub-path.
	URL string
	// Title is the plain-text title; its terms rank above body terms.
	Title string
	// Date is the localized date shown with the result, already formatted.
	Date string
	// Text is the plain-text body (no markup): indexed whole, and the first
	// MaxSnippetText bytes are shipped for snippets.
	Text string
	// LoadText, when set, gives Text instead, when the document is
	// indexed: a big language's texts (70 MB at 10,000 articles) are then
	// never all in memory at once. An error fails the Build.
	LoadText func() (string, error)
	// Time orders results, newest first; it is also shown as <time datetime>.
	Time time.Time
}

// File layout, relative to the language's search directory (/<lang>/search/).
const (
	// MetaFile is fetched first: format version, language, document count,
	// shard count and a content hash used to bust caches of the other files.
	MetaFile = "index/meta.json"
	// ShardDir holds the term shards, named by bucket in fixed-width hex.
	ShardDir = "index/t/"
	// FragmentDir holds one file per document, named by document id.
	FragmentDir = "index/d/"
)

// FormatVersion is written to meta.json; search.js refuses other versions.
const FormatVersion = 1

// MaxSnippetText caps the body text stored in a fragment. The whole body is
// indexed; only snippets of matches beyond the cap fall back to the start.
// Ten results of at most this size keep a results page well under 1 MB.
const MaxSnippetText = 32 << 10

// targetShardBytes is the size the bucket count aims at: a query downloads
// one shard per term, so smaller shards waste less, but every halving doubles
// the number of files. maxBuckets keeps the names to four hex digits.
const (
	targetShardBytes = 16 << 10
	maxBuckets       = 1 << 16
)

// meta is the content of MetaFile.
type meta struct {
	Version int    `json:"v"`
	Lang    string `json:"lang"`
	Docs    int    `json:"docs"`
	Buckets int    `json:"buckets"`
	Hash    string `json:"hash"`
}

// fragment is the content of one FragmentDir file; short keys because there
// are ten of these per results page.
type fragment struct {
	URL   string `json:"u"`
	Title string `json:"t"`
	Date  string `json:"d,omitempty"`
	ISO   string `json:"dt,omitempty"`
	Text  string `json:"x"`
}

// Build returns the index files for the documents of one language, keyed by
// path relative to the language's search directory (MetaFile, ShardDir+"3f.json",
// FragmentDir+"0.json", ...). Documents get ids newest first (ties by URL). It
// fails on an empty or duplicate URL, or a URL with a scheme other than http(s).
func Build(lang string, docs []Doc) (map[string][]byte, error) {
	order, err := sortDocs(docs)
	if err != nil {
		return nil, fmt.Errorf("search index %q: %w", lang, err)
	}
	files := make(map[string][]byte, len(docs)+64)

	// Workers index contiguous id ranges; merging their postings in range
	// order keeps every list ascending and the output independent of timing.
	frags := make([][]byte, len(order))
	parts := make([]*indexer, min(runtime.GOMAXPROCS(0), (len(order)+minDocsPerWorker-1)/minDocsPerWorker))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for w := range parts {
		parts[w] = newIndexer()
		lo, hi := w*len(order)/len(parts), (w+1)*len(order)/len(parts)
		wg.Go(func() { errs[w] = indexRange(parts[w], docs, order, lo, hi, frags) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("search index %q: %w", lang, err)
	}
	ix := newIndexer()
	for _, p := range parts {
		ix.merge(p)
	}
	for id, name := range fragmentNames(len(frags)) {
		files[name] = frags[id]
	}
	ix.shards(files)

	m := meta{Version: FormatVersion, Lang: lang, Docs: len(docs), Buckets: ix.buckets, Hash: contentHash(files)}
	b, err := marshal(m)
	if err != nil {
		return nil, fmt.Errorf("search index %q: %w", lang, err)
	}
	files[MetaFile] = b
	return files, nil
}

// fragmentNames returns the file names of fragments 0..n-1, cut from one
// string: one allocation rather than one per document.
func fragmentNames(n int) []string {
	var all []byte
	ends := make([]int, n)
	for id := range ends {
		all = append(strconv.AppendInt(append(all, FragmentDir...), int64(id), 10), ".json"...)
		ends[id] = len(all)
	}
	s := string(all)
	names := make([]string, n)
	start := 0
	for id, end := range ends {
		names[id], start = s[start:end], end
	}
	return names
}

// minDocsPerWorker keeps small sites on one goroutine.
const minDocsPerWorker = 256

// indexRange adds documents order[lo:hi] (ids lo..hi-1) to ix and encodes
// their fragments into frags[lo:hi]. It stops at the first text that fails
// to load.
func indexRange(ix *indexer, docs []Doc, order []int, lo, hi int, frags [][]byte) error {
	for id := lo; id < hi; id++ {
		d := &docs[order[id]]
		if d.LoadText != nil {
			text, err := d.LoadText()
			if err != nil {
				return err
			}
			// A copy, so that docs keeps no text: the next one may load
			// while this one is collected.
			dd := *d
			dd.Text, dd.LoadText = text, nil
			d = &dd
		}
		titleValid := ix.add(int32(id), d.Title, true)
		textValid := ix.add(int32(id), d.Text, false)
		// Room for the fields, their keys (under 50 bytes) and their
		// escaping, one byte in 64 (a text's line breaks and quotes: under
		// 1 % of the reference corpus's texts; more is paid for by growing
		// the slice, which copies it): one allocation.
		text := min(len(d.Text), MaxSnippetText)
		size := len(d.URL) + len(d.Title) + len(d.Date) + text + text/64 + 96
		frags[id] = appendFragment(make([]byte, 0, size), d, titleValid, textValid)
	}
	return nil
}

// sortDocs validates the URLs and returns the indexes of docs in id order:
// newest first, then by URL, which is unique, so the order is total.
func sortDocs(docs []Doc) ([]int, error) {
	seen := make(map[string]bool, len(docs))
	for i := range docs {
		u := docs[i].URL
		if u == "" {
			return nil, fmt.Errorf("document %d (%q): empty URL", i, docs[i].Title)
		}
		if seen[u] {
			return nil, fmt.Errorf("%s: two documents with this URL", u)
		}
		seen[u] = true
		p, err := url.Parse(u)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", u, err)
		}
		if p.Scheme != "" && p.Scheme != "http" && p.Scheme != "https" {
			return nil, fmt.Errorf("%s: URL scheme %q not allowed in search results", u, p.Scheme)
		}
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool {
		da, db := &docs[order[a]], &docs[order[b]]
		if !da.Time.Equal(db.Time) {
			return da.Time.After(db.Time)
		}
		return da.URL < db.URL
	})
	return order, nil
}

// bucketOf is the shard of a folded term: FNV-1a (32 bit) of its UTF-8 bytes
// modulo the bucket count. search.js: bucket.
func bucketOf(fold string, buckets int) int {
	// hash/fnv's New32a, inline: it would allocate for each term.
	const offset32, prime32 = 2166136261, 16777619
	h := uint32(offset32)
	for i := 0; i < len(fold); i++ {
		h = (h ^ uint32(fold[i])) * prime32
	}
	return int(h % uint32(buckets))
}

// shardName is the file name of a bucket: lowercase hex, zero-padded to the
// width of the largest bucket number. search.js: shardName.
func shardName(bucket, buckets int) string {
	width := len(fmt.Sprintf("%x", buckets-1))
	return fmt.Sprintf("%0*x.json", width, bucket)
}

// contentHash identifies the build's shards and fragments; search.js appends
// it to their URLs so a browser never mixes a new meta.json with old shards.
func contentHash(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	var head []byte
	for _, n := range names {
		// "name\x00len\x00"
		head = append(append(head[:0], n...), 0)
		head = append(strconv.AppendInt(head, int64(len(files[n])), 10), 0)
		h.Write(head)
		h.Write(files[n])
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// marshal encodes v as compact JSON without HTML escaping (the browser never
// parses it as HTML; search.js inserts text with DOM APIs only).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// truncate cuts s to at most n bytes on a rune boundary. The result shares
// s's memory: it is only ever copied into a fragment.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
