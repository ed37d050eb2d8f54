package frontmatter

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

func TestHash(t *testing.T) {
	sum := sha256.Sum256([]byte("Hội nghị\nDòng một.\n\nDòng hai."))
	want := hex.EncodeToString(sum[:])[:12]
	base := Hash("Hội nghị", []byte("Dòng một.\n\nDòng hai.\n"))
	if base != want {
		t.Fatalf("Hash = %s, want %s (sha256 of title, newline, body)", base, want)
	}
	if !isHash(base) {
		t.Fatalf("Hash %q does not pass its own validation", base)
	}
	same := []struct {
		name, title, body string
	}{
		{"crlf", "Hội nghị", "Dòng một.\r\n\r\nDòng hai.\r\n"},
		{"cr", "Hội nghị", "Dòng một.\r\rDòng hai."},
		{"trailing spaces", "Hội nghị", "Dòng một.  \n\t\nDòng hai.\t\n\n\n"},
		{"leading blank lines", "Hội nghị", "\n\n  \nDòng một.\n\nDòng hai."},
		{"title spaces", "  Hội nghị ", "Dòng một.\n\nDòng hai."},
	}
	for _, c := range same {
		if got := Hash(c.title, []byte(c.body)); got != base {
			t.Errorf("%s: Hash = %s, want %s", c.name, got, base)
		}
	}
	different := []struct {
		name, title, body string
	}{
		{"word", "Hội nghị", "Dòng một.\n\nDòng ba."},
		{"accent", "Hoi nghi", "Dòng một.\n\nDòng hai."},
		{"paragraph joined", "Hội nghị", "Dòng một.\nDòng hai."},
		{"leading indent", "Hội nghị", "    Dòng một.\n\nDòng hai."},
		{"title into body", "", "Hội nghị\nDòng một.\n\nDòng hai."},
	}
	for _, c := range different {
		if got := Hash(c.title, []byte(c.body)); got == base {
			t.Errorf("%s: Hash unchanged by a real edit", c.name)
		}
	}
}

func TestHashOfSplitBody(t *testing.T) {
	// What `attache new translation` records and `attache status` compares:
	// the hash of the title and the body Split returns.
	src := []byte("---\r\ntitle: A\r\n---\r\n\r\nText.\r\n")
	m, body, _, ok, _ := parse(t, string(src))
	if !ok {
		t.Fatal("parse failed")
	}
	if got, want := Hash(m.Title, body), Hash("A", []byte("Text.")); got != want {
		t.Errorf("Hash of split body = %s, want %s", got, want)
	}
}
