package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"aead.dev/minisign"

	"github.com/attache-ssg/attache/internal/archive"
	"github.com/attache-ssg/attache/internal/release"
)

// releasedSite is a copy of the sample publication with three releases:
// 2024.1 and 2024.2 from the same sources, then 2024.3 after an article
// was removed, one changed and one added (the current sources).
type releasedSite struct {
	root     string // the site; releases/ inside
	key, pub string // an unencrypted test key pair, outside the site
}

// Files changed between 2024.2 and 2024.3.
const (
	removedArticle = "content/en/news/working-with-the-press-office.md"
	changedArticle = "content/en/news/school-youth-union-briefing.md"
	addedArticle   = "content/en/news/consular-hours-2025.md"
)

// TestReleaseWorkflow runs the publisher's and the mirror's commands on one
// set of releases of the sample (releasing is the slow part): each subtest
// that changes something works on a copy.
func TestReleaseWorkflow(t *testing.T) {
	fx := newReleasedSite(t)
	t.Run("same sources give the same files", func(t *testing.T) { testSameSourcesSameFiles(t, fx) })
	t.Run("a version is released once", func(t *testing.T) { testReleaseExisting(t, fx) })
	t.Run("sources archive", func(t *testing.T) { testSourcesArchive(t, fx) })
	t.Run("minisign verifies a release", func(t *testing.T) { testMinisignVerifiesRelease(t, fx) })
	t.Run("build publishes releases", func(t *testing.T) { testBuildPublishesReleases(t, fx) })
	t.Run("build --release", func(t *testing.T) { testBuildReleaseAtRoot(t, fx) })
	t.Run("build refuses an altered release", func(t *testing.T) { testBuildRefusesAlteredRelease(t, fx) })
	t.Run("verify", func(t *testing.T) { testVerify(t, fx) })
	t.Run("diff", func(t *testing.T) { testDiff(t, fx) })
	t.Run("bundle", func(t *testing.T) { testBundle(t, fx) })
	t.Run("bundle served by nginx", func(t *testing.T) { testBundleWithNginx(t, fx) })
	t.Run("version switcher in a browser", func(t *testing.T) { testVersionSwitcherInBrowser(t, fx) })
}

func newReleasedSite(t *testing.T) *releasedSite {
	t.Helper()
	dir := t.TempDir()
	fx := &releasedSite{root: filepath.Join(dir, "site")}
	fx.key, fx.pub = writeTestKey(t, dir, "publisher")
	copySample(t, fx.root)
	for _, v := range []string{"2024.1", "2024.2"} {
		mustRun(t, "release", v, "--key", fx.key, "--source", fx.root)
	}
	if err := os.Remove(filepath.Join(fx.root, removedArticle)); err != nil {
		t.Fatal(err)
	}
	appendFile(t, filepath.Join(fx.root, changedArticle), "\nA paragraph added after the release.\n")
	writeFile(t, filepath.Join(fx.root, addedArticle), "---\ntitle: Consular hours in 2025\ndate: 2025-01-06\n---\n\nThe consular section is open on weekdays.\n")
	mustRun(t, "release", "2024.3", "--key", fx.key, "--source", fx.root)
	return fx
}

// writeTestKey writes an unencrypted minisign key pair NAME.key, NAME.pub
// into dir: minisign's encryption costs a gigabyte of scrypt per use.
func writeTestKey(t *testing.T, dir, name string) (key, pub string) {
	t.Helper()
	pk, sk, err := minisign.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	skText, err := sk.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	pkText, err := pk.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	key, pub = filepath.Join(dir, name+".key"), filepath.Join(dir, name+".pub")
	writeFile(t, key, string(skText)+"\n")
	writeFile(t, pub, string(pkText)+"\n")
	return key, pub
}

// copySample copies the sample publication's sources (the repository's
// site.yaml, content/, static/, layouts/ and i18n/) to dst.
func copySample(t *testing.T, dst string) {
	t.Helper()
	for _, name := range []string{"site.yaml", "content", "static", "layouts", "i18n"} {
		copyTree(t, filepath.Join(repoRoot, name), filepath.Join(dst, name))
	}
}

// copyTree copies a file or a folder.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendFile(t *testing.T, p, data string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, p, string(b)+data)
}

