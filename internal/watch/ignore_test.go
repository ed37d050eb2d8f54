package watch

import "testing"

func TestBuiltinIgnored(t *testing.T) {
	tests := []struct {
		rel   string
		isDir bool
		want  bool
	}{
		{"content/a.md", false, false},
		{"content/.a.md.swp", false, true},
		{"content/a.md.swp", false, true},
		{"content/.a.md.swx", false, true},
		{"content/.a.md.swo", false, true},
		{"content/a.md~", false, true},
		{"content/.#a.md", false, true},
		{"content/#a.md#", false, true},
		{"content/#", false, false},
		{"content/#tag.md", false, false},
		{"content/4913", false, true},
		{"content/49130", false, false},
		{"content/a.tmp", false, true},
		{"content/.DS_Store", false, true},
		{"content/a.md.kate-swp", false, true},
		{"content/.goutputstream-QX12", false, true},
		{"content/a.md___jb_old___", false, true},
		{"static/.htaccess", false, false},
		{".git", true, true},
		{".git/HEAD", false, true},
		{"content/.attache", true, true},
		{"content/.attache/x.md", false, true},
		{"static/.well-known", true, false},
		{"static/.well-known/security.txt", false, false},
		{"static/.well-known/.cache", true, true},
		{"content", true, false},
		{".", true, false},
		{"content/a.md~/x.md", false, false}, // a directory may end in ~; only files are editor litter
	}
	for _, tt := range tests {
		if got := builtinIgnored(tt.rel, tt.isDir); got != tt.want {
			t.Errorf("builtinIgnored(%q, dir=%v) = %v, want %v", tt.rel, tt.isDir, got, tt.want)
		}
	}
}
