package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/release"
)

func testVerify(t *testing.T, fx *releasedSite) {
	rel := filepath.Join(fx.root, "releases", "2024.1")
	code, out, errOut := cli("verify", rel, "--pub", fx.pub)
	if code != exitOK || !strings.Contains(out, "OK: release 2024.1 (vi, en, fr, ar, zh)") {
		t.Fatalf("intact release: exit %d\n%s%s", code, out, errOut)
	}
	_, otherPub := writeTestKey(t, t.TempDir(), "other")

	// Alterations of a copy of the release.
	tests := []struct {
		name   string
		alter  func(dir string)
		args   []string
		errOut []string
	}{
		{"changed file", func(dir string) { appendFile(t, filepath.Join(dir, "site/en/index.html"), "<!-- x -->") }, nil,
			[]string{"1 file(s) differ", "changed  site/en/index.html"}},
		{"missing and extra", func(dir string) {
			if err := os.Rename(filepath.Join(dir, "site/en/index.xml"), filepath.Join(dir, "site/en/feed.xml")); err != nil {
				t.Fatal(err)
			}
		}, nil, []string{"missing  site/en/index.xml", "extra    site/en/feed.xml"}},
		{"tampered manifest", func(dir string) {
			m := manifestOf(t, dir)
			m.Files = m.Files[1:] // still canonical, no longer what was signed
			writeFile(t, filepath.Join(dir, release.ManifestName), string(m.Marshal()))
		}, nil, []string{"NOT VERIFIED", "signature does not match"}},
		{"another key", func(string) {}, []string{"--pub", otherPub}, []string{"another key"}},
		{"downgrade", func(string) {}, []string{"--min-version", "2024.2"}, []string{"older than 2024.2", "downgrade"}},
		{"no signature", func(dir string) { os.Remove(filepath.Join(dir, release.SignatureName)) }, nil, []string{"manifest.json.minisig missing"}},
	}
	for _, tt := range tests {
		dir := filepath.Join(t.TempDir(), "2024.1")
		copyTree(t, rel, dir)
		tt.alter(dir)
		args := []string{"verify", dir}
		if !slices.Contains(tt.args, "--pub") {
			args = append(args, "--pub", fx.pub)
		}
		code, out, errOut := cli(append(args, tt.args...)...)
		if code != exitContent {
			t.Errorf("%s: exit %d\n%s", tt.name, code, out)
		}
		for _, want := range tt.errOut {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", tt.name, want, errOut)
			}
		}
	}
	// A newer release passes the minimum.
	if code, _, errOut := cli("verify", filepath.Join(fx.root, "releases", "2024.3"), "--pub", fx.pub, "--min-version", "2024.2"); code != exitOK {
		t.Errorf("2024.3 with --min-version 2024.2: exit %d %s", code, errOut)
	}

	// JSON for scripts.
	dir := filepath.Join(t.TempDir(), "2024.1")
	copyTree(t, rel, dir)
	writeFile(t, filepath.Join(dir, "site/extra.html"), "x")
	code, out, _ = cli("verify", dir, "--pub", fx.pub, "--format", "json")
	var res verifyResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if code != exitContent || res.OK || res.Version != "2024.1" || !slices.Equal(res.Extra, []string{"site/extra.html"}) || res.Changed == nil {
		t.Errorf("json: exit %d %+v", code, res)
	}

	// An archive, intact and altered.
	zipPath := filepath.Join(t.TempDir(), "en.zip")
	mustRun(t, "bundle", "2024.3", "--lang", "en", "--out", zipPath, "--key", fx.key, "--source", fx.root)
	if code, out, errOut := cli("verify", zipPath, "--pub", fx.pub); code != exitOK || !strings.Contains(out, "OK: release 2024.3 (en)") {
		t.Errorf("intact bundle: exit %d %s%s", code, out, errOut)
	}
	altered := filepath.Join(t.TempDir(), "altered.zip")
	rewriteZip(t, zipPath, altered, "site/en/index.html", []byte("<p>defaced</p>"))
	if code, _, errOut := cli("verify", altered, "--pub", fx.pub); code != exitContent || !strings.Contains(errOut, "changed  site/en/index.html") {
		t.Errorf("altered bundle: exit %d %s", code, errOut)
	}

	for _, args := range [][]string{
		{"verify", rel},
		{"verify", "--pub", fx.pub},
		{"verify", rel, rel, "--pub", fx.pub},
		{"verify", rel, "--pub", fx.pub, "--format", "xml"},
		{"verify", rel, "--pub", fx.pub, "--min-version", "../1"},
	} {
		if code, _, _ := cli(args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, _ := cli("verify", filepath.Join(t.TempDir(), "none"), "--pub", fx.pub); code != exitContent {
		t.Errorf("missing copy: exit %d", code)
	}
}

// rewriteZip copies the zip src to dst with one entry's content replaced.
func rewriteZip(t *testing.T, src, dst, name string, data []byte) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		h := f.FileHeader
		w, err := zw.CreateHeader(&h)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			w.Write(data)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dst, buf.String())
}
