package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/attache-ssg/attache/internal/archive"
	"github.com/attache-ssg/attache/internal/release"
)

const embassyURL = "https://embassy.example/news/"

// readBundle reads an archive's site/ files into memory.
func readBundle(t *testing.T, p string) map[string][]byte {
	t.Helper()
	format, err := release.FormatOf(p)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	fsys, err := release.ReadArchiveFS(f, st.Size(), format)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		files[p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func testBundle(t *testing.T, fx *releasedSite) {
	dir := t.TempDir()
	zipPath, tgzPath := filepath.Join(dir, "en-fr.zip"), filepath.Join(dir, "en-fr.tar.gz")
	for _, p := range []string{zipPath, tgzPath} {
		out := mustRun(t, "bundle", "2024.1", "--lang", "en,fr", "--base-url", embassyURL, "--out", p, "--key", fx.key, "--source", fx.root)
		if !strings.Contains(out, "bundle of release 2024.1 (en, fr) for "+embassyURL) {
			t.Errorf("stdout: %s", out)
		}
		if code, out, errOut := cli("verify", p, "--pub", fx.pub); code != exitOK {
			t.Errorf("verify %s: exit %d %s%s", p, code, out, errOut)
		}
	}
	files := readBundle(t, zipPath)
	tgz := readBundle(t, tgzPath)
	if len(files) != len(tgz) {
		t.Errorf("zip holds %d files, tar.gz %d", len(files), len(tgz))
	}
	for p, b := range files {
		if !bytes.Equal(tgz[p], b) {
			t.Errorf("%s differs between zip and tar.gz", p)
		}
	}
	var m release.Manifest
	if mm, err := release.ParseManifest(files[release.ManifestName]); err != nil {
		t.Fatal(err)
	} else {
		m = *mm
	}
	rel := manifestOf(t, filepath.Join(fx.root, "releases", "2024.1"))
	if m.Version != "2024.1" || !slices.Equal(m.Languages, []string{"en", "fr"}) || !m.Created.Equal(rel.Created) || m.Source != nil {
		t.Errorf("bundle manifest: %s %q %v", m.Version, m.Languages, m.Created)
	}

	// Only the copy's languages.
	for p := range files {
		top, _, _ := strings.Cut(strings.TrimPrefix(p, "site/"), "/")
		if slices.Contains([]string{"vi", "ar", "zh"}, top) {
			t.Errorf("a page of another language: %s", p)
		}
	}
	site := func(p string) []byte {
		b, ok := files["site/"+p]
		if !ok {
			t.Fatalf("the bundle lacks %s", p)
		}
		return b
	}
	// The same articles as the release: rebuilt as of its creation time.
	for _, f := range rel.Files {
		if strings.HasPrefix(f.Path, "en/news/") && strings.HasSuffix(f.Path, "/index.html") && !strings.Contains(f.Path, "/page/") {
			if _, ok := files["site/"+f.Path]; !ok {
				t.Errorf("the release's %s is missing from the bundle", f.Path)
			}
		}
	}
	if _, ok := files["site/en/news/consular-hours-2025/index.html"]; ok {
		t.Error("the bundle of 2024.1 has an article added after it")
	}

	// Canonical, alternates and switcher for the new address and languages.
	pp := parsePage(t, "en/news/school-youth-union-briefing/index.html", site("en/news/school-youth-union-briefing/index.html"))
	if pp.canonical != embassyURL+"en/news/school-youth-union-briefing/" {
		t.Errorf("canonical %q", pp.canonical)
	}
	for lang, href := range pp.alternates {
		if !strings.HasPrefix(href, embassyURL) || !slices.Contains([]string{"en", "fr", "x-default"}, lang) {
			t.Errorf("alternate %s → %s", lang, href)
		}
	}
	switcher := regexp.MustCompile(`hreflang="([a-z-]+)" lang=`).FindAllSubmatch(site("en/index.html"), -1)
	if len(switcher) == 0 {
		t.Error("no language switcher on en/index.html")
	}
	for _, s := range switcher {
		if l := string(s[1]); l != "fr" && l != "en" {
			t.Errorf("the switcher offers %s", l)
		}
	}
	// Feeds and sitemaps are absolute under the new address.
	for _, p := range []string{"sitemap.xml", "en/sitemap.xml", "fr/sitemap.xml", "en/index.xml"} {
		urls := xmlURLs(t, site(p))
		if len(urls) == 0 {
			t.Errorf("%s: no URLs", p)
		}
		for _, u := range urls {
			if !strings.HasPrefix(u, embassyURL) {
				t.Errorf("%s: %s is not under %s", p, u, embassyURL)
			}
		}
	}
	if !bytes.Contains(site("robots.txt"), []byte("Sitemap: "+embassyURL+"sitemap.xml")) {
		t.Errorf("robots.txt:\n%s", site("robots.txt"))
	}
	// The 404 page is served at any depth: its links are absolute paths
	// under the copy's own path.
	for _, l := range parsePage(t, "404.html", site("404.html")).links {
		if strings.HasPrefix(l, "/") && !strings.HasPrefix(l, "/news/") {
			t.Errorf("404.html: link %q outside /news/", l)
		}
	}
	// A link back to the main site, on every page.
	if !bytes.Contains(site("fr/index.html"), []byte(`<div class="mirror-notice" role="note"><a href="https://attache.example.org/fr/" hreflang="fr">Information extérieure · attache.example.org</a></div>`)) {
		t.Error("fr/index.html: no link to the main site")
	}
	var vj archive.Versions
	if err := json.Unmarshal(site("versions.json"), &vj); err != nil || vj.Current.Version != "2024.1" || len(vj.Versions) != 0 || !slices.Equal(vj.Current.Languages, []string{"en", "fr"}) {
		t.Errorf("versions.json = %s, %v", site("versions.json"), err)
	}

	// Deterministic: the same bundle twice is the same archive.
	again := filepath.Join(dir, "again.zip")
	mustRun(t, "bundle", "2024.1", "--lang", "en,fr", "--base-url", embassyURL, "--out", again, "--key", fx.key, "--source", fx.root)
	a, _ := os.ReadFile(zipPath)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Error("bundling twice gave different archives")
	}

	// Without --base-url, the release's own address and no mirror link.
	own := filepath.Join(dir, "own.zip")
	mustRun(t, "bundle", "2024.1", "--lang", "vi", "--out", own, "--key", fx.key, "--source", fx.root)
	ownFiles := readBundle(t, own)
	if p := parsePage(t, "vi/index.html", ownFiles["site/vi/index.html"]); p.canonical != "https://attache.example.org/vi/" {
		t.Errorf("own address: canonical %q", p.canonical)
	}
	if bytes.Contains(ownFiles["site/vi/index.html"], []byte("mirror-notice")) {
		t.Error("a copy at the main site's own address links to itself")
	}

	// A release altered since it was signed is not bundled.
	root := filepath.Join(t.TempDir(), "site")
	copyTree(t, fx.root, root)
	appendFile(t, filepath.Join(root, "releases", "2024.1", release.SourceName), "x")
	out := filepath.Join(dir, "bad.zip")
	if code, _, errOut := cli("bundle", "2024.1", "--lang", "en", "--out", out, "--key", fx.key, "--source", root); code != exitContent || !strings.Contains(errOut, "does not check out") {
		t.Errorf("altered release: exit %d %s", code, errOut)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an altered release was bundled")
	}

	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"bundle", "2024.1", "--out", out}, exitUsage, "--lang and --out"},
		{[]string{"bundle", "2024.1", "--lang", "en"}, exitUsage, "--lang and --out"},
		{[]string{"bundle", "2024.1", "--lang", "en", "--out", filepath.Join(dir, "x.rar")}, exitUsage, "unknown archive type"},
		{[]string{"bundle", "--lang", "en", "--out", out}, exitUsage, "exactly one VERSION"},
		{[]string{"bundle", "2099.1", "--lang", "en", "--out", out}, exitContent, "no release 2099.1"},
		{[]string{"bundle", "2024.1", "--lang", "de", "--out", out}, exitContent, `"de"`},
		{[]string{"bundle", "2024.1", "--lang", "en", "--out", out, "--base-url", "ftp://x/"}, exitContent, "base"},
	} {
		args := append(tt.args, "--key", fx.key, "--source", fx.root)
		code, _, errOut := cli(args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("%q: exit %d, want %d; %s", tt.args, code, tt.code, errOut)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed bundle left an archive")
	}
}

// xmlURLs returns the text of every <loc> and <link> element, and every
// href attribute, of a sitemap or feed.
func xmlURLs(t *testing.T, b []byte) []string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	var urls []string
	var in string
	for {
		tok, err := dec.Token()
		if err != nil {
			return urls
		}
		switch x := tok.(type) {
		case xml.StartElement:
			in = x.Name.Local
			for _, a := range x.Attr {
				if a.Name.Local == "href" {
					urls = append(urls, a.Value)
				}
			}
		case xml.CharData:
			if s := strings.TrimSpace(string(x)); s != "" && (in == "loc" || in == "link" || in == "id") && strings.Contains(s, "://") {
				urls = append(urls, s)
			}
		case xml.EndElement:
			in = ""
		}
	}
}
