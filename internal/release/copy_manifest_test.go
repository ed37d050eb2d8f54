package release

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestReadCopyManifest(t *testing.T) {
	_, dir, _ := freezeTest(t, "2024.1")
	s, _ := testSigner(t)
	zip := filepath.Join(t.TempDir(), "b.zip")
	if _, err := WriteBundleFile(zip, testMeta("2024.2"), testSite(), s); err != nil {
		t.Fatal(err)
	}
	for path, version := range map[string]string{dir: "2024.1", zip: "2024.2"} {
		m, err := ReadCopyManifest(path)
		if err != nil || m.Version != version || len(m.Files) != len(testSite()) {
			t.Errorf("%s: %+v, %v", path, m, err)
		}
	}
	if _, err := ReadCopyManifest(filepath.Join(t.TempDir(), "none.zip")); err == nil {
		t.Error("a missing archive was read")
	}
	empty := filepath.Join(t.TempDir(), "e.tar.gz")
	f, err := os.Create(empty)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteArchive(f, FormatTarGz, testSite(), testCreated); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := ReadCopyManifest(empty); !errors.Is(err, ErrNotCopy) {
		t.Errorf("archive without manifest: %v", err)
	}
}

func TestCheckUnsigned(t *testing.T) {
	_, dir, _ := freezeTest(t, "2024.1")
	m, rep, err := CheckUnsigned(dir)
	if err != nil || !rep.OK() || m.Version != "2024.1" {
		t.Fatalf("fresh release: %+v %+v %v", m, rep, err)
	}
	write(t, dir, "site/en/index.html", "defaced")
	write(t, dir, "site/new.html", "added")
	if err := os.Remove(filepath.Join(dir, "site/img/logo.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, SignatureName)); err != nil {
		t.Fatal(err)
	}
	_, rep, err = CheckUnsigned(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Changed, []string{"site/en/index.html"}) || !slices.Equal(rep.Extra, []string{"site/new.html"}) ||
		!slices.Equal(rep.Missing, []string{SignatureName, "site/img/logo.png"}) {
		t.Errorf("report = %+v", rep)
	}
	if err := os.Remove(filepath.Join(dir, ManifestName)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := CheckUnsigned(dir); !errors.Is(err, ErrNotCopy) {
		t.Errorf("no manifest: %v", err)
	}
}
