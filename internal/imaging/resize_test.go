package imaging

import (
	"bytes"
	"errors"
	"os"
	"runtime"
	"testing"
)

func TestResizeSizes(t *testing.T) {
	jpg := encodeJPEG(t, halves(800, 450, 255))
	png := encodePNG(t, halves(1000, 333, 255))
	tests := []struct {
		name   string
		src    []byte
		format string
		widths []int
		want   []Size
		out    string
	}{
		{"jpeg: only widths below the source, sorted, deduplicated", jpg, "JPG", []int{1440, 480, 960, 480, 0, -5}, []Size{{480, 270}}, JPEG},
		{"jpeg: several", jpg, ".jpeg", []int{640, 320}, []Size{{320, 180}, {640, 360}}, JPEG},
		{"never upscale, not even to the same width", jpg, "jpg", []int{800, 1600}, nil, JPEG},
		{"png stays png, height rounded", png, "png", []int{500, 3}, []Size{{3, 1}, {500, 167}}, PNG},
		{"height at least 1", png, "png", []int{1}, []Size{{1, 1}}, PNG},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, err := Resize(tt.src, tt.format, tt.widths)
			if err != nil {
				t.Fatal(err)
			}
			if len(vs) != len(tt.want) {
				t.Fatalf("got %d variants, want %v", len(vs), tt.want)
			}
			for i, v := range vs {
				if (Size{v.Width, v.Height}) != tt.want[i] || v.Format != tt.out {
					t.Errorf("variant %d: %dx%d %s, want %v %s", i, v.Width, v.Height, v.Format, tt.want[i], tt.out)
				}
				decodeAny(t, v)
			}
		})
	}
}

// The copies show the picture, not just something of the right size: the
// red half stays on the left and the blue half on the right.
func TestResizeKeepsContent(t *testing.T) {
	for _, format := range []string{"jpg", "png"} {
		src := halves(800, 450, 255)
		data := encodeJPEG(t, src)
		if format == "png" {
			data = encodePNG(t, src)
		}
		vs, err := Resize(data, format, []int{200})
		if err != nil || len(vs) != 1 {
			t.Fatalf("%s: %v, %d variants", format, err, len(vs))
		}
		m := decodeAny(t, vs[0])
		for _, p := range []struct {
			x    int
			red  bool
			name string
		}{{20, true, "left"}, {180, false, "right"}} {
			r, _, b, _ := m.At(p.x, 56).RGBA()
			if (r > b) != p.red {
				t.Errorf("%s: %s pixel r=%d b=%d, want it %s", format, p.name, r>>8, b>>8, map[bool]string{true: "red", false: "blue"}[p.red])
			}
		}
	}
}

func TestResizeKeepsTransparency(t *testing.T) {
	vs, err := Resize(encodePNG(t, halves(400, 100, 0)), "png", []int{100})
	if err != nil || len(vs) != 1 {
		t.Fatalf("%v, %d variants", err, len(vs))
	}
	m := decodeAny(t, vs[0])
	if _, _, _, a := m.At(90, 10).RGBA(); a != 0 {
		t.Errorf("transparent half has alpha %d", a)
	}
	if _, _, _, a := m.At(10, 10).RGBA(); a != 0xffff {
		t.Errorf("opaque half has alpha %d", a)
	}
}

func TestResizeDeterministic(t *testing.T) {
	for _, tc := range []struct {
		format string
		data   []byte
	}{
		{"jpg", encodeJPEG(t, halves(640, 480, 255))},
		{"png", encodePNG(t, halves(640, 480, 128))},
	} {
		a, err := Resize(tc.data, tc.format, []int{160, 320})
		if err != nil {
			t.Fatal(err)
		}
		b, err := Resize(bytes.Clone(tc.data), tc.format, []int{320, 160})
		if err != nil {
			t.Fatal(err)
		}
		for i := range a {
			if !bytes.Equal(a[i].Data, b[i].Data) {
				t.Errorf("%s: width %d differs between runs", tc.format, a[i].Width)
			}
		}
	}
}

func TestResizeQuality(t *testing.T) {
	src := encodeJPEG(t, halves(800, 450, 255))
	lo, err := Options{Quality: 30}.Resize(src, "jpg", []int{400})
	if err != nil {
		t.Fatal(err)
	}
	hi, err := Options{Quality: 95}.Resize(src, "jpg", []int{400})
	if err != nil {
		t.Fatal(err)
	}
	if len(lo[0].Data) >= len(hi[0].Data) {
		t.Errorf("quality 30 gave %d bytes, quality 95 %d: quality is not applied", len(lo[0].Data), len(hi[0].Data))
	}
}

func TestResizeWebP(t *testing.T) {
	for _, tc := range []struct {
		file string
		out  string
	}{
		{"testdata/lossy.webp", JPEG},
		{"testdata/alpha.webp", PNG},
	} {
		data, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		info, err := Options{}.Inspect(data, "webp")
		if err != nil {
			t.Fatal(err)
		}
		vs, err := Resize(data, "webp", []int{info.Width / 2})
		if err != nil || len(vs) != 1 {
			t.Fatalf("%s: %v, %d variants", tc.file, err, len(vs))
		}
		if vs[0].Format != tc.out {
			t.Errorf("%s: copies are %s, want %s", tc.file, vs[0].Format, tc.out)
		}
		decodeAny(t, vs[0])
	}
}

func TestResizeRejects(t *testing.T) {
	jpg := encodeJPEG(t, halves(800, 450, 255))
	png := encodePNG(t, halves(80, 45, 255))
	tests := []struct {
		name   string
		opts   Options
		src    []byte
		format string
		is     error // nil: any error
	}{
		{"unknown format", Options{}, jpg, "gif", ErrFormat},
		{"svg", Options{}, []byte("<svg/>"), "svg", ErrFormat},
		{"png bytes named jpg", Options{}, png, "jpg", nil},
		{"empty", Options{}, nil, "png", nil},
		{"truncated jpeg", Options{}, jpg[:len(jpg)/2], "jpg", nil},
		{"truncated png", Options{}, png[:len(png)-20], "png", nil},
		{"above the caller's pixel cap", Options{MaxPixels: 800*450 - 1}, jpg, "jpg", ErrTooLarge},
		{"huge declared png", Options{}, hugePNG(t, 1<<20, 1<<20), "png", ErrTooLarge},
		{"huge in one dimension", Options{}, hugePNG(t, 1<<30, 1), "png", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vs, err := tt.opts.Resize(tt.src, tt.format, []int{10})
			if err == nil {
				t.Fatalf("no error, %d variants", len(vs))
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v, want %v", err, tt.is)
			}
		})
	}
}

// A header declaring a gigapixel is refused at once, without trying to
// allocate its pixels.
func TestResizeRefusesBeforeAllocating(t *testing.T) {
	src := hugePNG(t, 50000, 50000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range 5 {
		if _, err := Resize(src, "png", []int{10}); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("got %v, want ErrTooLarge", err)
		}
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("refusing a huge header 5 times allocated %d bytes", n)
	}
}
