package imaging

import "testing"

func TestVariantName(t *testing.T) {
	tests := []struct {
		name string
		v    Variant
		want string
	}{
		{"/vi/news/a/hall.jpg", Variant{Width: 480, Format: JPEG}, "/vi/news/a/hall-480w.jpg"},
		{"hall.JPEG", Variant{Width: 960, Format: JPEG}, "hall-960w.jpg"},
		{"a.b/pic.webp", Variant{Width: 1440, Format: PNG}, "a.b/pic-1440w.png"},
		{"noext", Variant{Width: 1, Format: JPEG}, "noext-1w.jpg"},
	}
	for _, tt := range tests {
		if got := VariantName(tt.name, tt.v); got != tt.want {
			t.Errorf("VariantName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSupported(t *testing.T) {
	for name, want := range map[string]bool{
		"a.jpg": true, "a.JPG": true, "a.jpeg": true, "a.png": true, "a.webp": true,
		"a.svg": false, "a.gif": false, "a": false, "a.jpg.txt": false,
	} {
		if got := Supported(name); got != want {
			t.Errorf("Supported(%q) = %v", name, got)
		}
	}
}

func TestStandardWidthsIsACopy(t *testing.T) {
	StandardWidths()[0] = 1
	if StandardWidths()[0] != 480 {
		t.Error("StandardWidths shares its slice")
	}
}
