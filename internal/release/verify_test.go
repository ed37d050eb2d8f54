package release

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"aead.dev/minisign"
)

func TestVerifyFSTampered(t *testing.T) {
	for name, tc := range map[string]struct {
		tamper                  func(t *testing.T, dir string)
		changed, missing, extra []string
	}{
		"untouched": {func(*testing.T, string) {}, nil, nil, nil},
		"changed file": {func(t *testing.T, dir string) {
			write(t, dir, "site/en/index.html", "<h1>Defaced</h1>\n")
		}, []string{"site/en/index.html"}, nil, nil},
		"same size, other bytes": {func(t *testing.T, dir string) {
			write(t, dir, "site/fr/index.html", "<h1>Informatiom</h1>\n")
		}, []string{"site/fr/index.html"}, nil, nil},
		"missing file": {func(t *testing.T, dir string) {
			remove(t, dir, "site/img/logo.png")
		}, nil, []string{"site/img/logo.png"}, nil},
		"truncated tree": {func(t *testing.T, dir string) {
			remove(t, dir, "site/vi")
			remove(t, dir, SumsName)
			remove(t, dir, SourceName)
		}, nil, []string{SumsName, "site/vi/hội-nghị/index.html", SourceName}, nil},
		"extra files": {func(t *testing.T, dir string) {
			write(t, dir, "site/en/backdoor.php", "<?php")
			write(t, dir, "README", "hi")
		}, nil, nil, []string{"README", "site/en/backdoor.php"}},
		"edited SHA256SUMS": {func(t *testing.T, dir string) {
			write(t, dir, SumsName, "")
		}, []string{SumsName}, nil, nil},
		"everything": {func(t *testing.T, dir string) {
			write(t, dir, "site/index.html", "x")
			remove(t, dir, "site/empty.txt")
			write(t, dir, "site/new.html", "x")
		}, []string{"site/index.html"}, []string{"site/empty.txt"}, []string{"site/new.html"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, dir, pub := freezeTest(t, "2024.1")
			tc.tamper(t, dir)
			m, rep, err := VerifyFS(os.DirFS(dir), pub, "")
			if err != nil {
				t.Fatal(err)
			}
			if m.Version != "2024.1" {
				t.Errorf("version %q", m.Version)
			}
			if !slices.Equal(rep.Changed, tc.changed) || !slices.Equal(rep.Missing, tc.missing) || !slices.Equal(rep.Extra, tc.extra) {
				t.Errorf("report %+v, want changed %q missing %q extra %q", rep, tc.changed, tc.missing, tc.extra)
			}
			if rep.OK() != (tc.changed == nil && tc.missing == nil && tc.extra == nil) {
				t.Errorf("OK() = %v", rep.OK())
			}
		})
	}
}

func TestVerifyFSRefused(t *testing.T) {
	otherSigner, otherPub := testSigner(t)
	for name, tc := range map[string]struct {
		tamper func(t *testing.T, dir string) // may replace the public key
		pub    []byte
		min    string
		is     error
		want   string
	}{
		"edited manifest": {tamper: func(t *testing.T, dir string) {
			b := read(t, dir, ManifestName)
			write(t, dir, ManifestName, strings.Replace(b, `"vi"`, `"xx"`, 1))
		}, is: ErrBadSignature},
		"manifest listing a defaced file": {tamper: func(t *testing.T, dir string) {
			write(t, dir, "site/index.html", "defaced")
			m, err := BuildManifest(os.DirFS(filepath.Join(dir, SiteDir)), "2024.1", testCreated, []string{"vi", "en", "fr"})
			if err != nil {
				t.Fatal(err)
			}
			write(t, dir, ManifestName, string(m.Marshal()))
		}, is: ErrBadSignature},
		"signature over another manifest": {tamper: func(t *testing.T, dir string) {
			sig, err := otherSigner.Sign(testManifestJSON(t, "2024.1"))
			if err != nil {
				t.Fatal(err)
			}
			write(t, dir, SignatureName, string(sig))
		}, pub: otherPub, is: ErrBadSignature},
		"another key": {tamper: func(*testing.T, string) {}, pub: otherPub, is: ErrWrongKey},
		"re-signed by another key": {tamper: func(t *testing.T, dir string) {
			sig, err := otherSigner.Sign([]byte(read(t, dir, ManifestName)))
			if err != nil {
				t.Fatal(err)
			}
			write(t, dir, SignatureName, string(sig))
		}, is: ErrWrongKey},
		"no manifest": {tamper: func(t *testing.T, dir string) {
			remove(t, dir, ManifestName)
		}, is: ErrNotCopy, want: ManifestName},
		"no signature": {tamper: func(t *testing.T, dir string) {
			remove(t, dir, SignatureName)
		}, is: ErrNotCopy, want: SignatureName},
		"truncated manifest": {tamper: func(t *testing.T, dir string) {
			b := read(t, dir, ManifestName)
			write(t, dir, ManifestName, b[:len(b)/2])
		}, is: ErrBadSignature},
		"empty directory": {tamper: func(t *testing.T, dir string) {
			for _, n := range []string{ManifestName, SignatureName, SumsName, SourceName, SiteDir} {
				remove(t, dir, n)
			}
		}, is: ErrNotCopy},
		"symlink in copy": {tamper: func(t *testing.T, dir string) {
			remove(t, dir, "site/index.html")
			if err := os.Symlink("/etc/hostname", filepath.Join(dir, "site/index.html")); err != nil {
				t.Skip(err)
			}
		}, want: "symlink"},
		"downgrade":   {tamper: func(*testing.T, string) {}, min: "2024.2", is: ErrDowngrade},
		"bad minimum": {tamper: func(*testing.T, string) {}, min: "../x", want: "minimum"},
		"signed version differs": {tamper: func(t *testing.T, dir string) {
			// A real signature by the right key whose trusted comment names
			// another version than the manifest: a replay trick.
			write(t, dir, SignatureName, string(signWithComment(t, otherSigner, []byte(read(t, dir, ManifestName)), "version:2099.1")))
		}, pub: otherPub, want: `signed for version "2099.1"`},
	} {
		t.Run(name, func(t *testing.T) {
			_, dir, pub := freezeTest(t, "2024.1")
			tc.tamper(t, dir)
			if tc.pub != nil {
				pub = tc.pub
			}
			_, _, err := VerifyFS(os.DirFS(dir), pub, tc.min)
			if err == nil {
				t.Fatal("verified")
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("err = %v, want %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want mention of %q", err, tc.want)
			}
		})
	}
}

func TestVerifyMinVersion(t *testing.T) {
	_, dir, pub := freezeTest(t, "2024.10")
	for _, tc := range []struct {
		min string
		ok  bool
	}{
		{"", true}, {"2024.9", true}, {"2024.10", true}, {"2024.10-rc1", true}, {"2024.10.0", true},
		{"2024.10.1", false}, {"2024.11", false}, {"2025", false},
	} {
		_, _, err := VerifyFS(os.DirFS(dir), pub, tc.min)
		if (err == nil) != tc.ok {
			t.Errorf("min %q: err = %v, want ok=%v", tc.min, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrDowngrade) {
			t.Errorf("min %q: err = %v, want ErrDowngrade", tc.min, err)
		}
	}
}

func signWithComment(t *testing.T, s *Signer, msg []byte, comment string) []byte {
	t.Helper()
	r := minisign.NewReader(bytes.NewReader(msg))
	if _, err := io.Copy(io.Discard, r); err != nil {
		t.Fatal(err)
	}
	return r.SignWithComments(s.key, comment, "test")
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func remove(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}
