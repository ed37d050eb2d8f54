// Package testcorpus writes deterministic multilingual sites for
// benchmarks and tests: N articles per language with realistic front
// matter and bodies (headings, lists, a table, a footnote, links to other
// articles, emphasis), in the shape newsrooms publish. The same arguments
// give the same bytes.
package testcorpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// lang holds the words one language's articles are made of.
type lang struct {
	name, title string
	dir         string
	words       []string
	tags        []string
	section     string
}

var langs = map[string]lang{
	"vi": {"Tiếng Việt", "Thông tin đối ngoại", "ltr", strings.Fields("hội nghị thông tin đối ngoại kế hoạch triển khai cán bộ tuyên truyền hợp tác quốc tế chính sách phát triển chủ quyền biển đảo cộng đồng người Việt ở nước ngoài báo chí văn hóa đào tạo nhiệm vụ giải pháp đánh giá kết quả"), []string{"thông tin đối ngoại", "hội nghị", "biển đảo", "hợp tác quốc tế", "báo chí", "đào tạo", "văn hóa", "người Việt ở nước ngoài"}, "Tin tức"},
	"en": {"English", "Foreign Information", "ltr", strings.Fields("conference foreign information plan deployment officials communication international cooperation policy development sovereignty seas islands overseas community press culture training task solution assessment results"), []string{"foreign information", "conference", "seas and islands", "cooperation", "press", "training", "culture", "overseas community"}, "News"},
	"fr": {"Français", "Information extérieure", "ltr", strings.Fields("conférence information extérieure plan déploiement cadres communication coopération internationale politique développement souveraineté mer îles communauté presse culture formation mission solution évaluation résultats"), []string{"information extérieure", "conférence", "mer et îles", "coopération", "presse", "formation", "culture", "diaspora"}, "Actualités"},
	"ar": {"العربية", "الإعلام الخارجي", "rtl", strings.Fields("مؤتمر الإعلام الخارجي خطة تنفيذ المسؤولين التواصل التعاون الدولي سياسة التنمية السيادة البحر الجزر الجالية الصحافة الثقافة التدريب المهمة الحلول التقييم النتائج"), []string{"الإعلام الخارجي", "مؤتمر", "البحر والجزر", "التعاون", "الصحافة", "التدريب", "الثقافة", "الجالية"}, "الأخبار"},
	"zh": {"中文", "对外信息", "ltr", strings.Fields("会议 对外 信息 计划 部署 干部 宣传 国际 合作 政策 发展 主权 海洋 岛屿 海外 侨胞 新闻 文化 培训 任务 措施 评估 成果"), []string{"对外信息", "会议", "海洋岛屿", "国际合作", "新闻", "培训", "文化", "海外侨胞"}, "新闻"},
}

// Langs lists the languages Write knows, in site order.
func Langs() []string { return []string{"vi", "en", "fr", "ar", "zh"} }

// Write creates a site under dir: site.yaml and, per language in codes,
// n articles under content/<lang>/news/<year>/. Each article exists in every
// language (the same relative path makes them translations).
func Write(dir string, n int, codes []string) error {
	var cfg strings.Builder
	cfg.WriteString("baseURL: https://bench.example.org/\ndefaultLanguage: " + codes[0] + "\ntimeZone: Asia/Ho_Chi_Minh\npaginate: 20\nlanguages:\n")
	for i, c := range codes {
		l, ok := langs[c]
		if !ok {
			return fmt.Errorf("testcorpus: no words for language %q", c)
		}
		fmt.Fprintf(&cfg, "  %s: {name: %q, title: %q, direction: %s, weight: %d}\n", c, l.name, l.title, l.dir, i+1)
	}
	if err := write(filepath.Join(dir, "site.yaml"), cfg.String()); err != nil {
		return err
	}
	for _, c := range codes {
		l := langs[c]
		if err := write(filepath.Join(dir, "content", c, "news", "_index.md"), "---\ntitle: "+l.section+"\n---\n"); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			year, rel, text := Article(c, i, n)
			if err := write(filepath.Join(dir, "content", c, "news", fmt.Sprint(year), rel), text); err != nil {
				return err
			}
		}
	}
	return nil
}

// Article returns article i of n in language code: its year folder, file
// name and text. Exported so benchmarks can rewrite one article.
func Article(code string, i, n int) (year int, file, text string) {
	l := langs[code]
	r := rand.New(rand.NewPCG(uint64(i), 0x5eed))
	year = 2015 + i%10
	month, day := 1+i%12, 1+i%28
	sentence := func(words int) string {
		ws := make([]string, words)
		for k := range ws {
			ws[k] = l.words[r.IntN(len(l.words))]
		}
		s := strings.Join(ws, " ")
		if code == "zh" {
			s = strings.ReplaceAll(s, " ", "")
		}
		// The first letter, not the first byte: most of these
		// alphabets take two or three bytes a letter.
		_, n := utf8.DecodeRuneInString(s)
		return strings.ToUpper(s[:n]) + s[n:] + "."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndate: %04d-%02d-%02dT09:00:00+07:00\nauthor: \"Ban biên tập\"\nsummary: %q\ntags: [%q, %q]\ncategories: [%q]\n---\n\n",
		sentence(8), year, month, day, sentence(20), l.tags[i%len(l.tags)], l.tags[(i/3+1)%len(l.tags)], l.tags[i%3])
	for s := 0; s < 4; s++ {
		fmt.Fprintf(&b, "## %s\n\n", strings.TrimSuffix(sentence(4), "."))
		for p := 0; p < 3; p++ {
			for k := 0; k < 5; k++ {
				b.WriteString(sentence(12 + r.IntN(10)))
				b.WriteByte(' ')
			}
			if p == 1 && s == 0 {
				b.WriteString("*" + sentence(5) + "*[^1]")
			}
			if p == 2 && i > 0 {
				prev := i - 1
				fmt.Fprintf(&b, " [%s](../%d/a%06d.md)", sentence(3), 2015+prev%10, prev)
			}
			b.WriteString("\n\n")
		}
		if s == 1 {
			b.WriteString("- " + sentence(6) + "\n- " + sentence(7) + "\n- " + sentence(5) + "\n\n")
		}
		if s == 2 {
			b.WriteString("| A | B | C |\n|---|--:|--:|\n")
			for k := 0; k < 4; k++ {
				fmt.Fprintf(&b, "| %s | %d | %d |\n", strings.TrimSuffix(sentence(2), "."), r.IntN(1000), r.IntN(1000))
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("[^1]: " + sentence(10) + "\n")
	return year, fmt.Sprintf("a%06d.md", i), b.String()
}

func write(path, s string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(s), 0o644)
}
