package scaffold

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// frontMatter builds a front matter block key by key, in order.
type frontMatter struct{ root yaml.Node }

func newFrontMatter() *frontMatter {
	return &frontMatter{root: yaml.Node{Kind: yaml.MappingNode}}
}

func scalar(tag, v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v}
}

func (f *frontMatter) add(key string, v *yaml.Node) {
	f.root.Content = append(f.root.Content, scalar("!!str", key), v)
}

// str adds a string; the encoder quotes it when YAML would read it as
// anything else ("1984", "yes: no", "- x").
func (f *frontMatter) str(key, v string) { f.add(key, scalar("!!str", v)) }

// list adds a block list of strings; an empty one is written [].
func (f *frontMatter) list(key string, vs []string) {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	if len(vs) == 0 {
		n.Style = yaml.FlowStyle
	}
	for _, v := range vs {
		n.Content = append(n.Content, scalar("!!str", v))
	}
	f.add(key, n)
}

// flow adds a one-line mapping of strings: {lang: vi, hash: 3f2a9c0b1d2e}.
func (f *frontMatter) flow(key string, kv ...string) {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Content = append(n.Content, scalar("!!str", kv[i]), scalar("!!str", kv[i+1]))
	}
	f.add(key, n)
}

// bytes returns the block with its --- lines.
func (f *frontMatter) bytes() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&f.root); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	b.WriteString("---\n")
	return b.Bytes(), nil
}
