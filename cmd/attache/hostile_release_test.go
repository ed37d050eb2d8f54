package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/release"
)

// hostileRelease is a small site with two signed releases and a bundle of
// the second, for the tests that alter copies.
type hostileRelease struct {
	root, key, pub string
	zip, tgz       string
}

func newHostileRelease(t *testing.T) *hostileRelease {
	t.Helper()
	hr := &hostileRelease{root: writeSite(t, map[string]string{
		"content/vi/news/hoi-nghi.md": cliArticle,
		"content/en/news/meeting.md":  "---\ntitle: Meeting\ndate: 2024-03-05\n---\n\nText.\n",
	})}
	hr.key, hr.pub = writeTestKey(t, t.TempDir(), "publisher")
	mustRun(t, "release", "2024.1", "--key", hr.key, "--source", hr.root)
	appendFile(t, filepath.Join(hr.root, "content/en/news/meeting.md"), "\nMore text.\n")
	mustRun(t, "release", "2024.2", "--key", hr.key, "--source", hr.root)
	dir := t.TempDir()
	hr.zip, hr.tgz = filepath.Join(dir, "en.zip"), filepath.Join(dir, "en.tar.gz")
	for _, out := range []string{hr.zip, hr.tgz} {
		mustRun(t, "bundle", "2024.2", "--lang", "en", "--out", out, "--key", hr.key, "--source", hr.root)
	}
	return hr
}

func (hr *hostileRelease) copyOf(t *testing.T, version string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), version)
	copyTree(t, filepath.Join(hr.root, releasesDir, version), dir)
	return dir
}

// TestHostileReleases alters copies of a release in the ways a broken
// upload or an attacker would, and checks that verify refuses each one
// (exit 1) with a message that says what is wrong, and that diff with a
// key refuses them too. No Go stack trace is ever printed, and nothing is
// written outside the copies.
func TestHostileReleases(t *testing.T) {
	hr := newHostileRelease(t)
	outsideBefore := dirNames(t, filepath.Dir(filepath.Dir(hr.zip)))
	tests := []struct {
		name  string
		make  func(t *testing.T) string // returns the copy to check
		words []string                  // all in stderr
	}{
		{"truncated release folder", func(t *testing.T) string {
			dir := hr.copyOf(t, "2024.1")
			n := 0
			filepath.WalkDir(filepath.Join(dir, "site"), func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					if n++; n%2 == 0 {
						os.Remove(p)
					}
				}
				return nil
			})
			return dir
		}, []string{"differ", "missing  site/"}},
		{"truncated manifest", func(t *testing.T) string {
			dir := hr.copyOf(t, "2024.1")
			b := mustRead(t, filepath.Join(dir, release.ManifestName))
			writeFile(t, filepath.Join(dir, release.ManifestName), string(b[:len(b)/2]))
			return dir
		}, []string{"manifest"}},
		{"empty folder", func(t *testing.T) string { return t.TempDir() }, []string{"manifest.json"}},
		{"manifest edited by hand", func(t *testing.T) string {
			dir := hr.copyOf(t, "2024.1")
			p := filepath.Join(dir, release.ManifestName)
			b := string(mustRead(t, p))
			i := strings.Index(b, `"sha256": "`) + len(`"sha256": "`)
			if i < len(`"sha256": "`) {
				i = strings.Index(b, `"sha256":"`) + len(`"sha256":"`)
			}
			c := "0"
			if b[i] == '0' {
				c = "1"
			}
			writeFile(t, p, b[:i]+c+b[i+1:])
			return dir
		}, []string{"NOT VERIFIED"}},
		{"signature over another manifest", func(t *testing.T) string {
			dir := hr.copyOf(t, "2024.1")
			other := mustRead(t, filepath.Join(hr.root, releasesDir, "2024.2", release.SignatureName))
			writeFile(t, filepath.Join(dir, release.SignatureName), string(other))
			return dir
		}, []string{"NOT VERIFIED", "signature"}},
		{"zip with ../ entry", func(t *testing.T) string {
			return rewriteArchive(t, hr.zip, "../../evil.txt", "evil", false)
		}, []string{"unsafe archive", "evil.txt"}},
		{"zip with absolute entry", func(t *testing.T) string {
			return rewriteArchive(t, hr.zip, "/tmp/evil.txt", "evil", false)
		}, []string{"unsafe archive", "evil.txt"}},
		{"zip with a symlink", func(t *testing.T) string {
			return rewriteArchive(t, hr.zip, "site/en/passwd", "/etc/passwd", true)
		}, []string{"unsafe archive", "symlink"}},
		{"tar.gz with ../ entry", func(t *testing.T) string {
			return rewriteArchive(t, hr.tgz, "site/../../evil.txt", "evil", false)
		}, []string{"unsafe archive", "evil.txt"}},
		{"tar.gz with a symlink", func(t *testing.T) string {
			return rewriteArchive(t, hr.tgz, "site/en/passwd", "/etc/passwd", true)
		}, []string{"unsafe archive", "symlink"}},
		{"truncated zip", func(t *testing.T) string {
			b := mustRead(t, hr.zip)
			p := filepath.Join(t.TempDir(), "cut.zip")
			writeFile(t, p, string(b[:len(b)*2/3]))
			return p
		}, []string{"cut.zip"}},
		{"truncated tar.gz", func(t *testing.T) string {
			b := mustRead(t, hr.tgz)
			p := filepath.Join(t.TempDir(), "cut.tar.gz")
			writeFile(t, p, string(b[:len(b)*2/3]))
			return p
		}, []string{"cut.tar.gz"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			copyPath := tt.make(t)
			code, stdout, stderr := cli("verify", copyPath, "--pub", hr.pub)
			if code != exitContent {
				t.Errorf("verify: exit %d, want %d\n%s%s", code, exitContent, stdout, stderr)
			}
			for _, w := range tt.words {
				if !strings.Contains(stderr, w) {
					t.Errorf("verify: stderr lacks %q:\n%s", w, stderr)
				}
			}
			noStackTrace(t, stderr)
			t.Logf("verify: %s", firstLine(stderr))
			code, _, stderr = cli("diff", "2024.2", copyPath, "--source", hr.root, "--pub", hr.pub)
			if code != exitContent || !strings.Contains(stderr, "attache diff:") {
				t.Errorf("diff --pub: exit %d, want %d\n%s", code, exitContent, stderr)
			}
			t.Logf("diff: %s", firstLine(stderr))
			noStackTrace(t, stderr)
		})
	}
	if after := dirNames(t, filepath.Dir(filepath.Dir(hr.zip))); after != outsideBefore {
		t.Errorf("files appeared beside the archives: %s → %s", outsideBefore, after)
	}
	if _, err := os.Stat("/tmp/evil.txt"); err == nil {
		t.Errorf("/tmp/evil.txt exists")
	}
}

