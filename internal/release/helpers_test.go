package release

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"testing/fstest"
	"time"

	"aead.dev/minisign"
)

var testCreated = time.Date(2024, 3, 1, 12, 30, 0, 0, time.UTC)

// testKey returns an unencrypted minisign private key file and its public
// key file. Encrypted keys cost a gigabyte of scrypt each; only
// TestEncryptedKey pays that.
func testKey(t testing.TB) (priv, pub []byte) {
	t.Helper()
	pk, sk, err := minisign.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	priv, err = sk.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	pub, _ = pk.MarshalText()
	return priv, pub
}

func testSigner(t testing.TB) (*Signer, []byte) {
	t.Helper()
	priv, pub := testKey(t)
	s, err := NewSigner(priv, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(s.PublicKey()), bytes.TrimSpace(pub)) {
		t.Fatalf("PublicKey() = %q, want %q", s.PublicKey(), pub)
	}
	return s, pub
}

func testSite() fstest.MapFS {
	return fstest.MapFS{
		"index.html":                    {Data: []byte("<a href=\"en/\">en</a>\n")},
		"en/index.html":                 {Data: []byte("<h1>Foreign Information</h1>\n")},
		"en/news/conference/index.html": {Data: []byte("<h1>Conference</h1>\n")},
		"fr/index.html":                 {Data: []byte("<h1>Information</h1>\n")},
		"vi/hội-nghị/index.html":        {Data: []byte("<h1>Hội nghị</h1>\n")},
		"img/logo.png":                  {Data: []byte{0x89, 'P', 'N', 'G', 0, 1, 2}},
		"empty.txt":                     {Data: nil},
	}
}

func testMeta(version string) Meta {
	return Meta{Version: version, Created: testCreated, Languages: []string{"vi", "en", "fr"}}
}

// freezeTest makes a release under a fresh releases directory and returns
// that directory, the release's path and the public key.
func freezeTest(t *testing.T, version string) (releases, dir string, pub []byte) {
	t.Helper()
	s, pub := testSigner(t)
	releases = filepath.Join(t.TempDir(), "releases")
	src := fstest.MapFS{"site.yaml": {Data: []byte("languages: {vi: {}}\n")}, "content/vi/a.md": {Data: []byte("---\ntitle: A\n---\n")}}
	if _, err := Freeze(releases, testMeta(version), testSite(), src, s); err != nil {
		t.Fatal(err)
	}
	return releases, filepath.Join(releases, version), pub
}

// snapshot maps every path under root to its mode and content, to show that
// an operation changed nothing.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		v := info.Mode().String() + " " + info.ModTime().String()
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += " " + string(b)
		}
		out[p] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
