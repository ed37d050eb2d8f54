// Package config reads site.yaml into an immutable, validated Config.
//
// Every problem is reported to a diag.List with the line of the offending
// key, and a Config is returned only when site.yaml holds no error. After
// Parse returns, nothing mutates a Config: every stage may share it.
package config

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/attache-ssg/attache/internal/diag"
)

// Language is one of the site's languages.
type Language struct {
	Code        string // BCP 47, canonical form (e.g. "vi", "pt-BR")
	Name        string // the language's name in itself ("Tiếng Việt")
	Title       string // the site's title in this language
	Description string
	Direction   string // "ltr" or "rtl"
	Weight      int
}

// Config is the validated content of site.yaml.
type Config struct {
	BaseURL         string // absolute, ends with "/"
	DefaultLanguage string
	TimeZone        *time.Location
	Paginate        int
	Languages       []Language // ordered by weight, then code
	Publisher       string     // who publishes the site: footer, feeds, structured data
	Copyright       string     // a licence or rights line shown in the footer
	// Untranslated says how a language's lists show an article that has
	// no translation in it: "mark" (listed in its original language, marked)
	// or "hide".
	Untranslated string
	// OutdatedNotice shows, on a translation whose original changed since
	// it was translated, a short notice saying so.
	OutdatedNotice bool
	// UnsafeHTML lets raw HTML in Markdown through to the output, through
	// an allow-list sanitizer unless TrustAuthors is set too.
	UnsafeHTML bool
	// TrustAuthors (markup: {trustAuthors: true}) writes raw HTML as the
	// authors wrote it, scripts and all, and lets every URL scheme
	// through. It only matters with UnsafeHTML.
	TrustAuthors bool
	// KeepReleases is how many of the newest signed releases a build
	// publishes under /v/<version>/ (site.yaml `releases: {keep: N}`).
	KeepReleases int
	// FeedContent is "summary" or "full": what feed items carry.
	FeedContent string
	Params      map[string]any

	byCode map[string]int
	// left holds the languages of site.yaml that --lang left out, so their
	// folders are skipped without a warning.
	left map[string]bool
}

// LeftOut reports whether code is a language of site.yaml that this
// build leaves out (--lang).
func (c *Config) LeftOut(code string) bool { return c.left[code] }

// File is the name of the configuration file at the site root.
const File = "site.yaml"

// rtlLanguages are written right to left when site.yaml does not say.
var rtlLanguages = map[string]bool{"ar": true, "he": true, "fa": true, "ur": true, "ps": true, "sd": true, "ug": true, "yi": true, "dv": true, "ckb": true}

// Language returns the language with the given code.
func (c *Config) Language(code string) (Language, bool) {
	i, ok := c.byCode[code]
	if !ok {
		return Language{}, false
	}
	return c.Languages[i], true
}

// HasLanguage reports whether code is one of the site's languages.
func (c *Config) HasLanguage(code string) bool {
	_, ok := c.byCode[code]
	return ok
}

// Codes returns the language codes in site order.
func (c *Config) Codes() []string {
	out := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		out[i] = l.Code
	}
	return out
}

// WithBaseURL returns a copy of c with another base URL (the --base-url flag).
func (c *Config) WithBaseURL(raw string) (*Config, error) {
	u, err := normalizeBaseURL(raw)
	if err != nil {
		return nil, err
	}
	cp := *c
	cp.BaseURL = u
	return &cp, nil
}

// WithLanguages returns a copy of c restricted to codes (the --lang flag).
// The default language stays the default when kept, else the first kept
// language becomes the default.
func (c *Config) WithLanguages(codes []string) (*Config, error) {
	keep := map[string]bool{}
	for _, code := range codes {
		if !c.HasLanguage(code) {
			return nil, fmt.Errorf("language %q is not in %s (have %s)", code, File, strings.Join(c.Codes(), ", "))
		}
		keep[code] = true
	}
	cp := *c
	cp.Languages = nil
	cp.byCode = map[string]int{}
	cp.left = map[string]bool{}
	for _, l := range c.Languages {
		if keep[l.Code] {
			cp.byCode[l.Code] = len(cp.Languages)
			cp.Languages = append(cp.Languages, l)
		} else {
			cp.left[l.Code] = true
		}
	}
	if !keep[cp.DefaultLanguage] {
		cp.DefaultLanguage = cp.Languages[0].Code
	}
	return &cp, nil
}

func normalizeBaseURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "", fmt.Errorf("baseURL %q must be an absolute http(s) URL such as https://example.org/", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("baseURL %q must not have a query or fragment", raw)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}

// Parse decodes and validates site.yaml. file names it in diagnostics.
func Parse(file string, data []byte, diags *diag.List) (*Config, bool) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line := 0
		msg := err.Error()
		if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
			msg = te.Errors[0]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		if _, err := fmt.Sscanf(msg, "line %d:", &line); err == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		diags.Errorf(file, line, 0, "invalid YAML: %s", msg)
		return nil, false
	}
	if len(root.Content) == 0 {
		diags.Errorf(file, 1, 0, "empty configuration: `languages` is required")
		return nil, false
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		diags.Errorf(file, doc.Line, doc.Column, "configuration must be a mapping of keys to values")
		return nil, false
	}
	p := parser{file: file, diags: diags}
	c := &Config{
		BaseURL:        "http://localhost/",
		TimeZone:       time.UTC,
		Paginate:       10,
		Untranslated:   "mark",
		FeedContent:    "summary",
		OutdatedNotice: true,
		KeepReleases:   3,
		byCode:         map[string]int{},
	}
	var langNode *yaml.Node
	seen := map[string]bool{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if seen[k.Value] {
			p.errorf(k, "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "baseURL", "baseUrl":
			if s, ok := p.str(v); ok {
				u, err := normalizeBaseURL(s)
				if err != nil {
					p.errorf(v, "%v", err)
				} else {
					c.BaseURL = u
				}
			}
		case "defaultLanguage", "defaultContentLanguage":
			if s, ok := p.str(v); ok {
				c.DefaultLanguage = s
			}
		case "timeZone", "timezone":
			if s, ok := p.str(v); ok {
				loc, err := time.LoadLocation(s)
				if err != nil {
					p.errorf(v, "unknown time zone %q (use an IANA name such as Asia/Ho_Chi_Minh)", s)
				} else {
					c.TimeZone = loc
				}
			}
		case "paginate":
			var n int
			if err := v.Decode(&n); err != nil || n < 1 {
				p.errorf(v, "paginate must be a whole number of at least 1")
			} else {
				c.Paginate = n
			}
		case "languages":
			langNode = v
		case "author", "publisher":
			if s, ok := p.str(v); ok {
				c.Publisher = s
			}
		case "copyright":
			if s, ok := p.str(v); ok {
				c.Copyright = s
			}
		case "untranslated":
			if s, ok := p.str(v); ok {
				if s != "mark" && s != "hide" {
					p.errorf(v, "untranslated must be `mark` or `hide`, not %q", s)
				} else {
					c.Untranslated = s
				}
			}
		case "feedContent":
			if s, ok := p.str(v); ok {
				if s != "summary" && s != "full" {
					p.errorf(v, "feedContent must be `summary` or `full`, not %q", s)
				} else {
					c.FeedContent = s
				}
			}
		case "outdatedNotice":
			if err := v.Decode(&c.OutdatedNotice); err != nil {
				p.errorf(v, "outdatedNotice must be true or false")
			}
		case "releases":
			var r struct {
				Keep *int `yaml:"keep"`
			}
			if err := v.Decode(&r); err != nil || (r.Keep != nil && *r.Keep < 0) {
				p.errorf(v, "releases must be a mapping such as {keep: 3} (a whole number, 0 to publish none)")
			} else if r.Keep != nil {
				c.KeepReleases = *r.Keep
			}
		case "markup":
			var m struct {
				UnsafeHTML   bool `yaml:"unsafeHTML"`
				TrustAuthors bool `yaml:"trustAuthors"`
			}
			if err := v.Decode(&m); err != nil {
				p.errorf(v, "markup: %v", cleanYAMLErr(err))
			}
			for j := 0; v.Kind == yaml.MappingNode && j+1 < len(v.Content); j += 2 {
				if kk := v.Content[j]; kk.Value != "unsafeHTML" && kk.Value != "trustAuthors" {
					diags.Warnf(file, kk.Line, kk.Column, "unknown key %q in markup (ignored; known: unsafeHTML, trustAuthors)", kk.Value)
				}
			}
			c.UnsafeHTML, c.TrustAuthors = m.UnsafeHTML, m.TrustAuthors
		case "params":
			if err := v.Decode(&c.Params); err != nil {
				p.errorf(v, "params must be a mapping: %v", cleanYAMLErr(err))
			}
		case "title", "description":
			// Accepted for Hugo compatibility; per-language titles live under languages.
		default:
			diags.Warnf(file, k.Line, k.Column, "unknown key %q (ignored)", k.Value)
		}
	}
	if langNode == nil {
		diags.Errorf(file, 1, 0, "`languages` is required: list at least one language, e.g. `languages: {en: {name: English}}`")
		return nil, false
	}
	p.languages(c, langNode)
	if len(c.Languages) > 0 {
		if c.DefaultLanguage == "" {
			c.DefaultLanguage = c.Languages[0].Code
		} else if canon, err := language.Parse(c.DefaultLanguage); err != nil || !c.HasLanguage(canon.String()) {
			diags.Errorf(file, lineOf(doc, "defaultLanguage", "defaultContentLanguage"), 0,
				"defaultLanguage %q is not one of languages (%s)", c.DefaultLanguage, strings.Join(c.Codes(), ", "))
			p.failed = true
		} else {
			c.DefaultLanguage = canon.String()
		}
	}
	if p.failed {
		return nil, false
	}
	return c, true
}

