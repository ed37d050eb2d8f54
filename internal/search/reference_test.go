package search

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// This file holds Go references for what search.js does in the browser, so
// the tests can check Build's output and the JS against something simple.

// qterm is a query term as search.js's terms() returns it.
type qterm struct {
	E string `json:"e"`
	F string `json:"f"`
}

// maxQueryTerms mirrors MAX_TERMS in search.js.
const maxQueryTerms = 32

// queryTerms is search.js's terms(): folded terms without duplicates, the
// first spelling kept, at most maxQueryTerms.
func queryTerms(q string) []qterm {
	c := cases.Lower(language.Und)
	var out []qterm
	seen := map[string]bool{}
	scanTerms(q, true, func(raw string) {
		f := Fold(raw)
		if f == "" || seen[f] || len(out) >= maxQueryTerms {
			return
		}
		seen[f] = true
		out = append(out, qterm{E: exactForm(c, raw), F: f})
	})
	return out
}

// score is a document's rank key: title, titleExact, any, anyExact.
type score [4]int

func (s score) less(o score) bool { // s ranks after o
	for i := range s {
		if s[i] != o[i] {
			return s[i] < o[i]
		}
	}
	return false
}

// rankDocs is the brute-force ranking of docs for q, straight from the
// documents' text: URLs best first. It shares only tokenisation and
// normalisation with Build.
func rankDocs(docs []Doc, q string) []string {
	order, err := sortDocs(docs)
	if err != nil {
		panic(err) // test input
	}
	ts := queryTerms(q)
	c := cases.Lower(language.Und)
	termsOf := func(s string) map[string]map[string]bool {
		m := map[string]map[string]bool{}
		scanTerms(s, false, func(raw string) {
			e := exactForm(c, raw)
			f := Fold(e)
			if f == "" {
				return
			}
			if m[f] == nil {
				m[f] = map[string]bool{}
			}
			m[f][e] = true
		})
		return m
	}
	type hit struct {
		id  int
		url string
		s   score
	}
	var hits []hit
	for id, i := range order {
		title := termsOf(docs[i].Title)
		all := termsOf(docs[i].Title + "\n" + docs[i].Text)
		var s score
		for _, t := range ts {
			if title[t.F] != nil {
				s[0]++
			}
			if title[t.F][t.E] {
				s[1]++
			}
			if all[t.F] != nil {
				s[2]++
			}
			if all[t.F][t.E] {
				s[3]++
			}
		}
		if s[2] > 0 {
			hits = append(hits, hit{id, docs[i].URL, s})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[b].s.less(hits[a].s) })
	urls := make([]string, len(hits))
	for i, h := range hits {
		urls[i] = h.url
	}
	return urls
}

// decodePostings is search.js's decode().
func decodePostings(s string) ([]int32, error) {
	var out []int32
	if strings.HasPrefix(s, string(bitmapMark)) {
		for i, c := range s[1:] {
			v := strings.IndexRune(b64, c)
			if v < 0 {
				return nil, fmt.Errorf("bad bitmap character %q", c)
			}
			for b := 0; b < 6; b++ {
				if v>>b&1 == 1 {
					out = append(out, int32(i*6+b))
				}
			}
		}
		return out, nil
	}
	id, v, shift := int64(-1), int64(0), 0
	for _, c := range s {
		d := strings.IndexRune(b64, c)
		if d < 0 || shift > 30 {
			return nil, fmt.Errorf("bad delta character %q", c)
		}
		v += int64(d&31) << shift
		if d&32 != 0 {
			shift += 5
			continue
		}
		id += v + 1
		out = append(out, int32(id))
		v, shift = 0, 0
	}
	if shift != 0 {
		return nil, fmt.Errorf("truncated delta")
	}
	return out, nil
}

// indexQuery runs q against Build's files the way search.js does and
// returns the ranked document ids and the paths it had to fetch for the
// first page (meta, shards, up to page fragments).
func indexQuery(t testing.TB, files map[string][]byte, q string, page int) (ids []int, fetched []string) {
	t.Helper()
	var m meta
	mustUnmarshal(t, files, MetaFile, &m)
	fetched = append(fetched, MetaFile)
	ts := queryTerms(q)
	var sc []score
	if m.Docs > 0 {
		sc = make([]score, m.Docs)
	}
	shards := map[string]map[string]map[string][]string{}
	for i, qt := range ts {
		name := ShardDir + shardName(bucketOf(qt.F, m.Buckets), m.Buckets)
		if shards[name] == nil {
			var s map[string]map[string][]string
			mustUnmarshal(t, files, name, &s)
			shards[name] = s
			fetched = append(fetched, name)
		}
		var seen [4]map[int32]bool
		for k := range seen {
			seen[k] = map[int32]bool{}
		}
		add := func(k int, enc string) {
			ids, err := decodePostings(enc)
			if err != nil {
				t.Fatalf("term %d %q: %v", i, qt.F, err)
			}
			for _, id := range ids {
				if !seen[k][id] {
					seen[k][id] = true
					sc[id][k]++
				}
			}
		}
		for spelling, lists := range shards[name][qt.F] {
			add(2, lists[0])
			if spelling == qt.E {
				add(3, lists[0])
			}
			if len(lists) > 1 {
				add(0, lists[1])
				if spelling == qt.E {
					add(1, lists[1])
				}
			}
		}
	}
	for id := range sc {
		if sc[id][2] > 0 {
			ids = append(ids, id)
		}
	}
	sort.SliceStable(ids, func(a, b int) bool { return sc[ids[b]].less(sc[ids[a]]) })
	for i := 0; i < page && i < len(ids); i++ {
		fetched = append(fetched, fmt.Sprintf("%s%d.json", FragmentDir, ids[i]))
	}
	return ids, fetched
}

func mustUnmarshal(t testing.TB, files map[string][]byte, name string, v any) {
	t.Helper()
	b, ok := files[name]
	if !ok {
		t.Fatalf("no file %s", name)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// urlsOf maps ids from indexQuery to fragment URLs.
func urlsOf(t testing.TB, files map[string][]byte, ids []int) []string {
	t.Helper()
	out := make([]string, len(ids))
	for i, id := range ids {
		var f fragment
		mustUnmarshal(t, files, fmt.Sprintf("%s%d.json", FragmentDir, id), &f)
		out[i] = f.URL
	}
	return out
}
