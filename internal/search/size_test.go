package search

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sizeQueries are two-term queries: frequent Vietnamese syllables, folded
// and exact, which are the expensive case (dense posting lists).
var sizeQueries = []string{"hoi nghi", "đối ngoại", "thông tin", "hợp tác"}

// indexSizes measures an index: total bytes per kind, and the bytes a
// browser downloads for q (meta, shards, the first 10 fragments).
type indexSizes struct {
	total, meta, shards, fragments, files int
}

func measure(files map[string][]byte) indexSizes {
	var s indexSizes
	for name, b := range files {
		s.total += len(b)
		s.files++
		switch {
		case name == MetaFile:
			s.meta += len(b)
		case strings.HasPrefix(name, ShardDir):
			s.shards += len(b)
		default:
			s.fragments += len(b)
		}
	}
	return s
}

func queryBytes(t testing.TB, files map[string][]byte, q string) (raw, gz int, results int) {
	ids, fetched := indexQuery(t, files, q, 10)
	for _, name := range fetched {
		raw += len(files[name])
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(files[name])
		w.Close()
		gz += buf.Len()
	}
	return raw, gz, len(ids)
}

// TestQuerySize10k is the acceptance check from the issue: for 10,000
// articles, a typical query downloads under 1 MB. ATTACHE_SEARCH_CORPUS
// (see corpus10k) and ATTACHE_SEARCH_QUERIES ("q1|q2") measure other
// corpora; ATTACHE_SEARCH_DUMP writes the index to a directory.
func TestQuerySize10k(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("builds a 10,000-article index (skipped with -short and -race)")
	}
	name, docs := corpus10k(t)
	files := mustBuild(t, "vi", docs)
	if out := os.Getenv("ATTACHE_SEARCH_DUMP"); out != "" { // for poking at with node
		for name, b := range files {
			p := filepath.Join(out, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	s := measure(files)
	var m meta
	mustUnmarshal(t, files, MetaFile, &m)
	t.Logf("%s: %d docs, %d files, %d bytes (meta %d, %d shards %d, fragments %d)",
		name, len(docs), s.files, s.total, s.meta, m.Buckets, s.shards, s.fragments)
	queries := sizeQueries
	if qs := os.Getenv("ATTACHE_SEARCH_QUERIES"); qs != "" { // e.g. for another language
		queries = strings.Split(qs, "|")
	}
	for _, q := range queries {
		raw, gz, n := queryBytes(t, files, q)
		t.Logf("query %q: %d results, %d bytes downloaded (%d gzipped)", q, n, raw, gz)
		if raw >= 1<<20 {
			t.Errorf("query %q downloads %d bytes, want under 1 MiB", q, raw)
		}
	}
}

func BenchmarkBuild10k(b *testing.B) {
	_, docs := corpus10k(b)
	b.ReportAllocs()
	b.ResetTimer()
	var files map[string][]byte
	for b.Loop() {
		var err error
		if files, err = Build("vi", docs); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	s := measure(files)
	raw, _, _ := queryBytes(b, files, sizeQueries[0])
	b.ReportMetric(float64(s.total), "index-bytes")
	b.ReportMetric(float64(s.shards), "shard-bytes")
	b.ReportMetric(float64(raw), "query-bytes")
}
