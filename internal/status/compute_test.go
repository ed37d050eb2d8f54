package status

import (
	"errors"
	"testing"

	"github.com/attache-ssg/attache/internal/diag"
)

var (
	srcA  = page{title: "Hội nghị thông tin đối ngoại", body: "Nội dung bài viết.\n\nĐoạn thứ hai."}
	srcA2 = page{title: srcA.title, body: srcA.body + "\n\nMột đoạn mới."} // srcA edited
	enA   = page{title: "Foreign information conference", body: "The text.\n\nSecond paragraph."}
)

func TestStates(t *testing.T) {
	frOfEn := page{title: "Conférence", body: "Le texte."}
	tests := []struct {
		name      string
		files     map[string]any
		file      string // a version of the article to look at
		lang      string
		want      State
		wantFrom  string // FromFile
		wantDraft bool
		noEntry   bool
	}{
		{
			name:  "up to date",
			files: map[string]any{"content/vi/news/a.md": srcA, "content/en/news/a.md": page{enA.title, enA.body, []string{srcA.from("vi")}}},
			file:  "content/en/news/a.md", lang: "en", want: UpToDate, wantFrom: "content/vi/news/a.md",
		},
		{
			name:  "outdated: the source's body changed",
			files: map[string]any{"content/vi/news/a.md": srcA2, "content/en/news/a.md": page{enA.title, enA.body, []string{srcA.from("vi")}}},
			file:  "content/en/news/a.md", lang: "en", want: Outdated, wantFrom: "content/vi/news/a.md",
		},
		{
			name:  "outdated: the source's title changed",
			files: map[string]any{"content/vi/news/a.md": page{"Tiêu đề mới", srcA.body, nil}, "content/en/news/a.md": page{enA.title, enA.body, []string{srcA.from("vi")}}},
			file:  "content/en/news/a.md", lang: "en", want: Outdated, wantFrom: "content/vi/news/a.md",
		},
		{
			name:  "missing",
			files: map[string]any{"content/vi/news/a.md": srcA, "content/en/news/a.md": page{enA.title, enA.body, []string{srcA.from("vi")}}},
			file:  "content/vi/news/a.md", lang: "fr", want: Missing, wantFrom: "content/vi/news/a.md",
		},
		{
			name:  "orphaned: the source was deleted",
			files: map[string]any{"content/vi/news/other.md": srcA2, "content/en/news/a.md": page{enA.title, enA.body, []string{srcA.from("vi")}}},
			file:  "content/en/news/a.md", lang: "en", want: Orphaned,
		},
		{
			name:  "orphaned article: nothing to translate from in other languages",
			files: map[string]any{"content/vi/news/other.md": srcA2, "content/en/news/a.md": page{enA.title, enA.body, []string{srcA.from("vi")}}},
			file:  "content/en/news/a.md", lang: "fr", noEntry: true,
		},
		{
			name:  "untracked: no translatedFrom",
			files: map[string]any{"content/vi/news/a.md": srcA, "content/en/news/a.md": enA},
			file:  "content/en/news/a.md", lang: "en", want: Untracked, wantFrom: "content/vi/news/a.md",
		},
		{
			name:  "untracked: translatedFrom its own language",
			files: map[string]any{"content/vi/news/a.md": srcA, "content/en/news/a.md": page{enA.title, enA.body, []string{"translatedFrom: {lang: en, hash: 000000000000}"}}},
			file:  "content/en/news/a.md", lang: "en", want: Untracked,
		},
		{
			name: "renamed source linked by translationKey stays up to date",
			files: map[string]any{
				"content/vi/news/new-name.md": page{srcA.title, srcA.body, []string{"translationKey: hoi-nghi"}},
				"content/en/news/old-name.md": page{enA.title, enA.body, []string{"translationKey: hoi-nghi", srcA.from("vi")}},
			},
			file: "content/en/news/old-name.md", lang: "en", want: UpToDate, wantFrom: "content/vi/news/new-name.md",
		},
		{
			name: "renamed source linked by path: the translation is orphaned",
			files: map[string]any{
				"content/vi/news/new-name.md": srcA,
				"content/en/news/old-name.md": page{enA.title, enA.body, []string{srcA.from("vi")}},
			},
			file: "content/en/news/old-name.md", lang: "en", want: Orphaned,
		},
		{
			name: "renamed source linked by path: the moved article is missing",
			files: map[string]any{
				"content/vi/news/new-name.md": srcA,
				"content/en/news/old-name.md": page{enA.title, enA.body, []string{srcA.from("vi")}},
			},
			file: "content/vi/news/new-name.md", lang: "en", want: Missing, wantFrom: "content/vi/news/new-name.md",
		},
		{
			name: "translation of a translation is checked against its own source",
			files: map[string]any{
				"content/vi/news/a.md": srcA2, // changed: en is outdated
				"content/en/news/a.md": page{enA.title, enA.body, []string{srcA.from("vi")}},
				"content/fr/news/a.md": page{frOfEn.title, frOfEn.body, []string{page{enA.title, enA.body, []string{srcA.from("vi")}}.from("en")}},
			},
			file: "content/fr/news/a.md", lang: "fr", want: UpToDate, wantFrom: "content/en/news/a.md",
		},
		{
			name: "translation of a translation whose source changed",
			files: map[string]any{
				"content/vi/news/a.md": srcA,
				"content/en/news/a.md": page{enA.title, enA.body + " Edited.", []string{srcA.from("vi")}},
				"content/fr/news/a.md": page{frOfEn.title, frOfEn.body, []string{page{enA.title, enA.body, []string{srcA.from("vi")}}.from("en")}},
			},
			file: "content/fr/news/a.md", lang: "fr", want: Outdated, wantFrom: "content/en/news/a.md",
		},
		{
			name:  "draft translation counts, marked",
			files: map[string]any{"content/vi/news/a.md": srcA, "content/en/news/a.md": page{enA.title, enA.body, []string{srcA.from("vi"), "draft: true"}}},
			file:  "content/en/news/a.md", lang: "en", want: UpToDate, wantFrom: "content/vi/news/a.md", wantDraft: true,
		},
		{
			name:  "original written in another language",
			files: map[string]any{"content/en/news/a.md": enA},
			file:  "content/en/news/a.md", lang: "en", want: Original,
		},
		{
			name:  "missing from a non-default original",
			files: map[string]any{"content/en/news/a.md": enA},
			file:  "content/en/news/a.md", lang: "fr", want: Missing, wantFrom: "content/en/news/a.md",
		},
		{
			name:  "a bundle and a plain file of the same path are one article",
			files: map[string]any{"content/vi/news/a/index.md": srcA, "content/en/news/a.md": page{enA.title, enA.body, []string{srcA.from("vi")}}},
			file:  "content/en/news/a.md", lang: "en", want: UpToDate, wantFrom: "content/vi/news/a/index.md",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := compute(t, siteFS(tt.files), Options{})
			_, e, ok := entry(t, r, tt.file, tt.lang)
			if tt.noEntry {
				if ok {
					t.Fatalf("entry %+v, want none", e)
				}
				return
			}
			if !ok {
				t.Fatalf("no %s entry", tt.lang)
			}
			if e.State != tt.want {
				t.Errorf("state %q, want %q (%+v)", e.State, tt.want, e)
			}
			if e.FromFile != tt.wantFrom {
				t.Errorf("from file %q, want %q", e.FromFile, tt.wantFrom)
			}
			if e.Draft != tt.wantDraft {
				t.Errorf("draft %v, want %v", e.Draft, tt.wantDraft)
			}
			if e.State == Outdated && (e.Recorded == e.Current || e.Recorded == "" || e.Current == "") {
				t.Errorf("outdated with recorded %q, current %q", e.Recorded, e.Current)
			}
			if e.State == Orphaned && e.Note == "" {
				t.Error("orphaned without a note saying why")
			}
		})
	}
}

