package imaging

import (
	"image"
	"image/color"
	"os"
	"testing"
)

// FuzzResize feeds arbitrary bytes to every decoder: they must give an
// error or valid copies, never a panic or an allocation beyond the cap.
func FuzzResize(f *testing.F) {
	f.Add(encodeJPEG(f, halves(40, 30, 255)), uint8(0))
	f.Add(encodePNG(f, halves(40, 30, 100)), uint8(1))
	f.Add(encodePNG(f, image.NewPaletted(image.Rect(0, 0, 9, 9), color.Palette{color.Transparent, color.Black})), uint8(1))
	f.Add(hugePNG(f, 1<<16, 1<<16), uint8(1))
	for _, name := range []string{"testdata/lossy.webp", "testdata/alpha.webp"} {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, uint8(2))
		}
	}
	formats := []string{"jpg", "png", "webp"}
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		opts := Options{MaxPixels: 1 << 20}
		format := formats[int(which)%len(formats)]
		vs, err := opts.Resize(data, format, []int{16, 7})
		if err != nil {
			if vs != nil {
				t.Fatal("copies along with an error")
			}
			return
		}
		info, err := opts.Inspect(data, format)
		if err != nil {
			t.Fatalf("Resize succeeded where Inspect fails: %v", err)
		}
		if int64(info.Width)*int64(info.Height) > 1<<20 {
			t.Fatalf("%dx%d passed the pixel cap", info.Width, info.Height)
		}
		for _, v := range vs {
			if v.Width >= info.Width || v.Height < 1 {
				t.Fatalf("variant %dx%d of a %dx%d picture", v.Width, v.Height, info.Width, info.Height)
			}
			decodeAny(t, v)
		}
	})
}
