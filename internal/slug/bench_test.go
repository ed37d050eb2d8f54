package slug

import "testing"

// Titles and tags as the corpus generator writes them: Make runs on every
// one of them in a 50,000-article build.
var benchInputs = []struct{ name, in string }{
	{"clean", "viet-nam-va-han-quoc-thuc-day-di-san-van-hoa"},
	{"ascii", "Vietnam and France promote the comprehensive strategic partnership"},
	{"vi", "Việt Nam và Hàn Quốc thúc đẩy di sản văn hóa phi vật thể"},
	{"fr", "Le Viêt Nam et la France renforcent l'information à l'étranger"},
	{"ru", "Министерство иностранных дел России"},
	{"ar", "الولايات المتحدة: آفاق جديدة في مجال التعاون في التعليم والتدريب"},
	{"zh", "越南与韩国推动非物质文化遗产"},
}

func BenchmarkMake(b *testing.B) {
	for _, c := range benchInputs {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.in)))
			for b.Loop() {
				_ = Make(c.in)
			}
		})
	}
}