// cli runs the command line in-process.
func cli(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := cli(args...)
	if code != exitOK {
		t.Fatalf("attache %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

func manifestOf(t *testing.T, dir string) *release.Manifest {
	t.Helper()
	m, err := release.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func testSameSourcesSameFiles(t *testing.T, fx *releasedSite) {
	r1 := filepath.Join(fx.root, "releases", "2024.1")
	r2 := filepath.Join(fx.root, "releases", "2024.2")
	m1, m2 := manifestOf(t, r1), manifestOf(t, r2)
	if len(m1.Files) < 300 {
		t.Fatalf("only %d files released", len(m1.Files))
	}
	if !slices.Equal(m1.Files, m2.Files) || *m1.Source != *m2.Source || !m1.Created.Equal(m2.Created) {
		t.Error("the same sources released twice give different files")
	}
	for _, name := range []string{release.SumsName, release.SourceName} {
		a, _ := os.ReadFile(filepath.Join(r1, name))
		b, _ := os.ReadFile(filepath.Join(r2, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between 2024.1 and 2024.2", name)
		}
	}
	if !slices.Equal(m1.Languages, []string{"vi", "en", "fr", "ar", "zh"}) || m1.Version != "2024.1" {
		t.Errorf("manifest header: %s %q", m1.Version, m1.Languages)
	}
	// The release is the build of the sources: the same pages as `attache build`.
	out := buildSample(t)
	built := tree(t, out)
	for _, f := range m1.Files {
		if _, ok := built[f.Path]; !ok {
			t.Errorf("released %s, which a build does not make", f.Path)
		}
	}
	// Drafts and future articles stay out, as in a build.
	for _, f := range m1.Files {
		if strings.Contains(f.Path, "ban-nhap-dien-dan-truyen-thong-so") || strings.Contains(f.Path, "hoi-nghi-tong-ket-chien-luoc-2030") {
			t.Errorf("a draft or future article was released: %s", f.Path)
		}
		if strings.HasPrefix(f.Path, "v/") || f.Path == archive.VersionsFile || strings.HasPrefix(f.Path, "releases/") {
			t.Errorf("a release holds %s: releases are not nested", f.Path)
		}
	}
	// 2024.3 was made from other sources.
	m3 := manifestOf(t, filepath.Join(fx.root, "releases", "2024.3"))
	if slices.Equal(m1.Files, m3.Files) || *m1.Source == *m3.Source {
		t.Error("changed sources gave the same release")
	}
}

func testReleaseExisting(t *testing.T, fx *releasedSite) {
	before := snapshotTree(t, filepath.Join(fx.root, "releases"))
	code, _, errOut := cli("release", "2024.1", "--key", fx.key, "--source", fx.root)
	if code != exitContent || !strings.Contains(errOut, "already exists") {
		t.Errorf("releasing 2024.1 again: exit %d, %s", code, errOut)
	}
	if after := snapshotTree(t, filepath.Join(fx.root, "releases")); !equalMaps(before, after) {
		t.Error("releasing an existing version changed releases/")
	}
}

func testSourcesArchive(t *testing.T, fx *releasedSite) {
	names := tarNames(t, filepath.Join(fx.root, "releases", "2024.3", release.SourceName))
	for _, want := range []string{"site.yaml", addedArticle, changedArticle, "static/images/logo.svg", "i18n/vi.yaml", release.ThemeDir + "/layouts/_default/baseof.html", "content/vi/news/Đoàn trường thực hiện hội nghị.md"} {
		if !slices.Contains(names, want) {
			t.Errorf("source.tar.gz lacks %s", want)
		}
	}
	for _, n := range names {
		if strings.HasPrefix(n, "releases/") || strings.HasPrefix(n, "public/") || n == removedArticle || strings.HasSuffix(n, ".key") {
			t.Errorf("source.tar.gz holds %s", n)
		}
	}
}

func tarNames(t *testing.T, p string) []string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return names
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			names = append(names, h.Name)
		}
	}
}

// minisignBinary returns the real minisign, skipping the test when it is
// missing except in CI (CI=true), where the check must run.
func minisignBinary(t *testing.T) string {
	t.Helper()
	return requireBinary(t, "minisign", "minisign")
}

func requireBinary(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		for _, dir := range []string{"/usr/sbin", "/usr/bin"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				return filepath.Join(dir, name)
			}
		}
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s not installed; CI must run this test (apt-get install -y %s)", name, pkg)
		}
		t.Skipf("%s not installed (apt-get install -y %s)", name, pkg)
	}
	return p
}

