package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/frontmatter"
	"github.com/attache-ssg/attache/internal/status"
)

const testConfig = `defaultLanguage: vi
timeZone: Asia/Ho_Chi_Minh
languages:
  vi: {name: Tiếng Việt, weight: 1}
  en: {name: English, weight: 2}
  fr: {name: Français, weight: 3}
`

// newSite writes a site with files (site-relative path → content) into a
// temporary folder and opens it.
func newSite(t *testing.T, files map[string]string) *Site {
	t.Helper()
	root := t.TempDir()
	files["site.yaml"] = testConfig
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var d diag.List
	s, err := Open(root, &d)
	if err != nil {
		t.Fatalf("Open: %v %v", err, d.Sorted())
	}
	return s
}

func (s *Site) read(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.Root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// parse reads back a written file as the build would.
func (s *Site) parse(t *testing.T, rel string) (frontmatter.Meta, string) {
	t.Helper()
	var d diag.List
	m, body, _, ok := frontmatter.Parse(rel, []byte(s.read(t, rel)), s.Config.TimeZone, &d)
	if !ok || d.Len() > 0 {
		t.Fatalf("%s does not read back cleanly: %v\n%s", rel, d.Sorted(), s.read(t, rel))
	}
	return m, string(body)
}

var now = time.Date(2025, 6, 4, 18, 30, 15, 500, time.UTC) // 01:30 on the 5th in Hà Nội

func TestNewArticle(t *testing.T) {
	tests := []struct {
		ref, lang string
		file      string
		title     string
		note      bool
	}{
		{"news/press-briefing", "", "content/vi/news/press-briefing.md", "Press briefing", false},
		{"news/press-briefing.md", "en", "content/en/news/press-briefing.md", "Press briefing", false},
		{"/news/2025/q2-report/", "fr", "content/fr/news/2025/q2-report.md", "Q2 report", false},
		{"news/Họp báo quý II", "", "content/vi/news/hop-bao-quy-ii.md", "Họp báo quý II", true},
		{"top-level", "", "content/vi/top-level.md", "Top level", false},
	}
	for _, tt := range tests {
		s := newSite(t, map[string]string{})
		c, err := s.NewArticle(tt.ref, tt.lang, now)
		if err != nil {
			t.Errorf("%s: %v", tt.ref, err)
			continue
		}
		if c.File != tt.file || (len(c.Notes) > 0) != tt.note {
			t.Errorf("%s: wrote %s with notes %v; want %s, a note: %v", tt.ref, c.File, c.Notes, tt.file, tt.note)
		}
		m, body := s.parse(t, c.File)
		if m.Title != tt.title {
			t.Errorf("%s: title %q, want %q", tt.ref, m.Title, tt.title)
		}
		wantDate := time.Date(2025, 6, 5, 1, 30, 15, 0, s.Config.TimeZone)
		if !m.Date.Equal(wantDate) || !strings.Contains(s.read(t, c.File), "date: 2025-06-05T01:30:15+07:00\n") {
			t.Errorf("%s: date %v, want %v written with its offset:\n%s", tt.ref, m.Date, wantDate, s.read(t, c.File))
		}
		if !m.Draft || !m.Set["summary"] || m.Summary != "" || !m.Set["tags"] || len(m.Tags) != 0 {
			t.Errorf("%s: draft %v, summary set %v %q, tags set %v %v", tt.ref, m.Draft, m.Set["summary"], m.Summary, m.Set["tags"], m.Tags)
		}
		if strings.TrimSpace(body) != "" {
			t.Errorf("%s: body %q, want empty", tt.ref, body)
		}
	}
}

func TestNewArticleRefuses(t *testing.T) {
	const existing = "---\ntitle: Old\ndate: 2020-01-01\n---\nDo not touch.\n"
	s := newSite(t, map[string]string{
		"content/vi/news/taken.md":         existing,
		"content/vi/news/bundle/index.md":  existing,
		"content/vi/news/bundle/photo.jpg": "jpg",
	})
	for _, ref := range []string{"news/taken", "news/bundle", "news/Taken"} {
		_, err := s.NewArticle(ref, "", now)
		if !errors.Is(err, ErrExists) {
			t.Errorf("%s: %v, want ErrExists", ref, err)
		}
	}
	if s.read(t, "content/vi/news/taken.md") != existing {
		t.Error("an existing file was changed")
	}
	for _, tt := range []struct{ ref, lang string }{
		{"news/x", "de"}, {"", ""}, {"news/../x", ""}, {"news/.hidden", ""}, {"content/vi/news/x", ""}, {"news/!!!", ""},
	} {
		_, err := s.NewArticle(tt.ref, tt.lang, now)
		var ue *UsageError
		if !errors.As(err, &ue) {
			t.Errorf("%q --lang %q: %v, want a UsageError", tt.ref, tt.lang, err)
		}
	}
}

const sourceArticle = `---
title: "1984: Hội nghị # thông tin"
date: 2024-03-05T09:00:00+07:00
author: Lê Hoàng Phúc
source: Tạp chí Thông tin đối ngoại
image: {src: hoi-truong.jpg, alt: Hội trường}
weight: 3
summary: "Tóm tắt: có dấu hai chấm, và 'nháy'."
tags: [thông tin đối ngoại, "yes", "- dấu gạch"]
categories:
  - Hoạt động
translationKey: hoi-nghi-2024
---

Nội dung **bài viết**.

Đoạn thứ hai.
`

func TestNewTranslation(t *testing.T) {
	s := newSite(t, map[string]string{"content/vi/news/hoi-nghi.md": sourceArticle})
	var d diag.List
	c, err := s.NewTranslation("content/vi/news/hoi-nghi.md", "en", &d)
	if err != nil {
		t.Fatalf("%v %v", err, d.Sorted())
	}
	if c.File != "content/en/news/hoi-nghi.md" {
		t.Fatalf("wrote %s", c.File)
	}
	src, srcBody, _, _ := frontmatter.Parse("x", []byte(sourceArticle), s.Config.TimeZone, nil)
	m, body := s.parse(t, c.File)
	if m.Title != src.Title || m.Summary != src.Summary || !reflect.DeepEqual(m.Tags, src.Tags) ||
		!reflect.DeepEqual(m.Categories, src.Categories) || m.TranslationKey != "hoi-nghi-2024" {
		t.Errorf("words not carried over: %+v", m)
	}
	for _, k := range []string{"date", "image", "author", "source", "weight"} {
		if m.Set[k] {
			t.Errorf("%s carried over; the translation inherits it", k)
		}
	}
	wantTF := &frontmatter.TranslatedFrom{Lang: "vi", Hash: frontmatter.Hash(src.Title, srcBody)}
	if !reflect.DeepEqual(m.TranslatedFrom, wantTF) || !m.Draft {
		t.Errorf("translatedFrom %+v draft %v, want %+v and a draft", m.TranslatedFrom, m.Draft, wantTF)
	}
	if body != string(srcBody) {
		t.Errorf("body %q, want the source's %q", body, srcBody)
	}
	if !strings.Contains(s.read(t, c.File), "translatedFrom: {lang: vi, hash: ") {
		t.Errorf("translatedFrom is not on one readable line:\n%s", s.read(t, c.File))
	}

	// A translation of the translation records its own source.
	c2, err := s.NewTranslation("content/en/news/hoi-nghi.md", "fr", &d)
	if err != nil {
		t.Fatal(err)
	}
	m2, _ := s.parse(t, c2.File)
	if m2.TranslatedFrom == nil || m2.TranslatedFrom.Lang != "en" {
		t.Errorf("fr records %+v, want lang en", m2.TranslatedFrom)
	}
}

func TestNewTranslationRoundTrip(t *testing.T) {
	s := newSite(t, map[string]string{"content/vi/news/a.md": sourceArticle})
	if _, err := s.NewTranslation("content/vi/news/a.md", "en", nil); err != nil {
		t.Fatal(err)
	}
	state := func() status.State {
		t.Helper()
		var d diag.List
		c, err := status.Load(os.DirFS(s.Root), &d)
		if err != nil || d.HasErrors() {
			t.Fatalf("%v %v", err, d.Errors())
		}
		r, err := status.Compute(c, status.Options{Langs: []string{"en"}}, &d)
		if err != nil || len(r.Articles) != 1 {
			t.Fatalf("%v, %d articles", err, len(r.Articles))
		}
		return r.Articles[0].Translations["en"].State
	}
	if got := state(); got != status.UpToDate {
		t.Fatalf("a fresh translation is %s, want up to date", got)
	}
	// Trailing spaces and CRLF are not edits.
	p := filepath.Join(s.Root, "content", "vi", "news", "a.md")
	os.WriteFile(p, []byte(strings.ReplaceAll(sourceArticle, "\n", "  \r\n")), 0o644)
	if got := state(); got != status.UpToDate {
		t.Fatalf("after re-saving with CRLF: %s, want up to date", got)
	}
	os.WriteFile(p, []byte(strings.Replace(sourceArticle, "Đoạn thứ hai.", "Đoạn thứ hai, sửa lại.", 1)), 0o644)
	if got := state(); got != status.Outdated {
		t.Fatalf("after editing the source's body: %s, want outdated", got)
	}
}

func TestNewTranslationBundle(t *testing.T) {
	s := newSite(t, map[string]string{
		"content/vi/news/x/index.md":          sourceArticle,
		"content/vi/news/x/hoi-truong.jpg":    "jpg bytes",
		"content/vi/news/x/data/table.csv":    "a,b",
		"content/vi/news/x/notes.md":          "---\ntitle: other page\n---\n",
		"content/vi/news/x/.DS_Store":         "litter",
		"content/vi/news/x/sub/index.md":      "---\ntitle: nested bundle\n---\n",
		"content/vi/news/x/sub/own.jpg":       "nested",
		"content/en/news/x/hoi-truong.jpg":    "already translated caption image",
		"content/vi/news/plain.md":            sourceArticle,
		"content/en/news/plain/index.md":      "---\ntitle: exists as a bundle\n---\n",
		"content/fr/news/other-name.md":       "---\ntitle: Autre\ntranslationKey: hoi-nghi-2024\n---\n",
		"content/vi/news/x/hoi-truong.jpg.md": "---\ntitle: not a resource\n---\n",
	})
	c, err := s.NewTranslation("content/vi/news/x/index.md", "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"content/en/news/x/data/table.csv"}; !reflect.DeepEqual(c.Copied, want) {
		t.Errorf("copied %v, want %v", c.Copied, want)
	}
	if want := []string{"content/en/news/x/hoi-truong.jpg"}; !reflect.DeepEqual(c.Kept, want) {
		t.Errorf("kept %v, want %v", c.Kept, want)
	}
	if s.read(t, "content/en/news/x/hoi-truong.jpg") != "already translated caption image" {
		t.Error("an existing bundle file was overwritten")
	}
	if s.read(t, "content/en/news/x/data/table.csv") != "a,b" {
		t.Error("bundle file not copied")
	}
	for _, p := range []string{"content/en/news/x/notes.md", "content/en/news/x/.DS_Store", "content/en/news/x/sub/own.jpg"} {
		if s.exists(p) {
			t.Errorf("%s copied", p)
		}
	}

	// Refusals.
	for _, tt := range []struct {
		file, to string
		exists   bool
	}{
		{"content/vi/news/x/index.md", "en", true},  // just written
		{"content/vi/news/plain.md", "en", true},    // exists as plain/index.md
		{"content/vi/news/plain.md", "fr", true},    // same translationKey elsewhere
		{"content/vi/news/plain.md", "vi", false},   // its own language
		{"content/vi/news/plain.md", "de", false},   // not a site language
		{"content/vi/news/plain.md", "", false},     // no --to
		{"content/de/news/plain.md", "en", false},   // not a site language
		{"site.yaml", "en", false},                  // not content
		{"content/vi/../../etc/x.md", "en", false},  // outside
		{"content/vi/news/nothing.md", "en", false}, // no such file
	} {
		_, err := s.NewTranslation(tt.file, tt.to, nil)
		var ue *UsageError
		switch {
		case tt.exists && !errors.Is(err, ErrExists):
			t.Errorf("%s --to %s: %v, want ErrExists", tt.file, tt.to, err)
		case !tt.exists && !errors.As(err, &ue):
			t.Errorf("%s --to %s: %v, want a UsageError", tt.file, tt.to, err)
		}
	}
}

func TestNewTranslationBadSource(t *testing.T) {
	s := newSite(t, map[string]string{"content/vi/news/bad.md": "---\ntitle: [oops\n---\n"})
	var d diag.List
	_, err := s.NewTranslation("content/vi/news/bad.md", "en", &d)
	var ue *UsageError
	if err == nil || errors.As(err, &ue) || !d.HasErrors() {
		t.Errorf("%v (diags %v): want a content error with diagnostics", err, d.Sorted())
	}
	if s.exists("content/en/news/bad.md") {
		t.Error("a stub was written from a broken source")
	}
}

func TestCreateRefusesSymlinkedFolder(t *testing.T) {
	s := newSite(t, map[string]string{})
	outside := t.TempDir()
	if err := os.MkdirAll(filepath.Join(s.Root, "content", "vi"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(s.Root, "content", "vi", "news")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if _, err := s.NewArticle("news/x", "", now); err == nil {
		t.Error("wrote through a symbolic link")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("files written outside the site: %v", entries)
	}
}