func TestCountsAndDrafts(t *testing.T) {
	files := map[string]any{
		"content/vi/news/a.md":      srcA,
		"content/en/news/a.md":      page{enA.title, enA.body, []string{srcA.from("vi"), "draft: true"}},
		"content/vi/news/b.md":      srcA2,
		"content/en/news/b.md":      page{enA.title, enA.body, []string{srcA.from("vi")}}, // outdated
		"content/vi/news/c.md":      page{"Bản nháp", "Nháp.", []string{"draft: true"}},
		"content/en/news/gone.md":   page{enA.title, enA.body, []string{srcA.from("vi")}},
		"content/en/news/hugo.md":   enA,
		"content/vi/news/hugo.md":   srcA,
		"content/vi/news/_index.md": "---\ntitle: Tin tức\n---\n", // sections are not reported
	}
	r, _ := compute(t, siteFS(files), Options{})
	if len(r.Languages) != 2 || r.Languages[0].Code != "en" || r.Languages[1].Code != "fr" {
		t.Fatalf("languages %+v, want en, fr", r.Languages)
	}
	en := r.Languages[0]
	want := map[State]int{UpToDate: 1, Outdated: 1, Missing: 1, Orphaned: 1, Untracked: 1, Original: 0}
	for s, n := range want {
		if en.Counts[s] != n {
			t.Errorf("en %s: %d, want %d", s, en.Counts[s], n)
		}
	}
	if en.Total != 5 || en.Drafts != 1 {
		t.Errorf("en total %d drafts %d, want 5 and 1", en.Total, en.Drafts)
	}
	fr := r.Languages[1]
	if fr.Counts[Missing] != 4 || fr.Total != 4 {
		t.Errorf("fr missing %d of %d, want 4 of 4 (the orphan has no source)", fr.Counts[Missing], fr.Total)
	}
	a, e, _ := entry(t, r, "content/vi/news/c.md", "en")
	if !a.Draft || e.State != Missing {
		t.Errorf("draft source: article draft %v, en %s; want true, missing", a.Draft, e.State)
	}
	if !r.Has(Orphaned) || !r.Has(UpToDate, Outdated) || (&Report{}).Has(Missing) {
		t.Error("Has disagrees with the counts")
	}
	for i := 1; i < len(r.Articles); i++ {
		if r.Articles[i-1].sortFile() > r.Articles[i].sortFile() {
			t.Errorf("articles not sorted: %s before %s", r.Articles[i-1].sortFile(), r.Articles[i].sortFile())
		}
	}
}

