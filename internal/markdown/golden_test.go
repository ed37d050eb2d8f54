package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenRewrite maps relative links to Markdown files the way a site build
// does ("../x.md#f" → "../../x/#f") and leaves every other destination alone.
func goldenRewrite(l Link) string {
	path, frag, hasFrag := strings.Cut(l.Dest, "#")
	if !strings.HasSuffix(path, ".md") || strings.Contains(path, ":") || strings.HasPrefix(path, "/") {
		return l.Dest
	}
	out := "../" + strings.TrimSuffix(path, ".md") + "/"
	if hasFrag {
		out += "#" + frag
	}
	return out
}

// TestGolden renders testdata/LANG-name.md with a Converter for LANG and
// compares with testdata/LANG-name.golden.html (go test -update rewrites).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 6 {
		t.Fatalf("found %d golden inputs, want at least 6", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			lang, _, _ := strings.Cut(name, "-")
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc := New(Options{Lang: lang}).Parse(src)
			var got bytes.Buffer
			if err := doc.Render(&got, goldenRewrite); err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(file, ".md") + ".golden.html"
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", file, golden, got.Bytes(), want)
			}
		})
	}
}
