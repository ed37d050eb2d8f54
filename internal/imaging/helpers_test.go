package imaging

import (
	"bytes"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// halves is a w×h picture, red on its left half and blue on its right,
// with alpha applied to the blue half when alpha < 255.
func halves(w, h int, alpha uint8) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.NRGBA{200, 20, 20, 255}
			if x >= w/2 {
				c = color.NRGBA{20, 20, 200, alpha}
			}
			m.SetNRGBA(x, y, c)
		}
	}
	return m
}

func encodeJPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// hugePNG is a valid PNG header declaring w×h pixels with a tiny body:
// decoding it would allocate w×h×4 bytes before finding the data short.
func hugePNG(t testing.TB, w, h uint32) []byte {
	t.Helper()
	b := encodePNG(t, image.NewGray(image.Rect(0, 0, 1, 1)))
	// IHDR's data starts after the 8-byte signature, length and type.
	ihdr := b[8+8 : 8+8+13]
	putBE(ihdr[0:4], w)
	putBE(ihdr[4:8], h)
	putBE(b[8+8+13:8+8+13+4], crc32.ChecksumIEEE(b[8+4:8+8+13]))
	return b
}

func putBE(b []byte, v uint32) {
	b[0], b[1], b[2], b[3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
}

func decodeAny(t testing.TB, v Variant) image.Image {
	t.Helper()
	var m image.Image
	var err error
	if v.Format == PNG {
		m, err = png.Decode(bytes.NewReader(v.Data))
	} else {
		m, err = jpeg.Decode(bytes.NewReader(v.Data))
	}
	if err != nil {
		t.Fatalf("variant %dx%d %s does not decode: %v", v.Width, v.Height, v.Format, err)
	}
	if b := m.Bounds(); b.Dx() != v.Width || b.Dy() != v.Height {
		t.Fatalf("variant says %dx%d, image is %dx%d", v.Width, v.Height, b.Dx(), b.Dy())
	}
	return m
}
