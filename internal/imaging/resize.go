package imaging

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// Defaults used by Resize.
const (
	// DefaultQuality is the JPEG quality of the copies: visually close to
	// the source for photographs at about a third of quality 95's size.
	DefaultQuality = 82
	// DefaultMaxPixels refuses pictures above 40 megapixels (a 7 700 ×
	// 5 200 photograph): decoding one takes 160 MB, and a bundle picture
	// larger than that is a mistake or an attack, not a web image.
	DefaultMaxPixels = 40_000_000
)

// Formats a Variant can have.
const (
	JPEG = "jpeg"
	PNG  = "png"
)

// ErrTooLarge is returned when a picture declares more pixels than allowed.
var ErrTooLarge = errors.New("image too large")

// ErrFormat is returned for input that is not a picture of the given format.
var ErrFormat = errors.New("unsupported image format")

// Variant is one resized copy of a picture.
type Variant struct {
	Width, Height int
	Format        string // JPEG or PNG: the file extension to publish it under
	Data          []byte
}

// Options tune Resize; the zero value means the defaults.
type Options struct {
	Quality   int // JPEG quality 1–100; 0 = DefaultQuality
	MaxPixels int // 0 = DefaultMaxPixels
}

func (o Options) quality() int {
	if o.Quality <= 0 || o.Quality > 100 {
		return DefaultQuality
	}
	return o.Quality
}

func (o Options) maxPixels() int {
	if o.MaxPixels <= 0 {
		return DefaultMaxPixels
	}
	return o.MaxPixels
}

// Resize returns src scaled to each of widths that is smaller than src,
// narrowest first, with the default options. See Options.Resize.
func Resize(src []byte, format string, widths []int) ([]Variant, error) {
	return Options{}.Resize(src, format, widths)
}

// Resize returns src scaled to each of widths that is smaller than src's
// width, narrowest first; duplicate and non-positive widths are ignored.
// format is the source's format as a file extension names it ("jpg",
// "jpeg", "png", "webp"; case and a leading dot do not matter). The copies'
// format is Info.Out.
func (o Options) Resize(src []byte, format string, widths []int) ([]Variant, error) {
	info, err := o.Inspect(src, format)
	if err != nil {
		return nil, err
	}
	plan := info.Plan(widths)
	if len(plan) == 0 {
		return nil, nil
	}
	img, err := decode(src, info.Format)
	if err != nil {
		return nil, err
	}
	out := make([]Variant, 0, len(plan))
	for _, p := range plan {
		v, err := o.scale(img, info, p)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Info is what a picture's header says about it.
type Info struct {
	Width, Height int
	Format        string // the source format: "jpeg", "png" or "webp"
	// Out is the format of the copies, known from the header alone so
	// that a cache can be searched without decoding: JPEG stays JPEG, PNG
	// stays PNG, and WebP becomes PNG when it declares an alpha channel,
	// else JPEG (the standard library writes no WebP).
	Out string
}

// Size is one planned copy.
type Size struct{ Width, Height int }

// Inspect reads src's header only, checks that it is format and within the
// pixel cap, and returns its dimensions. It allocates no pixel memory, so a
// caller can plan copies, and find them in a cache, without decoding.
func (o Options) Inspect(src []byte, format string) (Info, error) {
	want, err := normalizeFormat(format)
	if err != nil {
		return Info{}, err
	}
	var cfg image.Config
	switch want {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(src))
	case "png":
		cfg, err = png.DecodeConfig(bytes.NewReader(src))
	case "webp":
		cfg, err = webp.DecodeConfig(bytes.NewReader(src))
	}
	if err != nil {
		return Info{}, fmt.Errorf("%s header: %w", want, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("%s header: %dx%d: %w", want, cfg.Width, cfg.Height, ErrFormat)
	}
	// Compared in int64 so that two large int32 dimensions cannot overflow.
	if int64(cfg.Width)*int64(cfg.Height) > int64(o.maxPixels()) {
		return Info{}, fmt.Errorf("%dx%d pixels, more than %d: %w", cfg.Width, cfg.Height, o.maxPixels(), ErrTooLarge)
	}
	out := JPEG
	if want == "png" || want == "webp" && hasAlpha(cfg.ColorModel) {
		out = PNG
	}
	return Info{Width: cfg.Width, Height: cfg.Height, Format: want, Out: out}, nil
}

// Plan returns the sizes Resize makes for widths: each distinct positive
// width below the picture's, narrowest first, with the height that keeps
// the aspect ratio (rounded, at least 1).
func (i Info) Plan(widths []int) []Size {
	ws := make([]int, 0, len(widths))
	for _, w := range widths {
		if w > 0 && w < i.Width {
			ws = append(ws, w)
		}
	}
	slices.Sort(ws)
	ws = slices.Compact(ws)
	out := make([]Size, len(ws))
	for k, w := range ws {
		h := int((int64(i.Height)*int64(w)*2 + int64(i.Width)) / (2 * int64(i.Width)))
		out[k] = Size{w, max(h, 1)}
	}
	return out
}

// hasAlpha tells whether a decoder's colour model carries transparency.
func hasAlpha(m color.Model) bool {
	switch m {
	case color.NRGBAModel, color.NRGBA64Model, color.RGBAModel, color.RGBA64Model, color.AlphaModel, color.Alpha16Model, color.NYCbCrAModel:
		return true
	}
	return false
}

func normalizeFormat(f string) (string, error) {
	switch strings.ToLower(strings.TrimPrefix(f, ".")) {
	case "jpg", "jpeg", "jpe":
		return "jpeg", nil
	case "png":
		return "png", nil
	case "webp":
		return "webp", nil
	}
	return "", fmt.Errorf("%q: %w", f, ErrFormat)
}

// decode decodes the whole picture. Decoders of untrusted input are run
// under recover as a last line of defence: a decoder bug must become an
// error for one file, not the end of the build.
func decode(src []byte, format string) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("%s: decoder failed: %v: %w", format, r, ErrFormat)
		}
	}()
	switch format {
	case "jpeg":
		img, err = jpeg.Decode(bytes.NewReader(src))
	case "png":
		img, err = png.Decode(bytes.NewReader(src))
	case "webp":
		img, err = webp.Decode(bytes.NewReader(src))
	default:
		err = ErrFormat
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", format, err)
	}
	return img, nil
}

// scale draws img at size p and encodes it.
func (o Options) scale(img image.Image, info Info, p Size) (Variant, error) {
	dst := image.NewRGBA(image.Rect(0, 0, p.Width, p.Height))
	// Catmull-Rom: sharp downscaling without the aliasing of bilinear; its
	// kernel widens with the scale factor, so every source pixel counts.
	draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
	v := Variant{Width: p.Width, Height: p.Height, Format: info.Out}
	var buf bytes.Buffer
	var err error
	if v.Format == PNG {
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, dst)
	} else {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: o.quality()})
	}
	if err != nil {
		return Variant{}, fmt.Errorf("encoding %dx%d %s: %w", p.Width, p.Height, v.Format, err)
	}
	v.Data = buf.Bytes()
	return v, nil
}
