package archive

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/attache-ssg/attache/internal/render"
)

func TestOutputFS(t *testing.T) {
	src := fstest.MapFS{"static/img/a.png": {Data: []byte("PNG")}}
	outs := []render.Output{
		{Path: "index.html", Data: []byte("<p>home</p>")},
		{Path: "en/news/a/index.html", Data: []byte("<p>a</p>")},
		{Path: "en/news/a/photo.png", Src: src, SrcPath: "static/img/a.png"},
		{Path: "empty.txt", Data: nil},
	}
	fsys, err := OutputFS(outs)
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(fsys, "index.html", "en/news/a/index.html", "en/news/a/photo.png", "empty.txt"); err != nil {
		t.Fatal(err)
	}
	if b, err := fs.ReadFile(fsys, "en/news/a/photo.png"); err != nil || string(b) != "PNG" {
		t.Errorf("copied file = %q, %v", b, err)
	}
	if _, err := fsys.Open("en/missing"); err == nil {
		t.Error("a missing file opened")
	}
}

func TestOutputFSRefuses(t *testing.T) {
	for name, outs := range map[string][]render.Output{
		"twice":          {{Path: "a.html", Origin: "x"}, {Path: "a.html", Origin: "y"}},
		"file and dir":   {{Path: "a"}, {Path: "a/b.html"}},
		"unclean":        {{Path: "../a.html"}},
		"absolute":       {{Path: "/a.html"}},
		"missing source": {{Path: "a.png", Src: fstest.MapFS{}, SrcPath: "nope.png"}},
	} {
		if _, err := OutputFS(outs); err == nil {
			t.Errorf("%s: accepted", name)
		} else if name == "twice" && !strings.Contains(err.Error(), "a.html") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
