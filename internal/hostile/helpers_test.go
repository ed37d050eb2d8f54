package hostile

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/net/html"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
	"github.com/attache-ssg/attache/internal/diag"
)

// deadline bounds every build in this package: far above what any of them
// needs, so it never measures speed, only that a build ends. The race
// detector makes builds up to ten times slower.
var deadline = map[bool]time.Duration{false: 60 * time.Second, true: 10 * time.Minute}[raceEnabled]

// now fixes "today" so that dated articles are never in the future.
var now = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

const siteYAML = `baseURL: https://example.org/
defaultLanguage: vi
timeZone: Asia/Ho_Chi_Minh
languages:
  vi: {name: Tiếng Việt, title: Thông tin đối ngoại, weight: 1}
  en: {name: English, title: Foreign Information, weight: 2}
`

// article returns a Markdown file with the given front matter lines (a
// title and a date are added unless given) and body.
func article(front, body string) string {
	if !strings.Contains(front, "title:") {
		front = "title: Bài viết\n" + front
	}
	if !strings.Contains(front, "date:") {
		front += "\ndate: 2024-03-05"
	}
	return "---\n" + strings.TrimSpace(front) + "\n---\n" + body
}

// mapSite is a two-language site with home pages plus files.
func mapSite(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{
		"site.yaml":            {Data: []byte(siteYAML)},
		"content/vi/_index.md": {Data: []byte("---\ntitle: Trang chủ\n---\n")},
		"content/en/_index.md": {Data: []byte("---\ntitle: Home\n---\n")},
	}
	for k, v := range files {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

// outcome is what a bounded build gave.
type outcome struct {
	res     *build.Result
	err     error
	outputs map[string][]byte // every output's bytes, static copies read
}

// diags returns the build's diagnostics, one per line.
func (o outcome) diags() string {
	if o.res == nil || o.res.Diags == nil {
		return ""
	}
	var b strings.Builder
	for _, d := range o.res.Diags.Sorted() {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// has reports whether a diagnostic of severity sev names file and holds
// every one of words.
func (o outcome) has(sev diag.Severity, file string, words ...string) bool {
	if o.res == nil {
		return false
	}
	for _, d := range o.res.Diags.Sorted() {
		if d.Severity != sev || d.File != file {
			continue
		}
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(d.Msg, w)
		}
		if ok {
			return true
		}
	}
	return false
}

// buildBounded runs build.Run on fsys and fails the test if it panics (in
// the calling goroutine; a panic in a worker goroutine kills the test
// binary, which fails the run as loudly) or has not returned within
// deadline. It returns whatever the build gave, success or failure.
func buildBounded(t *testing.T, fsys fs.FS, opts build.Options) outcome {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = now
	}
	type result struct {
		res   *build.Result
		err   error
		panic any
		stack []byte
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r.panic, r.stack = p, debug.Stack()
			}
			done <- r
		}()
		r.res, r.err = build.Run(fsys, attache.Theme(), opts)
	}()
	timer := time.NewTimer(deadline)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.panic != nil {
			t.Fatalf("build panicked: %v\n%s", r.panic, r.stack)
		}
		if r.res == nil {
			t.Fatalf("build returned no result (err %v)", r.err)
		}
		if r.err != nil && !errors.Is(r.err, build.ErrFailed) {
			t.Fatalf("build failed with %v, not with diagnostics", r.err)
		}
		if r.err != nil && !r.res.Diags.HasErrors() {
			t.Fatalf("build failed without an error diagnostic: %v", r.err)
		}
		o := outcome{res: r.res, err: r.err, outputs: map[string][]byte{}}
		for _, out := range r.res.Outputs {
			data := out.Data
			if out.Src != nil {
				b, err := fs.ReadFile(out.Src, out.SrcPath)
				if err != nil {
					t.Fatalf("output %s: reading %s: %v", out.Path, out.SrcPath, err)
				}
				data = b
			}
			if _, dup := o.outputs[out.Path]; dup {
				t.Errorf("two outputs at %s", out.Path)
			}
			o.outputs[out.Path] = data
		}
		return o
	case <-timer.C:
		t.Fatalf("build still running after %v", deadline)
		return outcome{}
	}
}

// mustBuild is buildBounded for sites that must build.
func mustBuild(t *testing.T, fsys fs.FS) outcome {
	t.Helper()
	o := buildBounded(t, fsys, build.Options{})
	if o.err != nil {
		t.Fatalf("build failed:\n%s", o.diags())
	}
	return o
}

