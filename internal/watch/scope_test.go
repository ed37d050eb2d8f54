package watch

import "testing"

func TestScope(t *testing.T) {
	s, err := newScope([]string{"content", "site.yaml", "themes/basic/layouts", "content/", "./static"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rel              string
		contains, leadTo bool
	}{
		{".", false, true},
		{"content", true, false},
		{"content/a.md", true, false},
		{"contents/a.md", false, false},
		{"site.yaml", true, false},
		{"site.yaml.tmp", false, false},
		{"static/x.css", true, false},
		{"themes", false, true},
		{"themes/basic", false, true},
		{"themes/basic/README.md", false, false},
		{"themes/basic/layouts/a.html", true, false},
		{"themes/other", false, false},
		{"public", false, false},
	}
	for _, tt := range tests {
		if got := s.contains(tt.rel); got != tt.contains {
			t.Errorf("contains(%q) = %v, want %v", tt.rel, got, tt.contains)
		}
		if got := s.leadsTo(tt.rel); got != tt.leadTo {
			t.Errorf("leadsTo(%q) = %v, want %v", tt.rel, got, tt.leadTo)
		}
	}
	all, err := newScope(nil)
	if err != nil || !all.contains("anything/at/all") || all.leadsTo(".") {
		t.Errorf("empty Paths must mean the whole root: %+v, %v", all, err)
	}
}

// FuzzScope checks that any accepted watch path is in scope, as is anything
// under it, and that every directory above it leads to it.
func FuzzScope(f *testing.F) {
	for _, s := range []string{"content", "site.yaml", "a/b/c", "./x/../y", "../x", "/abs", "", ".", "a//b/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		s, err := newScope([]string{p})
		if err != nil {
			return
		}
		if s.all {
			return
		}
		clean := s.paths[0]
		if !s.contains(clean) || !s.contains(clean+"/x") {
			t.Fatalf("%q: accepted as %q but not in scope", p, clean)
		}
		for dir := clean; ; {
			i := len(dir) - 1
			for i >= 0 && dir[i] != '/' {
				i--
			}
			if i < 0 {
				dir = "."
			} else {
				dir = dir[:i]
			}
			if !s.leadsTo(dir) {
				t.Fatalf("%q: %q does not lead to %q", p, dir, clean)
			}
			if dir == "." {
				break
			}
		}
	})
}
