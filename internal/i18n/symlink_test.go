package i18n

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/attache-ssg/attache/internal/diag"
)

// TestSymlinkedFileNotRead: a message file that is a symbolic link (to a
// file outside the site, say) is not read, so what it points to never
// reaches a page.
func TestSymlinkedFileNotRead(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "vi.yaml"), []byte("home: SECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, Dir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, Dir, "en.yaml"), []byte("home: Home\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "vi.yaml"), filepath.Join(root, Dir, "vi.yaml")); err != nil {
		t.Fatal(err)
	}
	var d diag.List
	b, err := Load(nil, os.DirFS(root), "en", []string{"en", "vi"}, &d)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Translator("vi").T("home"); got == "SECRET" {
		t.Fatalf("the linked file was read: vi home = %q", got)
	}
	if got := b.Translator("en").T("home"); got != "Home" {
		t.Fatalf("en home = %q, want the regular file's Home", got)
	}
}
