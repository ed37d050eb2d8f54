package release

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestDiff(t *testing.T) {
	a, err := BuildManifest(testSite(), "2024.1", testCreated, nil)
	if err != nil {
		t.Fatal(err)
	}
	site := testSite()
	delete(site, "fr/index.html")
	site["en/index.html"].Data = []byte("<h1>Changed</h1>\n")
	site["img/logo.png"].Data = []byte{0x89, 'P', 'N', 'G', 0, 1, 3} // same size
	site["de/index.html"] = site["empty.txt"]
	b, err := BuildManifest(site, "2024.2", testCreated, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := Diff(a, b)
	if c.From != "2024.1" || c.To != "2024.2" ||
		!slices.Equal(c.Added, []string{"de/index.html"}) ||
		!slices.Equal(c.Changed, []string{"en/index.html", "img/logo.png"}) ||
		!slices.Equal(c.Removed, []string{"fr/index.html"}) {
		t.Errorf("Diff = %+v", c)
	}
	wantText := "A\tde/index.html\nM\ten/index.html\nD\tfr/index.html\nM\timg/logo.png\n"
	if got := string(c.Text()); got != wantText {
		t.Errorf("Text =\n%s\nwant\n%s", got, wantText)
	}
	var back Changes
	if err := json.Unmarshal(c.JSON(), &back); err != nil || !slices.Equal(back.Changed, c.Changed) || back.To != "2024.2" {
		t.Errorf("JSON round trip: %+v, %v\n%s", back, err, c.JSON())
	}
	same := Diff(a, a)
	if !same.Empty() || string(same.Text()) != "" {
		t.Errorf("Diff(a, a) = %+v", same)
	}
	if got := string(same.JSON()); got != "{\n  \"from\": \"2024.1\",\n  \"to\": \"2024.1\",\n  \"added\": [],\n  \"changed\": [],\n  \"removed\": []\n}\n" {
		t.Errorf("empty JSON = %s", got)
	}
	if got := string((Changes{}).JSON()); got != "{\n  \"from\": \"\",\n  \"to\": \"\",\n  \"added\": [],\n  \"changed\": [],\n  \"removed\": []\n}\n" {
		t.Errorf("zero Changes JSON = %s", got)
	}
}