func TestOptions(t *testing.T) {
	files := map[string]any{
		"content/vi/news/a.md":      srcA,
		"content/vi/training/b.md":  srcA2,
		"content/vi/news/2024/c.md": srcA,
		"content/en/news/a.md":      page{enA.title, enA.body, []string{srcA.from("vi")}},
	}
	fsys := siteFS(files)
	r, _ := compute(t, fsys, Options{Langs: []string{"fr"}, Section: "/news/"})
	if len(r.Languages) != 1 || r.Languages[0].Code != "fr" {
		t.Fatalf("languages %+v, want fr only", r.Languages)
	}
	if len(r.Articles) != 2 {
		t.Errorf("%d articles in news, want 2 (a and 2024/c)", len(r.Articles))
	}
	for _, a := range r.Articles {
		if _, ok := a.Translations["en"]; ok {
			t.Errorf("en reported although only fr was asked for")
		}
	}

	for _, opts := range []Options{{Langs: []string{"de"}}, {Langs: []string{"vi"}}, {Section: "../x"}} {
		c, err := Load(fsys, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Compute(c, opts, nil)
		var oe *OptionError
		if !errors.As(err, &oe) {
			t.Errorf("%+v: error %v, want an OptionError", opts, err)
		}
	}
}

func TestDuplicateVersionsWarn(t *testing.T) {
	files := map[string]any{
		"content/vi/news/a.md": page{srcA.title, srcA.body, []string{"translationKey: k"}},
		"content/en/news/a.md": page{enA.title, enA.body, []string{"translationKey: k", srcA.from("vi")}},
		"content/en/news/b.md": page{enA.title, enA.body, []string{"translationKey: k"}},
	}
	r, d := compute(t, siteFS(files), Options{})
	_, e, _ := entry(t, r, "content/vi/news/a.md", "en")
	if e.File != "content/en/news/a.md" || e.State != UpToDate {
		t.Errorf("en entry %+v, want the first file, up to date", e)
	}
	if d.Len() == 0 {
		t.Error("no warning about two en versions")
	}
}

func TestLoadReportsBadFiles(t *testing.T) {
	fsys := siteFS(map[string]any{
		"content/vi/news/a.md":   srcA,
		"content/vi/news/bad.md": "---\ntitle: [unclosed\n---\n",
	})
	var d diag.List
	c, err := Load(fsys, &d)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Versions) != 1 || !d.HasErrors() {
		t.Errorf("%d versions, errors %v; want 1 and an error for bad.md", len(c.Versions), d.Errors())
	}
	delete(fsys, "site.yaml")
	if _, err := Load(fsys, &d); !errors.Is(err, ErrNoConfig) {
		t.Errorf("without site.yaml: %v, want ErrNoConfig", err)
	}
}

func TestParseStates(t *testing.T) {
	tests := []struct {
		in   string
		want []State
		bad  bool
	}{
		{"", nil, false},
		{"outdated,missing", []State{Outdated, Missing}, false},
		{" Outdated , up to date,uptodate,up_to_date", []State{Outdated, UpToDate, UpToDate, UpToDate}, false},
		{"orphaned,,untracked", []State{Orphaned, Untracked}, false},
		{"stale", nil, true},
	}
	for _, tt := range tests {
		got, err := ParseStates(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("%q: error %v", tt.in, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("%q: %v, want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: %v, want %v", tt.in, got, tt.want)
			}
		}
	}
}
