package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

func mustBuild(t testing.TB, lang string, docs []Doc) map[string][]byte {
	t.Helper()
	files, err := Build(lang, docs)
	if err != nil {
		t.Fatalf("Build(%s): %v", lang, err)
	}
	return files
}

func TestBuildDeterministic(t *testing.T) {
	for lang, docs := range fixtureDocs() {
		a := mustBuild(t, lang, docs)
		rev := slices.Clone(docs)
		slices.Reverse(rev)
		b := mustBuild(t, lang, rev)
		if !reflect.DeepEqual(a, b) {
			for name := range a {
				if !bytes.Equal(a[name], b[name]) {
					t.Errorf("%s: %s differs between builds", lang, name)
				}
			}
			t.Fatalf("%s: builds differ", lang)
		}
	}
	// A change anywhere changes the hash in meta.json.
	docs := fixtureDocs()["vi"]
	a := mustBuild(t, "vi", docs)
	docs[len(docs)-1].Text += " thêm"
	b := mustBuild(t, "vi", docs)
	if bytes.Equal(a[MetaFile], b[MetaFile]) {
		t.Errorf("meta.json did not change when a document did: %s", a[MetaFile])
	}
}

// TestBuildWorkers: splitting the work across goroutines changes nothing.
func TestBuildWorkers(t *testing.T) {
	docs := synthCorpus(3*minDocsPerWorker+7, 60)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := mustBuild(t, "vi", docs)
	runtime.GOMAXPROCS(4)
	four := mustBuild(t, "vi", docs)
	if !reflect.DeepEqual(one, four) {
		t.Fatal("1 and 4 workers built different indexes")
	}
}

