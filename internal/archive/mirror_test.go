package archive

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/attache-ssg/attache/internal/render"
)

func TestMarkMirror(t *testing.T) {
	staticHTML := fstest.MapFS{"static/embed.html": {Data: []byte("<html><body>raw</body></html>")}}
	outs := []render.Output{
		{Path: "en/index.html", Data: page("en", "https://embassy.example/news/en/", "<p>x</p>")},
		{Path: "fr/a/index.html", Data: page("fr", "https://embassy.example/news/fr/a/", "")},
		{Path: "xx/index.html", Data: page("xx", "https://embassy.example/news/xx/", "")},
		{Path: "en/index.xml", Data: []byte("<rss><body>not html</body></rss>")},
		{Path: "embed.html", Src: staticHTML, SrcPath: "static/embed.html"},
	}
	main := MainSite{
		BaseURL: "https://attache.example.org/", DefaultLanguage: "vi",
		Titles: map[string]string{"vi": "Thông tin đối ngoại", "en": "Foreign Information", "fr": "Information extérieure"},
		Bundle: testBundle(t),
	}
	got, err := MarkMirror(outs, main)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"en/index.html":   `<div class="mirror-notice" role="note"><a href="https://attache.example.org/en/" hreflang="en">Foreign Information · attache.example.org</a></div>`,
		"fr/a/index.html": `<div class="mirror-notice" role="note"><a href="https://attache.example.org/fr/" hreflang="fr">Information extérieure · attache.example.org</a></div>`,
		// Not a language of the main site: its root, the default language's title.
		"xx/index.html": `<div class="mirror-notice" role="note"><a href="https://attache.example.org/" hreflang="xx">Thông tin đối ngoại · attache.example.org</a></div>`,
	}
	for i, o := range got {
		w, isPage := want[o.Path]
		switch {
		case isPage:
			if !bytes.Contains(o.Data, []byte("<body class=\"kind-article\">\n"+w+"\n")) {
				t.Errorf("%s: no link right after <body>:\n%s", o.Path, o.Data)
			}
			if back := strings.Replace(string(o.Data), "\n"+w, "", 1); back != string(outs[i].Data) {
				t.Errorf("%s: other bytes changed", o.Path)
			}
		case o.Src != nil:
			if o.SrcPath != outs[i].SrcPath || o.Data != nil {
				t.Errorf("%s: a copied file was changed", o.Path)
			}
		default:
			if !bytes.Equal(o.Data, outs[i].Data) {
				t.Errorf("%s: not a page, yet changed", o.Path)
			}
		}
	}
	// The input is left as it was.
	if bytes.Contains(outs[0].Data, []byte("mirror-notice")) {
		t.Error("MarkMirror changed its input")
	}
	for _, bad := range []string{"attache.example.org/", "https://attache.example.org", ":"} {
		m := main
		m.BaseURL = bad
		if _, err := MarkMirror(outs, m); err == nil {
			t.Errorf("base URL %q accepted", bad)
		}
	}
}
