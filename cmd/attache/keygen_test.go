package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/release"
)

// fakeKeys writes placeholder key files, recording the password, without
// minisign's gigabyte of scrypt.
func fakeKeys(password []byte, err error) (keyMaker, *string) {
	var got string
	return keyMaker{
		password: func(confirm bool) ([]byte, error) {
			if !confirm {
				return nil, errors.New("keygen must ask twice")
			}
			return password, err
		},
		write: func(name string, pw []byte) (string, string, error) {
			got = string(pw)
			for _, p := range []string{name + ".key", name + ".pub"} {
				if _, err := os.Stat(p); err == nil {
					return "", "", &fs.PathError{Op: "create", Path: p, Err: fs.ErrExist}
				}
				if err := os.WriteFile(p, []byte("k"), 0o600); err != nil {
					return "", "", err
				}
			}
			return name + ".key", name + ".pub", nil
		},
	}, &got
}

func TestKeygen(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	km, got := fakeKeys([]byte("s3cret"), nil)
	if err := os.Mkdir("keys", 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		km   keyMaker
		code int
		msg  string
	}{
		{"writes both files", []string{"--out", "keys/publisher"}, km, exitOK, "wrote keys/publisher.key"},
		{"a .key suffix is the same name", []string{"--out", "keys/other.key"}, km, exitOK, "wrote keys/other.pub"},
		{"never overwrites", []string{"--out", "keys/publisher"}, km, exitContent, "never overwritten"},
		{"no password", []string{"--out", "keys/x"}, keyMaker{password: func(bool) ([]byte, error) { return nil, release.ErrNoPassword }, write: km.write}, exitContent, release.PasswordEnv},
		{"positional argument", []string{"publisher"}, km, exitUsage, "unexpected argument"},
		{"empty name", []string{"--out", ""}, km, exitUsage, "needs a file name"},
		{"bad flag", []string{"--bits", "4096"}, km, exitUsage, "bits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o, e strings.Builder
			code := keygen(tt.args, &o, &e, tt.km)
			if code != tt.code || !strings.Contains(o.String()+e.String(), tt.msg) {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, o.String(), e.String())
			}
		})
	}
	if *got != "s3cret" {
		t.Errorf("the key was encrypted with %q", *got)
	}

	// In a site's folder, a key in a published folder is refused.
	writeFile(t, filepath.Join(dir, "site.yaml"), "languages: {en: {}}\n")
	var o, e strings.Builder
	if code := keygen([]string{"--out", "static/publisher"}, &o, &e, km); code != exitUsage || !strings.Contains(e.String(), "would be published") {
		t.Errorf("key in static/: exit %d %s", code, e.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "static")); err == nil {
		t.Error("a refused key was written")
	}
}

// The real thing, once: minisign's encrypted key, made with the password
// from the environment, signs a release that verifies. Skipped
// under -short and the race detector (scrypt over 1 GiB takes minutes there).
func TestKeygenEncryptedKeySignsRelease(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("minisign's key encryption is slow by design")
	}
	dir := t.TempDir()
	t.Setenv(release.PasswordEnv, "correct horse battery staple")
	mustRun(t, "keygen", "--out", filepath.Join(dir, "publisher"))
	key, pub := filepath.Join(dir, "publisher.key"), filepath.Join(dir, "publisher.pub")
	b, err := os.ReadFile(key)
	if err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(key); st.Mode().Perm() != 0o600 {
		t.Errorf("private key mode %v", st.Mode())
	}
	if !strings.HasPrefix(string(b), "untrusted comment:") {
		t.Errorf("not a minisign key file:\n%s", b)
	}

	root := filepath.Join(dir, "site")
	writeFile(t, filepath.Join(root, "site.yaml"), "baseURL: https://e.example/\nlanguages: {en: {name: English}}\n")
	writeFile(t, filepath.Join(root, "content/en/news/a.md"), "---\ntitle: A\ndate: 2024-01-02\n---\n\nText.\n")
	mustRun(t, "release", "1.0", "--key", key, "--source", root)
	if code, out, errOut := cli("verify", filepath.Join(root, "releases", "1.0"), "--pub", pub); code != exitOK {
		t.Errorf("verify: %s%s", out, errOut)
	}
}