func TestBuildErrors(t *testing.T) {
	ok := Doc{URL: "news/a/", Title: "A"}
	for _, tc := range []struct {
		name string
		docs []Doc
		want string
	}{
		{"empty URL", []Doc{{Title: "x"}}, "empty URL"},
		{"duplicate", []Doc{ok, ok}, "two documents"},
		{"javascript", []Doc{{URL: "javascript:alert(1)"}}, "not allowed"},
		{"bad escape", []Doc{{URL: "news/%zz/"}}, "invalid URL escape"},
	} {
		_, err := Build("vi", tc.docs)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
	if _, err := Build("vi", []Doc{ok, {URL: "https://example.org/x"}}); err != nil {
		t.Errorf("absolute https URL rejected: %v", err)
	}
}

func TestBuildLayout(t *testing.T) {
	docs := fixtureDocs()["vi"]
	docs[0].Text = strings.Repeat("dài ", MaxSnippetText) // over the cap, 4 bytes a time
	files := mustBuild(t, "vi", docs)

	var m meta
	mustUnmarshal(t, files, MetaFile, &m)
	if m.Version != FormatVersion || m.Lang != "vi" || m.Docs != len(docs) || m.Buckets < 1 || len(m.Hash) != 12 {
		t.Errorf("meta = %+v", m)
	}
	want := 1 + m.Buckets + len(docs)
	if len(files) != want {
		t.Errorf("%d files, want %d (meta + %d shards + %d fragments)", len(files), want, m.Buckets, len(docs))
	}
	for b := 0; b < m.Buckets; b++ {
		if _, ok := files[ShardDir+shardName(b, m.Buckets)]; !ok {
			t.Errorf("missing shard %d", b)
		}
	}
	// Ids are newest first; fragments carry what the result list shows.
	var prev time.Time
	for id := range docs {
		var f fragment
		mustUnmarshal(t, files, fmt.Sprintf("%s%d.json", FragmentDir, id), &f)
		d, err := time.Parse("2006-01-02", f.ISO)
		if err != nil {
			t.Fatalf("fragment %d: dt %q: %v", id, f.ISO, err)
		}
		if id > 0 && d.After(prev) {
			t.Errorf("fragment %d (%s) is newer than fragment %d", id, f.ISO, id-1)
		}
		prev = d
		if f.URL == "" || f.Title == "" || f.Date == "" {
			t.Errorf("fragment %d incomplete: %+v", id, f)
		}
		if len(f.Text) > MaxSnippetText {
			t.Errorf("fragment %d: %d bytes of text, cap is %d", id, len(f.Text), MaxSnippetText)
		}
	}
	// HTML in titles is stored as text, unescaped (the JS never parses it).
	found := false
	for id := range docs {
		found = found || bytes.Contains(files[fmt.Sprintf("%s%d.json", FragmentDir, id)], []byte(`"t":"<script>alert(1)</script> Hội thảo & <b>`))
	}
	if !found {
		t.Errorf("no fragment holds the HTML-like title verbatim")
	}

	empty := mustBuild(t, "vi", nil)
	if string(empty[ShardDir+"0.json"]) != "{}" || len(empty) != 2 {
		t.Errorf("empty index: %q", empty)
	}
}

// TestBuildPostings decodes every shard and compares it with the terms of
// the documents themselves.
func TestBuildPostings(t *testing.T) {
	c := cases.Lower(language.Und)
	corpora := fixtureDocs()
	corpora["synthetic"] = synthCorpus(2*minDocsPerWorker+5, 40) // several workers
	for lang, docs := range corpora {
		files := mustBuild(t, lang, docs)
		var m meta
		mustUnmarshal(t, files, MetaFile, &m)
		order, _ := sortDocs(docs)

		type lists struct{ Docs, Title []int32 }
		want := map[string]map[string]*lists{}
		for id, i := range order {
			for _, part := range []struct {
				s     string
				title bool
			}{{docs[i].Title, true}, {docs[i].Text, false}} {
				scanTerms(part.s, false, func(raw string) {
					e := exactForm(c, raw)
					f := Fold(e)
					if want[f] == nil {
						want[f] = map[string]*lists{}
					}
					if want[f][e] == nil {
						want[f][e] = &lists{}
					}
					l := want[f][e]
					if n := len(l.Docs); n == 0 || l.Docs[n-1] != int32(id) {
						l.Docs = append(l.Docs, int32(id))
					}
					if part.title && !slices.Contains(l.Title, int32(id)) {
						l.Title = append(l.Title, int32(id))
					}
				})
			}
		}

		got := map[string]map[string]*lists{}
		for name, b := range files {
			if !strings.HasPrefix(name, ShardDir) {
				continue
			}
			var shard map[string]map[string][]string
			if err := json.Unmarshal(b, &shard); err != nil {
				t.Fatalf("%s: %s: %v", lang, name, err)
			}
			for f, spellings := range shard {
				if wantName := ShardDir + shardName(bucketOf(f, m.Buckets), m.Buckets); wantName != name {
					t.Errorf("%s: term %q in %s, want %s", lang, f, name, wantName)
				}
				got[f] = map[string]*lists{}
				for e, enc := range spellings {
					var l lists
					var err error
					if l.Docs, err = decodePostings(enc[0]); err != nil {
						t.Fatalf("%s %q: %v", lang, e, err)
					}
					if len(enc) > 1 {
						if l.Title, err = decodePostings(enc[1]); err != nil {
							t.Fatalf("%s %q title: %v", lang, e, err)
						}
					}
					got[f][e] = &l
				}
			}
		}
		delete(want, "") // folds to nothing: not indexed
		if !reflect.DeepEqual(got, want) {
			for f := range want {
				if !reflect.DeepEqual(got[f], want[f]) {
					t.Errorf("%s: term %q: got %v, want %v", lang, f, got[f], want[f])
				}
			}
			t.Errorf("%s: %d terms indexed, want %d", lang, len(got), len(want))
		}
	}
}

// TestShardSizes checks that the bucket count keeps shards near the target
// on a corpus big enough to need many shards.
func TestShardSizes(t *testing.T) {
	files := mustBuild(t, "vi", synthCorpus(1500, 400))
	var m meta
	mustUnmarshal(t, files, MetaFile, &m)
	var sizes []int
	total := 0
	for name, b := range files {
		if strings.HasPrefix(name, ShardDir) {
			sizes = append(sizes, len(b))
			total += len(b)
		}
	}
	sort.Ints(sizes)
	if len(sizes) != m.Buckets || m.Buckets < 4 {
		t.Fatalf("%d shard files, %d buckets", len(sizes), m.Buckets)
	}
	avg := total / len(sizes)
	t.Logf("%d buckets, shard bytes: min %d, avg %d, max %d, total %d", m.Buckets, sizes[0], avg, sizes[len(sizes)-1], total)
	if avg > targetShardBytes || avg < targetShardBytes/2 {
		t.Errorf("average shard %d bytes, want between %d and %d", avg, targetShardBytes/2, targetShardBytes)
	}
	if max := sizes[len(sizes)-1]; max > 3*targetShardBytes {
		t.Errorf("largest shard %d bytes, want at most %d", max, 3*targetShardBytes)
	}
}
