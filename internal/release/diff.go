package release

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
)

// Changes is what a mirror of release From must do to become release To:
// site paths (relative to site/) to upload (Added, Changed) and to delete
// (Removed), each sorted.
type Changes struct {
	From    string   `json:"from"`
	To      string   `json:"to"`
	Added   []string `json:"added"`
	Changed []string `json:"changed"`
	Removed []string `json:"removed"`
}

// Diff compares two manifests' site files by path, size and digest.
func Diff(a, b *Manifest) Changes {
	c := Changes{From: a.Version, To: b.Version, Added: []string{}, Changed: []string{}, Removed: []string{}}
	old := make(map[string]File, len(a.Files))
	for _, f := range a.Files {
		old[f.Path] = f
	}
	for _, f := range b.Files {
		o, ok := old[f.Path]
		switch {
		case !ok:
			c.Added = append(c.Added, f.Path)
		case o.Size != f.Size || o.SHA256 != f.SHA256:
			c.Changed = append(c.Changed, f.Path)
		}
		delete(old, f.Path)
	}
	for p := range old {
		c.Removed = append(c.Removed, p)
	}
	sort.Strings(c.Added)
	sort.Strings(c.Changed)
	sort.Strings(c.Removed)
	return c
}

// Empty reports whether the two releases have the same site files.
func (c Changes) Empty() bool { return len(c.Added)+len(c.Changed)+len(c.Removed) == 0 }

// Text lists the changes one per line as `git diff --name-status` does:
// "A", "M" or "D", a tab, the path; sorted by path.
func (c Changes) Text() []byte {
	type line struct{ status, path string }
	var lines []line
	for _, p := range c.Added {
		lines = append(lines, line{"A", p})
	}
	for _, p := range c.Changed {
		lines = append(lines, line{"M", p})
	}
	for _, p := range c.Removed {
		lines = append(lines, line{"D", p})
	}
	sort.Slice(lines, func(i, j int) bool { return lines[i].path < lines[j].path })
	var b bytes.Buffer
	for _, l := range lines {
		fmt.Fprintf(&b, "%s\t%s\n", l.status, l.path)
	}
	return b.Bytes()
}

// JSON returns the changes as indented JSON with a trailing newline; empty
// lists are [] rather than null, for the scripts that read it.
func (c Changes) JSON() []byte {
	for _, l := range []*[]string{&c.Added, &c.Changed, &c.Removed} {
		if *l == nil {
			*l = []string{}
		}
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		panic(fmt.Sprintf("release: encoding changes: %v", err)) // strings always encode
	}
	return append(b, '\n')
}
