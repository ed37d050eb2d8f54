package search

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// Corpora for the size tests and benchmarks.

// syllables is a Vietnamese-like syllable inventory: onsets × rhymes × the
// six tones, about 5,000 distinct spellings folding to about 850 forms.
func syllables() []string {
	onsets := strings.Fields("_ b c ch d đ g gi h k kh l m n ng nh ph qu r s t th tr v x")
	rhymes := strings.Fields("a ai an ang anh ao au ay e em en eng i ich iên inh o oa oai oan ong ô ôi ông ơ ơi u ua uân ung ư ưa ương y")
	tones := []string{"", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
	var out []string
	for _, o := range onsets {
		o = strings.TrimPrefix(o, "_")
		for _, r := range rhymes {
			for _, t := range tones {
				rs := []rune(r)
				out = append(out, norm.NFC.String(o+string(rs[:1])+t+string(rs[1:])))
			}
		}
	}
	return out
}

// synthCorpus returns n documents of about words syllables each, Zipf
// distributed (as words are), with ~10-syllable titles, deterministically.
func synthCorpus(n, words int) []Doc {
	syl := syllables()
	r := rand.New(rand.NewPCG(42, uint64(n)))
	z := rand.NewZipf(r, 1.07, 2, uint64(len(syl)-1))
	// Shuffle which syllables are frequent, so frequency is not by spelling.
	r.Shuffle(len(syl), func(i, j int) { syl[i], syl[j] = syl[j], syl[i] })
	text := func(k int) string {
		var b strings.Builder
		for i := 0; i < k; i++ {
			if i > 0 {
				switch {
				case i%17 == 0:
					b.WriteString(". ")
				case i%7 == 0:
					b.WriteString(", ")
				default:
					b.WriteByte(' ')
				}
			}
			b.WriteString(syl[z.Uint64()])
		}
		return b.String()
	}
	start := time.Date(2016, 1, 1, 8, 0, 0, 0, time.UTC)
	docs := make([]Doc, n)
	for i := range docs {
		t := start.Add(time.Duration(i) * 7 * time.Hour)
		docs[i] = Doc{
			URL:   fmt.Sprintf("news/%d/bai-%06d/", t.Year(), i),
			Title: text(10),
			Date:  t.Format("02/01/2006"),
			Text:  text(words),
			Time:  t,
		}
	}
	return docs
}

// gencorpusDocs reads the Markdown articles written by
// /work/shared/bench/gencorpus.go under dir (content/<lang>), crudely: the
// title and date from the front matter, the body with Markdown marks dropped.
func gencorpusDocs(dir string) ([]Doc, error) {
	link := regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	var docs []Doc
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") || d.Name() == "_index.md" {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		parts := strings.SplitN(string(b), "---\n", 3)
		if len(parts) != 3 {
			return fmt.Errorf("%s: no front matter", path)
		}
		rel, _ := filepath.Rel(dir, path)
		doc := Doc{URL: filepath.ToSlash(strings.TrimSuffix(rel, ".md")) + "/"}
		for _, line := range strings.Split(parts[1], "\n") {
			k, v, _ := strings.Cut(line, ": ")
			switch k {
			case "title":
				if doc.Title, err = strconv.Unquote(v); err != nil {
					return fmt.Errorf("%s: title: %w", path, err)
				}
			case "date":
				if doc.Time, err = time.Parse(time.RFC3339, v); err != nil {
					return fmt.Errorf("%s: date: %w", path, err)
				}
				doc.Date = doc.Time.Format("02/01/2006")
			}
		}
		body := link.ReplaceAllString(parts[2], "$1")
		body = strings.NewReplacer("**", "", "*", "", "## ", "", "> ", "", "- ", "", "|", " ").Replace(body)
		doc.Text = strings.Join(strings.Fields(body), " ")
		docs = append(docs, doc)
		return nil
	})
	return docs, err
}

// corpus10k is the benchmark corpus: gencorpus's Vietnamese articles when
// ATTACHE_SEARCH_CORPUS names their directory (e.g.
// /tmp/search10k/content/vi after `go run gencorpus.go -articles 10000
// -langs vi -out /tmp/search10k`), else 10,000 synthetic ones.
func corpus10k(tb testing.TB) (string, []Doc) {
	tb.Helper()
	if dir := os.Getenv("ATTACHE_SEARCH_CORPUS"); dir != "" {
		docs, err := gencorpusDocs(dir)
		if err != nil {
			tb.Fatal(err)
		}
		return "gencorpus " + dir, docs
	}
	return "synthetic", synthCorpus(10000, 1000)
}
