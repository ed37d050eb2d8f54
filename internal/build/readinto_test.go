package build

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/source"
	"github.com/attache-ssg/attache/internal/testcorpus"
)

// TestParseKeepsNoSource guards the reuse of read buffers (parse): a
// parsed file must not refer to its source's bytes, which the next file
// overwrites. Each of the sample site's pages and some generated articles
// is parsed, its source overwritten, and the result compared with a
// parse of an untouched copy.
func TestParseKeepsNoSource(t *testing.T) {
	root := filepath.Join("..", "..")
	var d diag.List
	cfg, err := loadConfig(os.DirFS(root), Options{}, &d)
	if err != nil {
		t.Fatalf("%v\n%v", err, d.Err())
	}
	convs := converters(cfg)
	files := source.Scan(os.DirFS(root), &d).Pages
	srcs := map[string][]byte{}
	for _, pf := range files {
		data, err := os.ReadFile(filepath.Join(root, pf.Path))
		if err != nil {
			t.Fatal(err)
		}
		srcs[pf.Path] = data
	}
	gen := fstest.MapFS{}
	for i := 0; i < 5; i++ {
		for _, code := range testcorpus.Langs() {
			if convs[code] == nil {
				continue
			}
			_, file, text := testcorpus.Article(code, i, 5)
			p := "content/" + code + "/news/" + file
			gen[p] = &fstest.MapFile{Data: []byte(text)}
		}
	}
	for _, pf := range source.Scan(gen, &d).Pages {
		files = append(files, pf)
		srcs[pf.Path] = gen[pf.Path].Data
	}
	if len(files) < 30 {
		t.Fatalf("only %d pages to parse", len(files))
	}
	for _, pf := range files {
		conv := convs[pf.Lang]
		if conv == nil {
			continue
		}
		src := srcs[pf.Path]
		want := parseFile(conv, cfg, pf, bytes.Clone(src), true)
		scratch := bytes.Clone(src)
		got := parseFile(conv, cfg, pf, scratch, true)
		for i := range scratch {
			scratch[i] = 'x'
		}
		if !got.ok {
			t.Errorf("%s did not parse: %v", pf.Path, got.diags)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the parse changed when its source was overwritten: it refers to the source", pf.Path)
		}
	}
}

func TestReadInto(t *testing.T) {
	fsys := fstest.MapFS{"a": {Data: []byte("hello")}, "b": {Data: bytes.Repeat([]byte("y"), 5000)}, "e": {}}
	var buf []byte
	for _, name := range []string{"a", "b", "a", "e", "b"} {
		got, err := readInto(fsys, name, buf)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, fsys[name].Data) {
			t.Fatalf("%s: read %d bytes, want %d", name, len(got), len(fsys[name].Data))
		}
		buf = got
	}
	if cap(buf) < 5000 {
		t.Errorf("the buffer was not kept: cap %d", cap(buf))
	}
	if _, err := readInto(fsys, "missing", buf); err == nil {
		t.Error("no error for a missing file")
	}
}
