// Package deps holds no code: its test keeps the internal packages in the
// one-way graph the architecture promises (files → pages → model →
// rendered outputs → publish), so no package can quietly grow into a
// centre that everything imports.
package deps

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/attache-ssg/attache/"

// allowed lists, for each internal package, the internal packages it may
// import. A package not listed here may import nothing internal.
var allowed = map[string][]string{
	"diag":        {},
	"urlpath":     {},
	"slug":        {},
	"watch":       {},
	"config":      {"diag"},
	"source":      {"diag"},
	"frontmatter": {"diag", "slug"},
	"markdown":    {"diag"},
	"i18n":        {"diag"},
	"search":      {},
	"release":     {"diag", "memfs"},
	"memfs":       {},
	// The standard library's templates, forked (gotemplate/README.md).
	"gotemplate/fmtsort": {},
	"gotemplate/text":    {"gotemplate/fmtsort"},
	"gotemplate/html":    {"gotemplate/text"},
	"imaging":            {},
	"site":               {"config", "diag", "frontmatter", "markdown", "slug", "source", "urlpath"},
	"render":             {"diag", "i18n", "markdown", "search", "site", "urlpath", "config", "frontmatter", "slug", "source", "imaging", "gotemplate/html"},
	"publish":            {"render", "urlpath"},
	"build":              {"config", "diag", "frontmatter", "i18n", "markdown", "render", "site", "slug", "source", "urlpath", "search", "imaging"},
	"status":             {"config", "diag", "frontmatter", "i18n", "site", "source", "markdown", "slug", "urlpath", "build"},
	"scaffold":           {"config", "diag", "frontmatter", "slug", "source"},
	"archive":            {"release", "i18n", "diag", "urlpath", "render", "build", "config", "memfs"},
	"serve":              {"build", "diag", "render", "watch", "urlpath", "config"},
	"browsertest":        {},
	"e2e":                {"browsertest", "build", "render", "publish"},
	"deps":               {},
	"testcorpus":         {},
	"buildcache":         {"diag", "frontmatter", "release", "site", "source"},
	"hostile":            {"build", "render", "publish", "diag", "config", "testcorpus", "serve", "release", "markdown", "browsertest"},
}

func TestImportsFlowOneWay(t *testing.T) {
	out, err := exec.Command("go", "list", "-json=ImportPath,Imports", "../...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(p.ImportPath, module+"internal/")
		ok, known := allowed[name]
		if !known {
			t.Errorf("package internal/%s is not in the dependency table: say what it may import", name)
			continue
		}
		may := map[string]bool{}
		for _, a := range ok {
			may[a] = true
		}
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module+"internal/") {
				if imp == strings.TrimSuffix(module, "/") {
					t.Errorf("internal/%s imports the root package: only commands and tests may", name)
				}
				continue
			}
			dep := strings.TrimPrefix(imp, module+"internal/")
			if !may[dep] {
				t.Errorf("internal/%s imports internal/%s, which the architecture does not allow", name, dep)
			}
		}
	}
}