func (p *parser) languages(c *Config, n *yaml.Node) {
	if n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		p.errorf(n, "languages must be a mapping of language codes, e.g. `vi: {name: Tiếng Việt}`")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		tag, err := language.Parse(k.Value)
		if err != nil {
			p.errorf(k, "%q is not a BCP 47 language code", k.Value)
			continue
		}
		code := tag.String()
		if _, dup := c.byCode[code]; dup {
			p.errorf(k, "language %q listed twice", code)
			continue
		}
		var raw struct {
			Name        string `yaml:"name"`
			LangName    string `yaml:"languageName"`
			Title       string `yaml:"title"`
			Description string `yaml:"description"`
			Direction   string `yaml:"direction"`
			Weight      int    `yaml:"weight"`
		}
		if v.Kind != yaml.MappingNode && !(v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
			p.errorf(v, "language %q must be a mapping such as {name: …, title: …}", code)
			continue
		}
		if err := v.Decode(&raw); err != nil {
			p.errorf(v, "language %q: %v", code, cleanYAMLErr(err))
			continue
		}
		for j := 0; j+1 < len(v.Content); j += 2 {
			switch v.Content[j].Value {
			case "name", "languageName", "title", "description", "direction", "weight", "languageDirection":
			default:
				p.diags.Warnf(p.file, v.Content[j].Line, v.Content[j].Column, "unknown key %q in language %q (ignored)", v.Content[j].Value, code)
			}
		}
		l := Language{Code: code, Name: raw.Name, Title: raw.Title, Description: raw.Description, Direction: raw.Direction, Weight: raw.Weight}
		if l.Name == "" {
			l.Name = raw.LangName
		}
		if l.Name == "" {
			l.Name = code
		}
		base, _ := tag.Base()
		switch l.Direction {
		case "":
			l.Direction = "ltr"
			if rtlLanguages[base.String()] {
				l.Direction = "rtl"
			}
		case "ltr", "rtl":
		default:
			p.errorf(v, "language %q: direction must be ltr or rtl, not %q", code, l.Direction)
			continue
		}
		c.byCode[code] = len(c.Languages)
		c.Languages = append(c.Languages, l)
	}
	sort.SliceStable(c.Languages, func(i, j int) bool {
		a, b := c.Languages[i], c.Languages[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Code < b.Code
	})
	for i, l := range c.Languages {
		c.byCode[l.Code] = i
	}
}

type parser struct {
	file   string
	diags  *diag.List
	failed bool
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	p.failed = true
	p.diags.Errorf(p.file, n.Line, n.Column, format, args...)
}

func (p *parser) str(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n, "expected a text value")
		return "", false
	}
	return n.Value, true
}

func lineOf(m *yaml.Node, keys ...string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		for _, k := range keys {
			if m.Content[i].Value == k {
				return m.Content[i+1].Line
			}
		}
	}
	return 0
}

func cleanYAMLErr(err error) string {
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		return strings.TrimPrefix(te.Errors[0], "yaml: ")
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}
