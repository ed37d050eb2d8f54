package archive

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

const notice = "\n<div class=n>N</div>"

func TestRewrite(t *testing.T) {
	tests := []struct {
		name, in, canonical, want string
		ok                        bool
	}{
		{
			name:      "page",
			in:        `<!DOCTYPE html><html lang="fr"><head><link rel="canonical" href="https://old/x/"><title>T</title></head><body class="k"><p>x</p></body></html>`,
			canonical: "https://new.example/fr/x/",
			want:      `<!DOCTYPE html><html lang="fr"><head><link rel="canonical" href="https://new.example/fr/x/"><title>T</title></head><body class="k">` + notice + `<p>x</p></body></html>`,
			ok:        true,
		},
		{
			name:      "no canonical: added at the end of the head",
			in:        "<html><head>\n<title>T</title>\n</head>\n<body>x</body></html>",
			canonical: "https://e/a/",
			want:      "<html><head>\n<title>T</title>\n" + `<link rel="canonical" href="https://e/a/">` + "\n</head>\n<body>" + notice + "x</body></html>",
			ok:        true,
		},
		{
			name:      "no canonical wanted: head untouched",
			in:        `<html><head><link rel=canonical href=/keep></head><body>x`,
			canonical: "",
			want:      `<html><head><link rel=canonical href=/keep></head><body>` + notice + `x`,
			ok:        true,
		},
		{
			name:      "upper case, unquoted, several rel tokens, self-closing",
			in:        `<HTML LANG=vi><HEAD><LINK REL="alternate Canonical" HREF=/a /></HEAD><BODY>x`,
			canonical: "https://e/b/",
			want:      `<HTML LANG=vi><HEAD><link rel="canonical" href="https://e/b/"></HEAD><BODY>` + notice + `x`,
			ok:        true,
		},
		{
			name:      "tags in comments, scripts and attributes are text",
			in:        `<html><head><!-- <body> <link rel="canonical" href="c"> --><script>var s = "<body>";</script><meta content="<body>"></head><body data-x="<body>">x`,
			canonical: "https://e/",
			want:      `<html><head><!-- <body> <link rel="canonical" href="c"> --><script>var s = "<body>";</script><meta content="<body>"><link rel="canonical" href="https://e/">` + "\n" + `</head><body data-x="<body>">` + notice + `x`,
			ok:        true,
		},
		{
			name:      "two canonicals: one is left",
			in:        `<head><link rel="canonical" href="a"><link rel="canonical" href="b"></head><body>`,
			canonical: "https://e/",
			want:      `<head><link rel="canonical" href="https://e/"></head><body>` + notice,
			ok:        true,
		},
		{
			name:      "no body tag: after the head",
			in:        `<html><head><title>T</title></head><p>x</p>`,
			canonical: "",
			want:      `<html><head><title>T</title></head>` + notice + `<p>x</p>`,
			ok:        true,
		},
		{
			name:      "no head at all: the canonical goes before the notice",
			in:        `<body>x`,
			canonical: "https://e/&x",
			want:      `<body><link rel="canonical" href="https://e/&amp;x">` + notice + `x`,
			ok:        true,
		},
		{
			name: "no page",
			in:   `just text, <b>bold</b>`,
			want: `just text, <b>bold</b>`,
		},
		{
			name: "empty",
			in:   ``,
			want: ``,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := []byte(tt.in)
			got, ok := rewrite(in, scanHTML(in), notice, tt.canonical)
			if string(got) != tt.want || ok != tt.ok {
				t.Errorf("rewrite =\n%s (ok %v)\nwant\n%s (ok %v)", got, ok, tt.want, tt.ok)
			}
			if string(in) != tt.in {
				t.Errorf("input modified: %s", in)
			}
		})
	}
}

func TestScanHTMLLang(t *testing.T) {
	for in, want := range map[string]string{
		`<html lang="ar" dir="rtl"><body>`:        "ar",
		`<html lang=" zh-Hant "><body>`:           "zh-Hant",
		`<html><body>`:                            "",
		`<!-- <html lang="en"> --><html lang=fr>`: "fr",
	} {
		if got := scanHTML([]byte(in)).lang; got != want {
			t.Errorf("%s: lang %q, want %q", in, got, want)
		}
	}
}

// FuzzRewrite: whatever the input, rewrite does not panic, changes nothing
// but what it adds (with no canonical asked for, removing the notice gives
// the input back), and what it adds is where a parser sees a body.
func FuzzRewrite(f *testing.F) {
	f.Add([]byte(`<!DOCTYPE html><html lang="en"><head><link rel="canonical" href="x"></head><body class="a">b</body></html>`))
	f.Add([]byte(`<html><head><script>"</head><body>"</script></head><body>`))
	f.Add([]byte(`<body`))
	f.Add([]byte(`<!--<body>--><p>`))
	f.Add([]byte("<html><head></head>\x00<body>"))
	f.Add([]byte(`<textarea><body></textarea><body>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := scanHTML(b)
		for _, off := range []int{d.afterBody, d.afterHead, d.headClose, d.headOpen} {
			if off > len(b) {
				t.Fatalf("offset %d beyond %d bytes", off, len(b))
			}
		}
		out, ok := rewrite(b, d, notice, "")
		if !ok {
			if !bytes.Equal(out, b) {
				t.Fatal("not a page, yet changed")
			}
			return
		}
		i := bytes.Index(out, []byte(notice))
		if i < 0 {
			t.Fatal("notice missing")
		}
		back := append(append([]byte{}, out[:i]...), out[i+len(notice):]...)
		if !bytes.Equal(back, b) {
			t.Fatalf("bytes besides the notice changed:\n%q\n%q", b, out)
		}
		if d.afterBody >= 0 && !strings.HasSuffix(lastTag(out[:i]), "body") {
			t.Fatalf("notice not right after a body tag: %q", out[:i])
		}
		if _, err := html.Parse(bytes.NewReader(out)); err != nil {
			t.Fatal(err)
		}
		out2, _ := rewrite(b, d, notice, "https://e/x")
		if !bytes.Contains(out2, []byte(`<link rel="canonical" href="https://e/x">`)) {
			t.Fatalf("canonical missing: %q", out2)
		}
	})
}

// lastTag returns the name of the last start tag in b.
func lastTag(b []byte) string {
	z := html.NewTokenizer(bytes.NewReader(b))
	var last string
	for {
		switch z.Next() {
		case html.ErrorToken:
			return last
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			last = string(name)
		}
	}
}