// rewriteArchive copies a bundle archive (.zip or .tar.gz) with one entry
// added: a file named name holding data, or a symbolic link to data.
func rewriteArchive(t *testing.T, src, name, data string, symlink bool) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	var b bytes.Buffer
	if strings.HasSuffix(src, ".zip") {
		zr, err := zip.OpenReader(src)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		zw := zip.NewWriter(&b)
		for _, f := range zr.File {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
		}
		h := &zip.FileHeader{Name: name, Method: zip.Deflate}
		if symlink {
			h.SetMode(os.ModeSymlink | 0o777)
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, data)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	} else {
		f, err := os.Open(src)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		gz, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		tr := tar.NewReader(gz)
		gw := gzip.NewWriter(&b)
		tw := tar.NewWriter(gw)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := tw.WriteHeader(h); err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(tw, tr); err != nil {
				t.Fatal(err)
			}
		}
		h := &tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}
		if symlink {
			h = &tar.Header{Name: name, Mode: 0o777, Linkname: data, Typeflag: tar.TypeSymlink}
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if !symlink {
			io.WriteString(tw, data)
		}
		if err := tw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := gw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, dst, b.String())
	return dst
}

// noStackTrace fails if a command printed a Go panic or stack trace.
func noStackTrace(t *testing.T, stderr string) {
	t.Helper()
	if strings.Contains(stderr, "panic:") || strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, ".go:") {
		t.Errorf("a Go stack trace was printed:\n%s", stderr)
	}
}

// dirNames lists a folder's entries, for a before-and-after check.
func dirNames(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return strings.Join(names, ",")
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