// checkPaths fails for any output path that could leave the output
// directory or cannot be a file name on common systems.
func checkPaths(t *testing.T, outputs map[string][]byte) {
	t.Helper()
	for p := range outputs {
		if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
			t.Errorf("output path %q", p)
		}
		for _, seg := range strings.Split(p, "/") {
			if seg == "" || seg == "." || seg == ".." || len(seg) > 255 {
				t.Errorf("output path %q has segment %q", p, seg)
			}
		}
	}
}

// marker is in every payload the script checks look for: the theme's own
// scripts never contain it.
const marker = "PWNED"

// scanOutputs fails for anything in any output that could run an author's
// script in a reader's browser: a script element whose source or text
// holds the marker (the theme's own scripts are allowed), an event-handler
// attribute, a javascript:/vbscript:/data: URL in a URL attribute or a
// refresh, an element that embeds documents. HTML found escaped inside
// feeds (RSS, Atom) is checked the same way, as feed readers render it;
// JSON is checked for script URLs.
func scanOutputs(t *testing.T, outputs map[string][]byte) {
	t.Helper()
	names := make([]string, 0, len(outputs))
	for p := range outputs {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		data := outputs[p]
		switch {
		case strings.HasSuffix(p, ".html"):
			if f := htmlFinding(data); f != "" {
				t.Errorf("%s: %s", p, f)
			}
		case strings.HasSuffix(p, ".xml"):
			if f := feedFinding(data); f != "" {
				t.Errorf("%s: %s", p, f)
			}
		case strings.HasSuffix(p, ".json"):
			if f := jsonFinding(data); f != "" {
				t.Errorf("%s: %s", p, f)
			}
		}
	}
}

// urlAttrs are the attributes a browser follows or loads.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true, "xlink:href": true,
	"poster": true, "background": true, "cite": true, "srcset": true, "ping": true, "manifest": true,
}

func htmlFinding(data []byte) string {
	z := html.NewTokenizer(bytes.NewReader(data))
	script := "" // the type of the script element we are in, "js" for script
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return ""
			}
			return z.Err().Error()
		case html.TextToken:
			switch text := z.Raw(); script {
			case "":
			case "application/ld+json":
				// Data, not script, as long as it cannot close the element:
				// html/template writes < as \u003c.
				if bytes.Contains(text, []byte("<")) {
					return "raw < inside JSON-LD: " + string(text)
				}
				if !json.Valid(text) {
					return "JSON-LD that is not JSON: " + string(text)
				}
			default:
				if bytes.Contains(text, []byte(marker)) {
					return "author text inside a <script>: " + string(text)
				}
			}
		case html.EndTagToken:
			script = ""
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script":
				script = "js"
				for _, a := range tok.Attr {
					if a.Key == "type" && a.Val == "application/ld+json" {
						script = a.Val
					}
					if a.Key == "src" && (strings.Contains(a.Val, marker) || strings.Contains(a.Val, ":")) {
						return "script loaded from " + a.Val
					}
				}
			case "iframe", "object", "embed", "base", "frame", "frameset", "applet", "style":
				return "<" + tok.Data + "> element"
			case "meta":
				if f := metaFinding(tok); f != "" {
					return f
				}
			}
			for _, a := range tok.Attr {
				key := strings.ToLower(a.Key)
				val := strings.ToLower(a.Val)
				if strings.HasPrefix(key, "on") {
					return fmt.Sprintf("event handler %s=%q on <%s>", a.Key, a.Val, tok.Data)
				}
				if urlAttrs[key] && scriptURL(val, tok.Data == "img" && key == "src") {
					return fmt.Sprintf("%s=%q on <%s>", a.Key, a.Val, tok.Data)
				}
				if key == "style" && (strings.Contains(val, "javascript:") || strings.Contains(val, "expression(")) {
					return fmt.Sprintf("style=%q on <%s>", a.Val, tok.Data)
				}
				if key == "srcdoc" {
					return "srcdoc attribute"
				}
			}
		}
	}
}

