package search

import (
	"fmt"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureDocs is the small multilingual corpus shared by the Go and JS tests.
// The URLs name what each document is there to prove.
func fixtureDocs() map[string][]Doc {
	vi := []Doc{
		{URL: "news/hoi-nghi/", Title: "Hội nghị thông tin đối ngoại toàn quốc", Date: "10/01/2024", Time: day("2024-01-10"),
			Text: "Sáng nay tại Hà Nội, Hội nghị tổng kết công tác thông tin đối ngoại đã diễn ra với sự tham gia của các bộ, ngành."},
		{URL: "news/doi-ngoai-exact/", Title: "Tin tức trong tuần", Date: "01/01/2024", Time: day("2024-01-01"),
			Text: "Công tác đối ngoại được đẩy mạnh trong năm qua."},
		{URL: "news/doi-ngoai-folded/", Title: "Tin tức trong tháng", Date: "01/02/2024", Time: day("2024-02-01"),
			Text: "Đội bóng đổi ngoài giờ tập luyện."},
		{URL: "news/hop-tac-title/", Title: "Hợp tác giáo dục Việt Nam – Pháp", Date: "01/03/2023", Time: day("2023-03-01"),
			Text: "Hai nước ký kết chương trình trao đổi sinh viên."},
		{URL: "news/hop-tac-body/", Title: "Bản tin cuối tuần", Date: "01/03/2024", Time: day("2024-03-01"),
			Text: "Trong tuần, hai bên nhất trí thúc đẩy hợp tác kinh tế."},
		{URL: "news/script/", Title: "<script>alert(1)</script> Hội thảo & <b>báo chí</b>", Date: "05/05/2022", Time: day("2022-05-05"),
			Text: "Nội dung có <img src=x onerror=alert(1)> thẻ HTML giả và từ khóa hội thảo."},
	}
	for i := 1; i <= 23; i++ {
		vi = append(vi, Doc{
			URL:   fmt.Sprintf("news/ban-tin-%02d/", i),
			Title: fmt.Sprintf("Bản tin số %d", i),
			Date:  fmt.Sprintf("%02d/06/2021", i),
			Time:  day(fmt.Sprintf("2021-06-%02d", i)),
			Text:  fmt.Sprintf("Bản tin thường kỳ số %d về tình hình khu vực và thế giới.", i),
		})
	}
	ar := []Doc{
		{URL: "news/ilam/", Title: "وزارة الإعلام تطلق منصة جديدة", Date: "١ يناير ٢٠٢٤", Time: day("2024-01-01"),
			Text: "أعلنت وزارة الإعلام عن منصة رقميّة للأخبار."},
		{URL: "news/madrasa/", Title: "افتتاح مدرسة في القاهرة", Date: "٢ يناير ٢٠٢٤", Time: day("2024-01-02"),
			Text: "تم افتتاح مدرسة جديدة بحضور السفير، وقد أكّد المسؤولون أهميّة التعليم."},
		{URL: "news/other/", Title: "لقاء ثقافي", Date: "٣ يناير ٢٠٢٤", Time: day("2024-01-03"),
			Text: "لقاء ثقافي حول الفنون والمسرح والموسيقى."},
	}
	zh := []Doc{
		{URL: "news/duiwai/", Title: "加强国际传播能力建设", Date: "2024年1月5日", Time: day("2024-01-05"),
			Text: "会议强调，要做好对外信息发布工作，讲好中国故事。"},
		{URL: "news/jingji/", Title: "经济合作论坛在河内举行", Date: "2024年2月5日", Time: day("2024-02-05"),
			Text: "双方同意深化经济合作，扩大贸易往来。"},
		{URL: "news/title-duiwai/", Title: "对外交流新进展", Date: "2023年2月5日", Time: day("2023-02-05"),
			Text: "文化交流活动丰富多彩。"},
	}
	return map[string][]Doc{"vi": vi, "ar": ar, "zh": zh}
}
