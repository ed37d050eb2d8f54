package frontmatter

import (
	"reflect"
	"testing"
)

// TestImageSrcScheme: a lead image is a path or an http(s) URL; a script
// URL or a local file URL is an error at the value, and no image is kept.
func TestImageSrcScheme(t *testing.T) {
	const f = file + ":"
	tests := []struct {
		src   string
		want  []string
		image string
	}{
		{"image: a.jpg", nil, "a.jpg"},
		{"image: /images/2023/a.jpg", nil, "/images/2023/a.jpg"},
		{"image: https://cdn.example.org/a.jpg", nil, "https://cdn.example.org/a.jpg"},
		{"image: {src: HTTP://cdn.example.org/a.jpg, alt: A}", nil, "HTTP://cdn.example.org/a.jpg"},
		{"image: ảnh/hội-nghị.jpg", nil, "ảnh/hội-nghị.jpg"},
		{"image: a:b.jpg", []string{f + "2:8: `image` \"a:b.jpg\" must be a path or an http(s) URL, not a a: URL"}, ""},
		{"image: javascript:alert(1)", []string{f + "2:8: `image` \"javascript:alert(1)\" must be a path or an http(s) URL, not a javascript: URL"}, ""},
		{"image: {src: \" JaVa\\tScript:alert(1)\", alt: x}", []string{f + "2:14: `image.src` \"JaVa\\tScript:alert(1)\" must be a path or an http(s) URL, not a javascript: URL"}, ""},
		{"image: {src: \"data:text/html,<script>\"}", []string{f + "2:14: `image.src` \"data:text/html,<script>\" must be a path or an http(s) URL, not a data: URL"}, ""},
		{"image: file:///etc/passwd", []string{f + "2:8: `image` \"file:///etc/passwd\" must be a path or an http(s) URL, not a file: URL"}, ""},
		{"image: 'C:\\photos\\a.jpg'", []string{f + "2:8: `image` \"C:\\\\photos\\\\a.jpg\" must be a path or an http(s) URL, not a c: URL"}, ""},
	}
	for _, tt := range tests {
		m, _, _, _, diags := parse(t, "---\n"+tt.src+"\n---\n")
		if !reflect.DeepEqual(diags, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.src, diags, tt.want)
		}
		got := ""
		if m.Image != nil {
			got = m.Image.Src
		}
		if got != tt.image {
			t.Errorf("%s: image %q, want %q", tt.src, got, tt.image)
		}
	}
}
