package imaging

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

func TestKey(t *testing.T) {
	src := []byte("picture")
	k := Key(src, 480, 82, JPEG)
	if !regexp.MustCompile(`^[0-9a-f]{64}\.jpg$`).MatchString(k) {
		t.Fatalf("key %q", k)
	}
	if Key([]byte("picture"), 480, 82, JPEG) != k {
		t.Error("same inputs, different keys")
	}
	others := map[string]string{
		"source":  Key([]byte("picturf"), 480, 82, JPEG),
		"width":   Key(src, 481, 82, JPEG),
		"quality": Key(src, 480, 83, JPEG),
	}
	for what, o := range others {
		if o == k {
			t.Errorf("changing the %s keeps the key", what)
		}
	}
	if p := Key(src, 480, 82, PNG); p[len(p)-4:] != ".png" || p[:64] == k[:64] {
		t.Errorf("png key %q", p)
	}
}

func TestCacheGetPut(t *testing.T) {
	c := NewCache(filepath.Join(t.TempDir(), "cache", "images"))
	k := Key([]byte("a"), 1, 1, JPEG)
	if _, ok, err := c.Get(k); ok || err != nil {
		t.Fatalf("empty cache: ok=%v err=%v", ok, err)
	}
	if err := c.Put(k, []byte("bytes")); err != nil {
		t.Fatal(err)
	}
	if err := c.Put(k, []byte("bytes2")); err != nil {
		t.Fatalf("replacing: %v", err)
	}
	got, ok, err := c.Get(k)
	if !ok || err != nil || string(got) != "bytes2" {
		t.Fatalf("Get = %q, %v, %v", got, ok, err)
	}
	left, _ := filepath.Glob(filepath.Join(c.Dir(), ".tmp-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestCacheRejectsForeignKeys(t *testing.T) {
	dir := t.TempDir()
	c := NewCache(filepath.Join(dir, "c"))
	for _, k := range []string{"", "../x.jpg", "a.jpg", Key(nil, 1, 1, JPEG) + "/../../x", "../" + Key(nil, 1, 1, JPEG)[3:], Key(nil, 1, 1, JPEG)[:64] + ".gif"} {
		if err := c.Put(k, []byte("x")); !errors.Is(err, ErrCache) {
			t.Errorf("Put(%q) = %v, want ErrCache", k, err)
		}
		if _, _, err := c.Get(k); !errors.Is(err, ErrCache) {
			t.Errorf("Get(%q) = %v, want ErrCache", k, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.jpg")); err == nil {
		t.Error("a key wrote outside the cache")
	}
}

func TestResizeCached(t *testing.T) {
	src := encodeJPEG(t, halves(800, 450, 255))
	c := NewCache(t.TempDir())
	widths := []int{200, 400, 1200}
	first, err := Options{}.ResizeCached(c, src, "jpg", widths)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Resize(src, "jpg", widths)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 2 || len(want) != 2 {
		t.Fatalf("%d and %d variants, want 2", len(first), len(want))
	}
	for i := range want {
		if !bytes.Equal(first[i].Data, want[i].Data) {
			t.Errorf("cached path made other bytes for width %d", want[i].Width)
		}
	}
	files, _ := filepath.Glob(filepath.Join(c.Dir(), "*.jpg"))
	if len(files) != 2 {
		t.Fatalf("cache holds %v", files)
	}
	// A second run reads the cache: mark an entry to see it come back.
	k := Key(src, 200, DefaultQuality, JPEG)
	if err := c.Put(k, []byte("from the cache")); err != nil {
		t.Fatal(err)
	}
	second, err := Options{}.ResizeCached(c, src, "jpg", widths)
	if err != nil {
		t.Fatal(err)
	}
	if string(second[0].Data) != "from the cache" || second[0].Width != 200 || second[0].Height != 113 {
		t.Errorf("second run: %dx%d %.20q, want the cached entry", second[0].Width, second[0].Height, second[0].Data)
	}
	if !bytes.Equal(second[1].Data, want[1].Data) {
		t.Error("second run: width 400 changed")
	}
	// Another quality is another entry.
	q, err := Options{Quality: 50}.ResizeCached(c, src, "jpg", []int{200})
	if err != nil || string(q[0].Data) == "from the cache" {
		t.Errorf("quality 50 served the quality-82 entry (err %v)", err)
	}
}

func TestResizeCachedUnwritableCache(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	src := encodePNG(t, halves(100, 50, 255))
	vs, err := Options{}.ResizeCached(NewCache(filepath.Join(file, "images")), src, "png", []int{50})
	if !errors.Is(err, ErrCache) {
		t.Fatalf("error %v, want ErrCache", err)
	}
	if len(vs) != 1 || len(vs[0].Data) == 0 {
		t.Fatalf("copies must still come back: %d", len(vs))
	}
	decodeAny(t, vs[0])
}

func TestResizeCachedNilCacheAndErrors(t *testing.T) {
	src := encodePNG(t, halves(100, 50, 255))
	vs, err := Options{}.ResizeCached(nil, src, "png", []int{50, 25})
	if err != nil || len(vs) != 2 {
		t.Fatalf("nil cache: %v, %d", err, len(vs))
	}
	if _, err := (Options{}).ResizeCached(NewCache(t.TempDir()), src[:30], "png", []int{50}); err == nil || errors.Is(err, ErrCache) {
		t.Errorf("corrupt source: %v, want a decoding error", err)
	}
}