// `minisign -Vm releases/2024.1/manifest.json -p publisher.pub` verifies
// what `attache release` wrote, and names the version.
func testMinisignVerifiesRelease(t *testing.T, fx *releasedSite) {
	bin := minisignBinary(t)
	for _, v := range []string{"2024.1", "2024.3"} {
		cmd := exec.Command(bin, "-Vm", filepath.Join("releases", v, release.ManifestName), "-p", fx.pub)
		cmd.Dir = fx.root
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("minisign -V: %v\n%s", err, out)
		}
		if !strings.Contains(string(out), "Trusted comment: attache manifest version:"+v) {
			t.Errorf("minisign's output does not name %s:\n%s", v, out)
		}
	}
	// Another key does not verify it.
	_, otherPub := writeTestKey(t, t.TempDir(), "other")
	cmd := exec.Command(bin, "-Vm", filepath.Join("releases", "2024.1", release.ManifestName), "-p", otherPub)
	cmd.Dir = fx.root
	if out, err := cmd.CombinedOutput(); err == nil {
		t.Errorf("minisign verified with another key:\n%s", out)
	}
}

func testBuildPublishesReleases(t *testing.T, fx *releasedSite) {
	out := filepath.Join(t.TempDir(), "public")
	mustRun(t, "build", "--source", fx.root, "--out", out)
	files := tree(t, out)

	// The root is the current sources: the removed article is gone, the
	// added one is there.
	if _, ok := files["en/news/working-with-the-press-office/index.html"]; ok {
		t.Error("the current site still has the removed article")
	}
	if _, ok := files["en/news/consular-hours-2025/index.html"]; !ok {
		t.Error("the current site lacks the added article")
	}
	// Each kept release, byte for byte except its pages.
	for _, v := range []string{"2024.1", "2024.2", "2024.3"} {
		m := manifestOf(t, filepath.Join(fx.root, "releases", v))
		for _, f := range m.Files {
			got, ok := files["v/"+v+"/"+f.Path]
			if !ok {
				t.Errorf("v/%s/%s not published", v, f.Path)
				continue
			}
			if !strings.HasSuffix(f.Path, ".html") {
				frozen, _ := os.ReadFile(filepath.Join(fx.root, "releases", v, "site", f.Path))
				if !bytes.Equal(got, frozen) {
					t.Errorf("v/%s/%s differs from the release", v, f.Path)
				}
			}
		}
	}
	var vj archive.Versions
	if err := json.Unmarshal(files["versions.json"], &vj); err != nil {
		t.Fatalf("versions.json: %v", err)
	}
	var listed []string
	for _, e := range vj.Versions {
		listed = append(listed, e.Version+" "+e.Path)
	}
	if vj.Latest != "2024.3" || !slices.Equal(listed, []string{"2024.3 v/2024.3/", "2024.2 v/2024.2/", "2024.1 v/2024.1/"}) ||
		vj.Current.Path != "./" || len(vj.Current.Languages) != 5 || !vj.Versions[0].Latest || vj.Versions[0].Date == "" {
		t.Errorf("versions.json = %s", files["versions.json"])
	}

	const base = "https://attache.example.org/"
	tests := []struct {
		page, canonical, link string
	}{
		// Still there: the notice and canonical lead to the current page.
		{"v/2024.1/en/news/school-youth-union-briefing/index.html", base + "en/news/school-youth-union-briefing/", "en/news/school-youth-union-briefing/index.html"},
		// Removed since: to the current home of its language.
		{"v/2024.1/en/news/working-with-the-press-office/index.html", base + "en/", "en/index.html"},
		{"v/2024.2/vi/index.html", base + "vi/", "vi/index.html"},
	}
	for _, tt := range tests {
		b := files[tt.page]
		pp := parsePage(t, tt.page, b)
		if pp.canonical != tt.canonical {
			t.Errorf("%s: canonical %q, want %q", tt.page, pp.canonical, tt.canonical)
		}
		if !bytes.Contains(b, []byte(`class="archived-notice" role="note"`)) {
			t.Errorf("%s: no archived notice", tt.page)
		}
		found := false
		for _, l := range pp.links {
			if resolveLocal(tt.page, l) == tt.link {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no link to the current page %s", tt.page, tt.link)
		}
	}
	for page, text := range map[string]string{
		"v/2024.1/fr/index.html": "Vous consultez une version archivée (2024.1) de cette page. <a",
		"v/2024.1/ar/index.html": "أنت تقرأ نسخة مؤرشفة (2024.1) من هذه الصفحة. <a",
	} {
		if !bytes.Contains(files[page], []byte(text)) {
			t.Errorf("%s: the notice is not in the page's language", page)
		}
	}
	// Every relative link of an archived page leads to a published file:
	// the release's links work under /v/<version>/, the notice's lead out.
	for name, b := range files {
		if !strings.HasPrefix(name, "v/2024.1/") || !strings.HasSuffix(name, ".html") || strings.HasSuffix(name, "/404.html") {
			continue
		}
		for _, l := range parsePage(t, name, b).links {
			if strings.HasPrefix(l, "/") {
				t.Errorf("%s: root-relative link %q", name, l)
				continue
			}
			if target := resolveLocal(name, l); target != "" {
				if _, ok := files[unescape(target)]; !ok {
					t.Errorf("%s: link %q leads to missing %s", name, l, target)
				}
			}
		}
	}
	// The current pages carry the version switcher's placeholder.
	if !bytes.Contains(files["en/index.html"], []byte(`class="version-switcher" hidden data-root="../"`)) {
		t.Error("no version switcher placeholder in the header")
	}
}

func unescape(p string) string {
	if dec, err := url.PathUnescape(p); err == nil {
		return dec
	}
	return p
}

func testBuildReleaseAtRoot(t *testing.T, fx *releasedSite) {
	out := filepath.Join(t.TempDir(), "public")
	stdout := mustRun(t, "build", "--source", fx.root, "--out", out, "--release", "2024.1", "--pub", fx.pub)
	if !strings.Contains(stdout, "signature checked") {
		t.Errorf("stdout: %s", stdout)
	}
	files := tree(t, out)
	m := manifestOf(t, filepath.Join(fx.root, "releases", "2024.1"))
	for _, f := range m.Files {
		frozen, _ := os.ReadFile(filepath.Join(fx.root, "releases", "2024.1", "site", f.Path))
		if !bytes.Equal(files[f.Path], frozen) {
			t.Errorf("%s at the root is not the release's", f.Path)
		}
	}
	// The release's page removed since is at the root again.
	if _, ok := files["en/news/working-with-the-press-office/index.html"]; !ok {
		t.Error("the release's article is not at the root")
	}
	var vj archive.Versions
	if err := json.Unmarshal(files["versions.json"], &vj); err != nil || vj.Current.Version != "2024.1" || vj.Current.Date == "" {
		t.Errorf("versions.json = %s (%v)", files["versions.json"], err)
	}
	if _, ok := files["v/2024.3/en/news/consular-hours-2025/index.html"]; !ok {
		t.Error("kept releases are not published beside the root release")
	}

	_, otherPub := writeTestKey(t, t.TempDir(), "other")
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--release", "2024.1", "--pub", otherPub}, exitContent, "another key"},
		{[]string{"--release", "2099.1"}, exitContent, "no release 2099.1"},
		{[]string{"--release", "../x"}, exitContent, "version"},
		{[]string{"--pub", fx.pub}, exitUsage, "--pub goes with --release"},
		{[]string{"--release", "2024.1", "--drafts"}, exitUsage, "do not apply"},
	} {
		dst := filepath.Join(t.TempDir(), "public")
		code, _, errOut := cli(append([]string{"build", "--source", fx.root, "--out", dst}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("build %q: exit %d, %s", tt.args, code, errOut)
		}
		if _, err := os.Stat(dst); err == nil {
			t.Errorf("build %q wrote %s", tt.args, dst)
		}
	}
}

// A release altered after it was made is not published, and the previous
// output stays.
func testBuildRefusesAlteredRelease(t *testing.T, fx *releasedSite) {
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fx.root, root)
	out := filepath.Join(t.TempDir(), "public")
	mustRun(t, "build", "--source", root, "--out", out)
	before := snapshotTree(t, out)
	writeFile(t, filepath.Join(root, "releases", "2024.2", "site", "en", "index.html"), "<p>defaced</p>")
	code, _, errOut := cli("build", "--source", root, "--out", out)
	if code != exitContent || !strings.Contains(errOut, "no longer matches its manifest") || !strings.Contains(errOut, "site/en/index.html") {
		t.Errorf("exit %d, %s", code, errOut)
	}
	if after := snapshotTree(t, out); !equalMaps(before, after) {
		t.Error("a failed build changed the output")
	}
	// A release copied under another version's name is not published.
	writeFile(t, filepath.Join(root, "releases", "2024.2", "site", "en", "index.html"), string(mustRead(t, filepath.Join(fx.root, "releases", "2024.2", "site", "en", "index.html"))))
	copyTree(t, filepath.Join(root, "releases", "2024.1"), filepath.Join(root, "releases", "2024.9"))
	code, _, errOut = cli("build", "--source", root, "--out", out)
	if code != exitContent || !strings.Contains(errOut, "holds release 2024.1") {
		t.Errorf("renamed release: exit %d, %s", code, errOut)
	}
	// --out inside releases/ would let the build replace releases.
	code, _, errOut = cli("build", "--source", root, "--out", filepath.Join(root, "releases", "x"))
	if code != exitUsage || !strings.Contains(errOut, "releases/") {
		t.Errorf("--out inside releases/: exit %d, %s", code, errOut)
	}
}

