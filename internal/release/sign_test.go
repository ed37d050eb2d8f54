package release

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"aead.dev/minisign"
)

func testManifestJSON(t testing.TB, version string) []byte {
	t.Helper()
	m, err := BuildManifest(testSite(), version, testCreated, []string{"vi", "en"})
	if err != nil {
		t.Fatal(err)
	}
	return m.Marshal()
}

func TestSignVerify(t *testing.T) {
	s, pub := testSigner(t)
	mj := testManifestJSON(t, "2024.1")
	sig, err := s.Sign(mj)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(sig), "\ntrusted comment: attache manifest version:2024.1\n") {
		t.Errorf("trusted comment does not name the version:\n%s", sig)
	}
	v, err := VerifySignature(mj, sig, pub)
	if err != nil || v != "2024.1" {
		t.Fatalf("VerifySignature = %q, %v", v, err)
	}
	again, err := s.Sign(mj)
	if err != nil || !bytes.Equal(again, sig) {
		t.Errorf("signing twice gave different signatures")
	}
	var parsed minisign.Signature
	if err := parsed.UnmarshalText(sig); err != nil || parsed.Algorithm != minisign.HashEdDSA {
		t.Errorf("signature is not prehashed minisign: %v %+v", err, parsed)
	}
	// The package-level Sign takes the key file.
	priv, pub2 := testKey(t)
	sig2, err := Sign(mj, priv, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifySignature(mj, sig2, pub2); err != nil {
		t.Error(err)
	}
}

func TestSignRefusesInvalidManifest(t *testing.T) {
	s, _ := testSigner(t)
	if _, err := s.Sign([]byte(`{"version": "1"}`)); err == nil {
		t.Error("signed an invalid manifest")
	}
}

func TestVerifySignatureFails(t *testing.T) {
	s, pub := testSigner(t)
	_, otherPub := testSigner(t)
	mj := testManifestJSON(t, "2024.1")
	other := testManifestJSON(t, "2024.2")
	sig, err := s.Sign(mj)
	if err != nil {
		t.Fatal(err)
	}
	otherSig, err := s.Sign(other)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(mj, []byte(`"size": 7`), []byte(`"size": 8`), 1)
	if bytes.Equal(edited, mj) {
		t.Fatal("edit did not apply")
	}
	var parsed minisign.Signature
	if err := parsed.UnmarshalText(sig); err != nil {
		t.Fatal(err)
	}
	forgedComment := bytes.Replace(sig, []byte("version:2024.1"), []byte("version:2099.1"), 1)

	for name, tc := range map[string]struct {
		manifest, sig, pub []byte
		is                 error
		want               string
	}{
		"edited manifest":     {edited, sig, pub, ErrBadSignature, ""},
		"other manifest":      {mj, otherSig, pub, ErrBadSignature, ""},
		"other key":           {mj, sig, otherPub, ErrWrongKey, ""},
		"forged comment":      {mj, forgedComment, pub, ErrBadSignature, ""},
		"garbage signature":   {mj, []byte("not a signature"), pub, nil, "minisign"},
		"empty signature":     {mj, nil, pub, nil, "minisign"},
		"truncated signature": {mj, sig[:len(sig)/2], pub, nil, "minisign"},
		"garbage key":         {mj, sig, []byte("untrusted comment: x\nAAAA"), nil, "public key"},
		"empty key":           {mj, sig, nil, nil, "public key"},
	} {
		t.Run(name, func(t *testing.T) {
			v, err := VerifySignature(tc.manifest, tc.sig, tc.pub)
			if err == nil {
				t.Fatalf("verified (version %q)", v)
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

// A signature whose trusted comment lacks a usable version is refused even
// when it is cryptographically valid.
func TestVerifySignatureTrustedComment(t *testing.T) {
	priv, pub := testKey(t)
	var sk minisign.PrivateKey
	if err := sk.UnmarshalText(priv); err != nil {
		t.Fatal(err)
	}
	mj := testManifestJSON(t, "2024.1")
	for _, tc := range []struct {
		comment, version string
	}{
		{"attache manifest version:2024.1", "2024.1"},
		{"timestamp:1700000000\tfile:manifest.json\tversion:2024.1", "2024.1"},
		{"version:2024.1", "2024.1"},
		{"timestamp:1700000000\tfile:manifest.json", ""},
		{"version:2024.1 version:2024.2", ""},
		{"version:../../etc", ""},
		{"version:", ""},
	} {
		sig := minisign.SignWithComments(sk, mj, tc.comment, "test")
		v, err := VerifySignature(mj, sig, pub)
		if tc.version == "" {
			if err == nil {
				t.Errorf("%q: accepted as version %q", tc.comment, v)
			}
			continue
		}
		if err != nil || v != tc.version {
			t.Errorf("%q: got %q, %v; want %q", tc.comment, v, err, tc.version)
		}
	}
}

func TestNewSignerBadKey(t *testing.T) {
	for _, key := range [][]byte{nil, []byte("garbage"), []byte("untrusted comment: x\nAAAA\n")} {
		if _, err := NewSigner(key, []byte("pw")); err == nil {
			t.Errorf("NewSigner(%q) succeeded", key)
		}
	}
}

func FuzzVerifySignature(f *testing.F) {
	s, pub := testSigner(f)
	mj := testManifestJSON(f, "2024.1")
	sig, err := s.Sign(mj)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sig)
	f.Add([]byte("untrusted comment: x\nAAAA\ntrusted comment: version:1\nAAAA\n"))
	f.Add(bytes.Replace(sig, []byte("version:2024.1"), []byte("version:2024.2"), 1))
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := VerifySignature(mj, b, pub)
		if err != nil {
			return
		}
		// Only the real signature (or one differing in its untrusted
		// comment) may verify, and it names the manifest's version.
		if v != "2024.1" {
			t.Fatalf("verified with version %q", v)
		}
		var got, want minisign.Signature
		if got.UnmarshalText(b) != nil || want.UnmarshalText(sig) != nil || !got.Equal(want) {
			t.Fatalf("a different signature verified:\n%s", b)
		}
	})
}
