package e2e

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/publish"
)

// repoRoot is the bundled sample publication: the repository itself.
const repoRoot = "../.."

// languages are the sample's languages, in its order.
var languages = []string{"vi", "en", "fr", "ar", "zh"}

// buildSample builds the sample with the embedded theme into a fresh
// folder and returns it.
func buildSample(t testing.TB) string {
	t.Helper()
	res, err := build.Run(os.DirFS(repoRoot), attache.Theme(), build.Options{})
	if err != nil {
		for _, d := range res.Diags.Sorted() {
			t.Log(d.String())
		}
		t.Fatalf("building the sample: %v", err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := publish.Write(out, res.Outputs, 2); err != nil {
		t.Fatalf("writing the sample: %v", err)
	}
	return out
}

// serve serves dir on 127.0.0.1 as a static host would: files as they
// are, folders by their index.html, anything else the site's 404.html with
// status 404.
func serve(t testing.TB, dir string) *httptest.Server {
	t.Helper()
	notFound, err := os.ReadFile(filepath.Join(dir, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		fi, err := os.Stat(p)
		if err == nil && fi.IsDir() {
			if !strings.HasSuffix(r.URL.Path, "/") {
				files.ServeHTTP(w, r) // the file server redirects to the slash
				return
			}
			_, err = os.Stat(filepath.Join(p, "index.html"))
		}
		if err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(notFound)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}
