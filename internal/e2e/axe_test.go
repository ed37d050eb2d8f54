package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// axeVersion is the axe-core release the audit is written against; .ci/run
// installs exactly this one.
const axeVersion = "4.14.1"

// axeTags are the rule sets of WCAG 2.1 levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// axeSource reads axe.min.js from $ATTACHE_AXE or from the repository's
// npm cache folder. It skips the test when there is none, unless CI=true.
func axeSource(t *testing.T) string {
	t.Helper()
	p := os.Getenv("ATTACHE_AXE")
	if p == "" {
		p = filepath.Join(repoRoot, ".cache", "npm", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		msg := fmt.Sprintf("axe-core not found (%v): run `npm install --prefix .cache/npm axe-core@%s` at the repository's root, or set ATTACHE_AXE", err, axeVersion)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; CI=true forbids skipping")
		}
		t.Skip(msg)
	}
	return string(b)
}

// axeNode is one element a rule fails on.
type axeNode struct {
	Target         []any  `json:"target"`
	HTML           string `json:"html"`
	FailureSummary string `json:"failureSummary"`
}

// axeViolation is one failed rule, as axe.run reports it.
type axeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []axeNode `json:"nodes"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-5)
			break
		}
		fmt.Fprintf(&b, "\n    %v %.160s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.FailureSummary, "\n", "\n      "))
	}
	return b.String()
}

// landmarkRules are axe's best-practice rules about page structure, run
// with the WCAG rules: every piece of content in a landmark, one main, one
// banner, distinct names, an h1.
var landmarkRules = []string{
	"region", "landmark-one-main", "landmark-unique", "landmark-no-duplicate-banner",
	"landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main", "landmark-banner-is-top-level",
	"landmark-contentinfo-is-top-level", "landmark-main-is-top-level", "page-has-heading-one",
}

// colourRules are the rules that can change with the colours alone: the
// high-contrast mode is audited with these only.
var colourRules = []string{"color-contrast", "link-in-text-block"}

// audit injects axe (once per page load) and runs the WCAG 2.1 A and AA
// rules on the current page, or only the colour rules.
func audit(b *tab, axe string, coloursOnly bool) []axeViolation {
	b.t.Helper()
	if !eval[bool](b, `typeof window.axe === "object"`) {
		eval[bool](b, axe+"\n;true")
	}
	only := `{type: "tag", values: ["` + strings.Join(axeTags, `","`) + `"]}`
	extra := make([]string, len(landmarkRules))
	for i, r := range landmarkRules {
		extra[i] = `"` + r + `": {enabled: true}`
	}
	rules := "{" + strings.Join(extra, ", ") + "}"
	if coloursOnly {
		only = `{type: "rule", values: ["` + strings.Join(colourRules, `","`) + `"]}`
		rules = "{}"
	}
	return eval[[]axeViolation](b, `axe.run(document, {runOnly: `+only+`, rules: `+rules+`, resultTypes: ["violations"]}).then(r => r.violations)`)
}
