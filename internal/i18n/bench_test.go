package i18n

import (
	"os"
	"testing"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// A page calls T about 20 times; 50,000 pages make a million calls.
// Run: go test -run '^$' -bench . -benchmem ./internal/i18n/

func BenchmarkT(b *testing.B) {
	bundle, _ := load(b, "", "corpus", "vi", "vi", "en", "ar")
	en := bundle.Translator("en")
	b.Run("static", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			en.T("readMore")
		}
	})
	b.Run("plural-int", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			en.T("readingTime", i%20)
		}
	})
	b.Run("key-value", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			en.T("byAuthor", "Author", "Nguyễn Văn A")
		}
	})
	b.Run("map", func(b *testing.B) {
		b.ReportAllocs()
		data := map[string]any{"Current": 2, "Total": 9}
		for b.Loop() {
			en.T("pageOf", data)
		}
	})
	b.Run("page-parallel", func(b *testing.B) {
		// One page's worth of calls, from as many goroutines as CPUs.
		ar := bundle.Translator("ar")
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				for range 4 {
					ar.T("home")
					ar.T("readMore")
					ar.T("readingTime", 7)
				}
				ar.T("byAuthor", "Author", "X")
				ar.T("publishedOn", "Date", "5 يونيو 2013")
				ar.T("pageOf", "Current", 1, "Total", 3)
				ar.T("articleCount", 120)
				ar.T("tags")
				ar.T("share")
			}
		})
	})
}

// BenchmarkGoI18nLocalize is the baseline: the same messages through
// go-i18n's Localizer, which matches languages and walks templates per call.
func BenchmarkGoI18nLocalize(b *testing.B) {
	gb := goi18n.NewBundle(language.Vietnamese)
	gb.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	buf, err := os.ReadFile("testdata/corpus/i18n/en.yaml")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := gb.ParseMessageFileBytes(buf, "en.yaml"); err != nil {
		b.Fatal(err)
	}
	loc := goi18n.NewLocalizer(gb, "en")
	b.Run("static", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			loc.Localize(&goi18n.LocalizeConfig{MessageID: "readMore"})
		}
	})
	b.Run("plural-int", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			loc.Localize(&goi18n.LocalizeConfig{MessageID: "readingTime", PluralCount: i % 20, TemplateData: map[string]any{"Count": i % 20}})
		}
	})
	b.Run("key-value", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			loc.Localize(&goi18n.LocalizeConfig{MessageID: "byAuthor", TemplateData: map[string]any{"Author": "Nguyễn Văn A"}})
		}
	})
}

func BenchmarkDate(b *testing.B) {
	bundle, _ := loadFiles(b, nil, nil, "vi", "vi")
	vi := bundle.Translator("vi")
	tm := time.Date(2013, 6, 5, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		vi.Date(tm, DateArticle)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		load(b, "", "corpus", "vi", "vi", "en", "fr", "ar", "zh")
	}
}
