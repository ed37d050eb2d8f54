package slug_test

import (
	"fmt"

	"github.com/attache-ssg/attache/internal/slug"
)

func ExampleMake() {
	fmt.Println(slug.Make("Hội nghị thông tin đối ngoại"))
	fmt.Println(slug.Make("L'information à l'étranger"))
	fmt.Println(slug.Make("Москва"))
	fmt.Println(slug.Make("الإعلام الخارجي"))
	fmt.Println(slug.Make("../../etc/passwd"))
	fmt.Println(slug.Make("CON"))
	// Output:
	// hoi-nghi-thong-tin-doi-ngoai
	// l-information-a-l-etranger
	// moskva
	// الإعلام-الخارجي
	// etc-passwd
	// con-1
}
