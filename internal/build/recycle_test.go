package build

import (
	"bytes"
	"os"
	"sync"
	"testing"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/render"
	"github.com/attache-ssg/attache/internal/testcorpus"
)

// TestRecycledOutputsKeepTheirBytes builds one site three ways: outputs
// collected, outputs emitted with Recycle and released at once (so pages
// are rendered into reused buffers), and emitted with Recycle but released
// only at the end (so a buffer handed out twice before its release would
// show as another page's bytes). All three must give the same files.
func TestRecycledOutputsKeepTheirBytes(t *testing.T) {
	dir := t.TempDir()
	if err := testcorpus.Write(dir, 40, testcorpus.Langs()); err != nil {
		t.Fatal(err)
	}
	site := os.DirFS(dir)
	ref, err := Run(site, attache.Theme(), Options{Now: now, Workers: 2})
	if err != nil {
		t.Fatalf("%v\n%v", err, ref.Diags.Err())
	}
	want := map[string][]byte{}
	for _, o := range ref.Outputs {
		if o.Src == nil {
			want[o.Path] = o.Data
		}
	}
	emitted := func(releaseAtOnce bool) map[string][]byte {
		var mu sync.Mutex
		got := map[string][]byte{}
		var held []render.Output
		res, err := Run(site, attache.Theme(), Options{Now: now, Workers: 2, Recycle: true, Emit: func(o render.Output) {
			mu.Lock()
			defer mu.Unlock()
			if o.Src != nil {
				return
			}
			if releaseAtOnce {
				got[o.Path] = bytes.Clone(o.Data)
				o.Release()
				return
			}
			got[o.Path] = o.Data
			held = append(held, o)
		}})
		if err != nil {
			t.Fatalf("%v\n%v", err, res.Diags.Err())
		}
		for path, data := range got {
			got[path] = bytes.Clone(data)
		}
		for _, o := range held {
			o.Release()
		}
		return got
	}
	for name, got := range map[string]map[string][]byte{"released at once": emitted(true), "released at the end": emitted(false)} {
		if len(got) != len(want) {
			t.Errorf("%s: %d outputs, want %d", name, len(got), len(want))
		}
		for path, w := range want {
			if !bytes.Equal(got[path], w) {
				t.Errorf("%s: %s differs from the collected build's", name, path)
			}
		}
	}
}
