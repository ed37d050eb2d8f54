package testcorpus

import (
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// ArticlesFromEnv is how many articles per language the benchmarks
// generate: ATTACHE_BENCH_ARTICLES when set, else def.
func ArticlesFromEnv(def int) (int, error) {
	s := os.Getenv("ATTACHE_BENCH_ARTICLES")
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("ATTACHE_BENCH_ARTICLES=%q: want a positive number", s)
	}
	return n, nil
}

// PickArticle returns the article a benchmark edits in the site at dir:
// the middle one, in file order, of language lang's (list pages, named
// _index.md, left out). It works on any site, the reference corpus too.
func PickArticle(dir, lang string) (string, error) {
	var all []string
	err := fs.WalkDir(os.DirFS(dir), "content/"+lang, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasPrefix(e.Name(), "_") {
			all = append(all, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	if len(all) == 0 {
		return "", fmt.Errorf("%s: no %s article", dir, lang)
	}
	return all[len(all)/2], nil
}
