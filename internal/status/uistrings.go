package status

import (
	"io/fs"
	"sort"
	"strings"
	"text/template/parse"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/i18n"
)

// UIStrings is the state of one language's UI strings.
type UIStrings struct {
	Lang string
	// Missing are IDs the templates use that the language (with its parent
	// and base languages) does not define: pages show them in the default
	// language, or as the bare ID.
	Missing []string
	// Unused are IDs defined for exactly this language that no template
	// uses (an ID a template computes at run time cannot be seen; such
	// calls are warned about).
	Unused []string
}

// engineIDs are the message IDs the engine looks up itself, outside the
// layouts (render's 404 page); they always count as used.
var engineIDs = []string{"notFoundText", "notFoundTitle"}

// translateFunc is the template function that looks up a UI string (see
// render.funcMap).
const translateFunc = "T"

// TemplateIDs returns, sorted and without duplicates, the message IDs the
// layouts pass to T as a constant: {{ T "id" }}, {{ T "id" .Count }},
// {{ "id" | T }}, in any action, nested or not. The layouts are the site's
// layouts/**.html over the theme's, file by file, as the renderer sees
// them; siteFS may be nil. A call whose ID is computed, and a layout that
// does not parse, are warnings.
func TemplateIDs(siteFS, theme fs.FS, diags *diag.List) []string {
	if diags == nil {
		diags = new(diag.List)
	}
	seen := map[string]bool{}
	for _, l := range layouts(siteFS, theme) {
		src, err := fs.ReadFile(l.fsys, l.path)
		if err != nil {
			diags.Warnf(l.name, 0, 0, "cannot read: %v", err)
			continue
		}
		for _, id := range idsInTemplate(l.name, string(src), diags) {
			seen[id] = true
		}
	}
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

type layoutFile struct {
	fsys fs.FS
	path string // in fsys
	name string // for diagnostics: "layouts/x.html" or "(theme) layouts/x.html"
}

// layouts lists the effective layout files: a site file hides the theme's
// file of the same path.
func layouts(siteFS, theme fs.FS) []layoutFile {
	byPath := map[string]layoutFile{}
	for _, layer := range []struct {
		fsys   fs.FS
		prefix string
	}{{theme, "(theme) "}, {siteFS, ""}} {
		if layer.fsys == nil {
			continue
		}
		fs.WalkDir(layer.fsys, "layouts", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
				byPath[p] = layoutFile{layer.fsys, p, layer.prefix + p}
			}
			return nil
		})
	}
	out := make([]layoutFile, 0, len(byPath))
	for _, l := range byPath {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out
}

// idsInTemplate parses one layout with text/template/parse (html/template
// has the same syntax) and collects the constant IDs passed to T.
// Functions are not checked, so a layout using a site's own functions
// still parses; comments are skipped by the parser.
func idsInTemplate(name, src string, diags *diag.List) []string {
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(src, "", "", trees); err != nil {
		diags.Warnf(name, 0, 0, "cannot read the UI strings it uses: %v", err)
		return nil
	}
	names := make([]string, 0, len(trees))
	for n := range trees {
		names = append(names, n)
	}
	sort.Strings(names)
	w := idWalker{file: name, diags: diags}
	for _, n := range names {
		w.tree = trees[n]
		w.node(trees[n].Root)
	}
	return w.ids
}

type idWalker struct {
	file  string
	tree  *parse.Tree
	diags *diag.List
	ids   []string
}

func (w *idWalker) node(n parse.Node) {
	switch n := n.(type) {
	case nil:
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			w.node(c)
		}
	case *parse.ActionNode:
		w.pipe(n.Pipe)
	case *parse.IfNode:
		w.branch(&n.BranchNode)
	case *parse.RangeNode:
		w.branch(&n.BranchNode)
	case *parse.WithNode:
		w.branch(&n.BranchNode)
	case *parse.TemplateNode:
		w.pipe(n.Pipe)
	case *parse.PipeNode:
		w.pipe(n)
	case *parse.ChainNode:
		w.node(n.Node)
	}
}

func (w *idWalker) branch(b *parse.BranchNode) {
	w.pipe(b.Pipe)
	w.node(b.List)
	w.node(b.ElseList)
}

func (w *idWalker) pipe(p *parse.PipeNode) {
	if p == nil {
		return
	}
	for i, cmd := range p.Cmds {
		for _, arg := range cmd.Args {
			w.node(arg)
		}
		if len(cmd.Args) == 0 {
			continue
		}
		if id, ok := cmd.Args[0].(*parse.IdentifierNode); !ok || id.Ident != translateFunc {
			continue
		}
		// {{ T "id" … }}, or {{ "id" | T }} where the ID is piped in.
		var idArg parse.Node
		switch {
		case len(cmd.Args) >= 2:
			idArg = cmd.Args[1]
		case i > 0 && len(p.Cmds[i-1].Args) == 1:
			idArg = p.Cmds[i-1].Args[0]
		}
		if s, ok := idArg.(*parse.StringNode); ok {
			w.ids = append(w.ids, s.Text)
			continue
		}
		loc, _ := w.tree.ErrorContext(cmd)
		w.diags.Warnf(w.file, lineOf(loc), 0, "T with a computed ID (%s): status cannot tell which UI strings it uses", cmd)
	}
}

// lineOf reads the line out of ErrorContext's "name:line:col".
func lineOf(loc string) int {
	parts := strings.Split(loc, ":")
	if len(parts) < 3 {
		return 0
	}
	n := 0
	for _, c := range parts[len(parts)-2] {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// CheckUIStrings compares the IDs the layouts use with the messages each
// of langs defines (the site's i18n/ over the theme's). Message files with
// problems are reported to diags as the build reports them.
func CheckUIStrings(siteFS, theme fs.FS, cfg *config.Config, langs []string, diags *diag.List) ([]UIStrings, error) {
	if diags == nil {
		diags = new(diag.List)
	}
	used := TemplateIDs(siteFS, theme, diags)
	// A bundle of its own: looking every used ID up records, in its
	// Missing list, exactly what a build would fall back on, parent and
	// base languages (pt-BR → pt) included.
	b, err := i18n.Load(theme, siteFS, cfg.DefaultLanguage, cfg.Codes(), diags)
	if err != nil {
		return nil, err
	}
	usedSet := make(map[string]bool, len(used)+len(engineIDs))
	for _, id := range used {
		usedSet[id] = true
	}
	for _, id := range engineIDs {
		if !usedSet[id] {
			used = append(used, id)
			usedSet[id] = true
		}
	}
	sort.Strings(used)
	keys := map[string]string{} // translator key → site code
	for _, code := range langs {
		tr := b.Translator(code)
		keys[tr.Lang()] = code
		for _, id := range used {
			tr.T(id)
		}
	}
	missing := map[string][]string{}
	for _, m := range b.Missing() {
		if code, ok := keys[m.Lang]; ok {
			missing[code] = append(missing[code], m.ID)
		}
	}
	out := make([]UIStrings, 0, len(langs))
	for _, code := range langs {
		u := UIStrings{Lang: code, Missing: missing[code]}
		sort.Strings(u.Missing)
		for _, id := range b.IDs(code) {
			if !usedSet[id] {
				u.Unused = append(u.Unused, id)
			}
		}
		out = append(out, u)
	}
	return out, nil
}
