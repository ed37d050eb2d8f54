package build

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/render"
)

// sampleFS copies the bundled sample publication into memory, where a
// test can edit it between builds.
func sampleFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("../..")
	for _, top := range []string{"site.yaml", "content", "i18n", "layouts", "static"} {
		err := fs.WalkDir(root, top, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, p)
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	return m
}

// served is what a server shows after applying a Session's results in
// turn: outputs by path, deferred ones made.
type served map[string]string

func (s served) apply(t *testing.T, res *Result) {
	t.Helper()
	if !res.Incremental {
		clear(s)
	}
	for _, o := range res.Outputs {
		s[o.Path] = string(outputBytes(t, o))
	}
	for _, d := range res.Deferred {
		for p := range s {
			if strings.HasPrefix(p, d.Prefix) {
				delete(s, p)
			}
		}
		outs, err := d.Make()
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range outs {
			s[o.Path] = string(outputBytes(t, o))
		}
	}
}

func outputBytes(t *testing.T, o render.Output) []byte {
	t.Helper()
	if o.Src == nil {
		return o.Data
	}
	data, err := fs.ReadFile(o.Src, o.SrcPath)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sameAsFresh fails unless s is what a fresh Run of fsys gives.
func (s served) sameAsFresh(t *testing.T, fsys fs.FS, step string) {
	t.Helper()
	res, err := Run(fsys, attache.Theme(), Options{Now: now, Workers: 2})
	if err != nil {
		t.Fatalf("%s: fresh build: %v\n%v", step, err, res.Diags.Err())
	}
	fresh := served{}
	fresh.apply(t, res)
	for p, want := range fresh {
		if got, ok := s[p]; !ok {
			t.Errorf("%s: %s missing", step, p)
		} else if got != want {
			t.Errorf("%s: %s differs from a fresh build's", step, p)
		}
	}
	for p := range s {
		if _, ok := fresh[p]; !ok {
			t.Errorf("%s: %s is stale", step, p)
		}
	}
}

func TestSessionRendersOnlyWhatABodyChangeNeeds(t *testing.T) {
	fsys := sampleFS(t)
	sess := NewSession(fsys, attache.Theme(), Options{Now: now, Workers: 2})
	s := served{}
	build := func(step string, wantIncremental, wantOK bool, changed ...string) *Result {
		t.Helper()
		res, err := sess.Build(changed)
		if (err == nil) != wantOK {
			t.Fatalf("%s: err = %v, want ok = %v\n%v", step, err, wantOK, res.Diags.Err())
		}
		if res.Incremental != wantIncremental {
			t.Fatalf("%s: Incremental = %v, want %v", step, res.Incremental, wantIncremental)
		}
		if err == nil {
			s.apply(t, res)
		}
		return res
	}
	first := build("first build", false, true)
	total := len(first.Outputs)
	s.sameAsFresh(t, fsys, "first build")

	const art = "content/vi/news/phan-bac-thong-tin-sai-lech.md"
	edit := func(p, old, new string) {
		t.Helper()
		data := string(fsys[p].Data)
		if !strings.Contains(data, old) {
			t.Fatalf("%s does not contain %q", p, old)
		}
		fsys[p] = &fstest.MapFile{Data: []byte(strings.Replace(data, old, new, 1))}
	}
	// The body only: the article, its translations (outdated notices),
	// its neighbours and related articles, its pager pages and feeds.
	edit(art, "\n\n", "\n\nMột đoạn mở đầu mới, viết lại hoàn toàn.\n\n")
	res := build("body edit", true, true, art)
	if n := len(res.Outputs); n == 0 || n > total/4 {
		t.Errorf("a body edit rendered %d of %d outputs", n, total)
	}
	if len(res.Deferred) != 1 || res.Deferred[0].Prefix != "vi/search/" {
		t.Errorf("deferred %v, want the vi search index", res.Deferred)
	}
	s.sameAsFresh(t, fsys, "body edit")

	// A link to nowhere fails the incremental build; the fix is one too.
	edit(art, "\n\n", "\n\n[Nowhere](khong-co.md)\n\n")
	res = build("broken link", true, false, art)
	if !strings.Contains(res.Diags.Err().Error(), "khong-co.md") {
		t.Errorf("the error does not name the link: %v", res.Diags.Err())
	}
	edit(art, "[Nowhere](khong-co.md)", "[Somewhere](hop-bao-phong-vien-nuoc-ngoai-2024.md)")
	build("fixed link", true, true, art)
	s.sameAsFresh(t, fsys, "fixed link")

	// A section's body.
	edit("content/vi/news/_index.md", "\n---\n", "\n---\n\nLời giới thiệu mới của chuyên mục.\n")
	build("section body", true, true, "content/vi/news/_index.md")
	s.sameAsFresh(t, fsys, "section body")

	// Front matter changes the model: a full build.
	edit(art, "title: ", "title: Mới ")
	build("title edit", false, true, art)
	s.sameAsFresh(t, fsys, "title edit")

	// So does a removed file, and a change the Session cannot place.
	const tr = "content/en/news/working-with-the-press-office.md"
	delete(fsys, tr)
	build("delete", false, true, tr)
	s.sameAsFresh(t, fsys, "delete")
	build("unknown changes", false, true)
}
