package release

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// minisignBinary returns the path of the real minisign, skipping the test
// when it is missing, except in CI (CI=true), where the check must run.
func minisignBinary(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("minisign")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("minisign not installed; CI must run the interoperability test (apt-get install -y minisign)")
		}
		t.Skip("minisign not installed (apt-get install -y minisign)")
	}
	return p
}

func run(t *testing.T, dir, stdin, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// The contract: `minisign -Vm releases/V/manifest.json -p publisher.pub`
// verifies a release without attache, and names the version.
func TestMinisignVerifiesOurRelease(t *testing.T) {
	bin := minisignBinary(t)
	releases, dir, pub := freezeTest(t, "2024.1")
	pubFile := filepath.Join(releases, "..", "publisher.pub")
	if err := os.WriteFile(pubFile, pub, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := run(t, releases, "", bin, "-Vm", "2024.1/manifest.json", "-p", pubFile)
	if err != nil {
		t.Fatalf("minisign -V: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Trusted comment: attache manifest version:2024.1") {
		t.Errorf("minisign output lacks the version:\n%s", out)
	}
	// minisign also requires it to be prehashed with -H.
	if out, err := run(t, releases, "", bin, "-H", "-Vm", "2024.1/manifest.json", "-p", pubFile); err != nil {
		t.Errorf("minisign -H -V: %v\n%s", err, out)
	}
	write(t, dir, ManifestName, strings.Replace(read(t, dir, ManifestName), "2024.1", "2024.9", 1))
	if out, err := run(t, releases, "", bin, "-Vm", "2024.1/manifest.json", "-p", pubFile); err == nil {
		t.Errorf("minisign verified an edited manifest:\n%s", out)
	}
}

// Keys and signatures made by minisign itself work with this package.
func TestMinisignKeysAndSignatures(t *testing.T) {
	bin := minisignBinary(t)
	dir := t.TempDir()
	if out, err := run(t, dir, "", bin, "-G", "-W", "-p", "m.pub", "-s", "m.key"); err != nil {
		t.Fatalf("minisign -G: %v\n%s", err, out)
	}
	key, pub := readFile(t, dir, "m.key"), readFile(t, dir, "m.pub")
	mj := testManifestJSON(t, "2024.1")
	write(t, dir, ManifestName, string(mj))

	// Our signature with minisign's key, checked by minisign.
	sig, err := Sign(mj, key, nil)
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, SignatureName, string(sig))
	if out, err := run(t, dir, "", bin, "-Vm", ManifestName, "-p", "m.pub"); err != nil {
		t.Fatalf("minisign -V: %v\n%s", err, out)
	}
	// minisign's signature, checked by us: accepted with a version in its
	// trusted comment, refused without one.
	if out, err := run(t, dir, "", bin, "-S", "-s", "m.key", "-m", ManifestName, "-t", "release version:2024.1"); err != nil {
		t.Fatalf("minisign -S: %v\n%s", err, out)
	}
	if v, err := VerifySignature(mj, readFile(t, dir, SignatureName), pub); err != nil || v != "2024.1" {
		t.Errorf("minisign's signature: %q, %v", v, err)
	}
	if out, err := run(t, dir, "", bin, "-S", "-s", "m.key", "-m", ManifestName); err != nil {
		t.Fatalf("minisign -S: %v\n%s", err, out)
	}
	if _, err := VerifySignature(mj, readFile(t, dir, SignatureName), pub); err == nil || !strings.Contains(err.Error(), "no version") {
		t.Errorf("a signature without version: err = %v", err)
	}
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	return []byte(read(t, dir, name))
}

// TestEncryptedKey runs the real keygen path: scrypt over 1 GiB per
// encryption or decryption, as minisign does. Under the race detector
// that takes minutes, so it runs only without it.
func TestEncryptedKey(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("minisign key encryption is slow (scrypt, 1 GiB); skipped with -short and -race")
	}
	dir := t.TempDir()
	keyPath, pubPath, err := WriteKeyFiles(filepath.Join(dir, "publisher"), []byte("correct horse"))
	if err != nil {
		t.Fatal(err)
	}
	if keyPath != filepath.Join(dir, "publisher.key") || pubPath != filepath.Join(dir, "publisher.pub") {
		t.Errorf("paths %q %q", keyPath, pubPath)
	}
	for p, mode := range map[string]fs.FileMode{keyPath: 0o600, pubPath: 0o644} {
		if st, err := os.Stat(p); err != nil || st.Mode().Perm() != mode {
			t.Errorf("%s: mode %v, want %v (%v)", p, st.Mode(), mode, err)
		}
	}
	key, pub := readFile(t, dir, "publisher.key"), readFile(t, dir, "publisher.pub")
	if !strings.HasPrefix(string(key), "untrusted comment: minisign encrypted secret key\n") || !strings.HasPrefix(string(pub), "untrusted comment: minisign public key") {
		t.Errorf("not minisign's formats:\n%s\n%s", key, pub)
	}

	// Right and wrong password, decrypted side by side to halve the wait.
	var signer *Signer
	var errRight, errWrong error
	var wg sync.WaitGroup
	wg.Go(func() { signer, errRight = NewSigner(key, []byte("correct horse")) })
	wg.Go(func() { _, errWrong = NewSigner(key, []byte("wrong horse")) })
	wg.Wait()
	if errRight != nil {
		t.Fatal(errRight)
	}
	if errWrong == nil || !strings.Contains(errWrong.Error(), "wrong password") {
		t.Errorf("wrong password: err = %v", errWrong)
	}
	if !bytes.Equal(signer.PublicKey(), pub) {
		t.Errorf("decrypted key's public key %q, want %q", signer.PublicKey(), pub)
	}
	mj := testManifestJSON(t, "2024.1")
	sig, err := signer.Sign(mj)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifySignature(mj, sig, pub); err != nil {
		t.Error(err)
	}

	// keygen never overwrites a key.
	if _, _, err := WriteKeyFiles(filepath.Join(dir, "publisher"), []byte("x")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("overwrote a key pair: %v", err)
	}
	if !bytes.Equal(readFile(t, dir, "publisher.key"), key) {
		t.Error("key file changed")
	}

	// minisign itself decrypts and uses the key.
	if _, err := exec.LookPath("minisign"); err != nil && os.Getenv("CI") != "true" {
		return
	}
	bin := minisignBinary(t)
	write(t, dir, "msg", "hello")
	if out, err := run(t, dir, "correct horse\n", bin, "-S", "-s", "publisher.key", "-m", "msg", "-t", "version:1"); err != nil {
		t.Fatalf("minisign -S with our key: %v\n%s", err, out)
	}
	if out, err := run(t, dir, "", bin, "-Vm", "msg", "-p", "publisher.pub"); err != nil {
		t.Errorf("minisign -V: %v\n%s", err, out)
	}
}

func TestWriteKeyFilesRefuses(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "publisher.pub", "old")
	if _, _, err := WriteKeyFiles(filepath.Join(dir, "publisher"), []byte("pw")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("err = %v, want fs.ErrExist", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "publisher.key")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("publisher.key written: %v", err)
	}
	if _, _, err := WriteKeyFiles(filepath.Join(dir, "other"), nil); err == nil {
		t.Error("empty password accepted")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("files left: %v", ents)
	}
}