func TestReleaseUsage(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copySample(t, root)
	key, _ := writeTestKey(t, filepath.Dir(root), "k")
	writeFile(t, filepath.Join(root, "static", "k.key"), "x")
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no version", []string{"release", "--key", key, "--source", root}, exitUsage, "exactly one VERSION"},
		{"two versions", []string{"release", "1", "2", "--key", key, "--source", root}, exitUsage, "exactly one VERSION"},
		{"bad version", []string{"release", "../2024", "--key", key, "--source", root}, exitUsage, "version"},
		{"bad flag", []string{"release", "1", "--nope"}, exitUsage, "nope"},
		{"missing key", []string{"release", "2024.1", "--key", filepath.Join(root, "none.key"), "--source", root}, exitContent, "attache keygen"},
		{"key in static", []string{"release", "2024.1", "--key", filepath.Join(root, "static", "k.key"), "--source", root}, exitContent, "would be published"},
		{"not a site", []string{"release", "2024.1", "--key", key, "--source", t.TempDir()}, exitContent, "site.yaml"},
		{"bad SOURCE_DATE_EPOCH", []string{"release", "2024.1", "--key", key, "--source", root}, exitUsage, "SOURCE_DATE_EPOCH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "bad SOURCE_DATE_EPOCH" {
				t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
			}
			code, _, errOut := cli(tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.msg) {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(root, "releases")); err == nil {
		t.Error("a refused release left releases/ behind")
	}
}

// With SOURCE_DATE_EPOCH the release's time is that moment, and articles
// dated after it are held back.
func TestReleaseSourceDateEpoch(t *testing.T) {
	root := filepath.Join(t.TempDir(), "site")
	copySample(t, root)
	key, _ := writeTestKey(t, filepath.Dir(root), "k")
	t.Setenv("SOURCE_DATE_EPOCH", "1704067200") // 2024-01-01T00:00:00Z
	mustRun(t, "release", "2024.1", "--key", key, "--source", root)
	m := manifestOf(t, filepath.Join(root, "releases", "2024.1"))
	if got := m.Created.Format("2006-01-02T15:04:05Z07:00"); got != "2024-01-01T00:00:00Z" {
		t.Errorf("created %s", got)
	}
	for _, f := range m.Files {
		if strings.HasPrefix(f.Path, "en/news/working-with-the-press-office/") { // dated 2024-04-02
			t.Errorf("an article dated after SOURCE_DATE_EPOCH was released: %s", f.Path)
		}
	}
}

// snapshotTree maps every path under root to its mode and content.
func snapshotTree(t *testing.T, root string) map[string]string {
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
		v := info.Mode().String()
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

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