// metaFinding checks a meta element whose content is a URL: a refresh, or
// an Open Graph or Twitter image, video, audio or URL.
func metaFinding(tok html.Token) string {
	var kind, content string
	for _, a := range tok.Attr {
		switch strings.ToLower(a.Key) {
		case "http-equiv", "property", "name":
			kind = strings.ToLower(a.Val)
		case "content":
			content = strings.ToLower(a.Val)
		}
	}
	switch {
	case kind == "refresh":
		if i := strings.Index(content, "url="); i >= 0 && scriptURL(content[i+4:], false) {
			return fmt.Sprintf("refresh to %q", content)
		}
	case strings.HasSuffix(kind, ":image") || strings.HasSuffix(kind, ":url") || strings.HasSuffix(kind, ":video") ||
		strings.HasSuffix(kind, ":audio") || strings.HasSuffix(kind, ":image:url"):
		if scriptURL(content, false) {
			return fmt.Sprintf("<meta %s> %q", kind, content)
		}
	}
	return ""
}

// scriptURL reports whether u (entities decoded, lower-cased) would run
// script: javascript:, vbscript:, or data: other than an image's picture.
// Like a browser it ignores leading spaces and control characters and
// tabs and newlines anywhere.
func scriptURL(u string, image bool) bool {
	var b strings.Builder
	for _, r := range u {
		if r == '\t' || r == '\n' || r == '\r' || (r <= ' ' && b.Len() == 0) {
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	switch {
	case strings.HasPrefix(s, "javascript:"), strings.HasPrefix(s, "vbscript:"):
		return true
	case strings.HasPrefix(s, "data:"):
		return !(image && strings.HasPrefix(s, "data:image/"))
	}
	return false
}

// feedFinding parses a feed or sitemap and checks its links, and the HTML
// its entries carry escaped as text (RSS item descriptions, Atom content
// and summaries), which feed readers render. Titles and the channel's
// description are plain text by the RSS and Atom specifications.
func feedFinding(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return ""
		}
		if err != nil {
			return "not well-formed XML: " + err.Error()
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			for _, a := range tok.Attr {
				if (a.Name.Local == "href" || a.Name.Local == "src" || a.Name.Local == "url") && scriptURL(strings.ToLower(a.Value), false) {
					return "link to " + a.Value
				}
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) == 0 {
				continue
			}
			name, parent := stack[len(stack)-1], ""
			if len(stack) > 1 {
				parent = stack[len(stack)-2]
			}
			text := string(tok)
			switch {
			case name == "link" || name == "loc" || name == "id" || name == "guid" || name == "url":
				if scriptURL(strings.ToLower(strings.TrimSpace(text)), false) {
					return "<" + name + "> " + text
				}
			case (parent == "item" || parent == "entry") && (name == "description" || name == "content" || name == "summary" || name == "encoded"):
				if f := htmlFinding([]byte(text)); f != "" {
					return "in <" + parent + "><" + name + ">: " + f
				}
			}
		}
	}
}

// jsonFinding checks the URL-valued strings of a JSON file (the search
// index: "u" is a page's URL, "i" an image's) for script URLs.
func jsonFinding(data []byte) string {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return "not JSON: " + err.Error()
	}
	urlKeys := map[string]bool{"u": true, "i": true, "url": true, "href": true, "src": true, "image": true}
	var walk func(key string, v any) string
	walk = func(key string, v any) string {
		switch v := v.(type) {
		case string:
			if urlKeys[key] && scriptURL(strings.ToLower(v), false) {
				return key + ": " + v
			}
		case []any:
			for _, x := range v {
				if f := walk(key, x); f != "" {
					return f
				}
			}
		case map[string]any:
			for k, x := range v {
				if f := walk(k, x); f != "" {
					return f
				}
			}
		}
		return ""
	}
	return walk("", v)
}

// writeTree writes files (slash paths) under root.
func writeTree(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// listing is every path under dir with its size and content digest, for
// before-and-after comparisons. Symbolic links are listed, not followed.
func listing(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "link " + target
		case d.IsDir():
			out[rel] = "dir"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = fmt.Sprintf("%d %x", info.Size(), hash(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func hash(b []byte) uint64 {
	// FNV-1a: enough to see a change; the listing is compared, not trusted.
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// diffListings describes how two listings differ, "" when they do not.
func diffListings(before, after map[string]string) string {
	var out []string
	for p, v := range before {
		if w, ok := after[p]; !ok {
			out = append(out, "removed "+p)
		} else if w != v {
			out = append(out, "changed "+p)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			out = append(out, "added "+p)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}
