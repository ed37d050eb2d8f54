package markdown

import (
	"os"
	"path/filepath"
	"testing"
	"unicode"
	"unicode/utf8"
)

// countWordsRef is countWords before its fast path for letters inside a
// word: the oracle of FuzzCountWords.
func countWordsRef(s string) int {
	words := 0
	inWord, counted := false, false // in a spaced word; has it been counted
	unspaced := 0                   // weight of the current unspaced run
	flushUnspaced := func() {
		if unspaced > 0 {
			words += (unspaced + unspacedWord - 1) / unspacedWord
			unspaced = 0
		}
	}
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r < utf8.RuneSelf:
			flushUnspaced()
			switch {
			case r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' || r == '\v':
				inWord = false
			case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9':
				if !counted || !inWord {
					words++
				}
				inWord, counted = true, true
			default: // ASCII punctuation: part of a word, not one by itself
				if !inWord {
					inWord, counted = true, false
				}
			}
		case countsAsWord(r):
			flushUnspaced()
			words++
			inWord = false
		case isUnspaced(r):
			if unicode.IsLetter(r) {
				if r <= 0x0EFF {
					unspaced += thaiLaoLetter
				} else {
					unspaced += khmerBurmeseLetter
				}
			}
			inWord = false
		case isSpace(r):
			flushUnspaced()
			inWord = false
		default:
			flushUnspaced()
			if inWord && counted {
				continue // the middle of a counted word: no need to classify r
			}
			wordish := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
			switch {
			case !inWord:
				inWord, counted = true, wordish
				if wordish {
					words++
				}
			case wordish && !counted:
				words++
				counted = true
			}
		}
	}
	flushUnspaced()
	return words
}

// FuzzCountWords checks countWords against the version that decodes every
// rune, on any text (invalid UTF-8 included).
func FuzzCountWords(f *testing.F) {
	for _, s := range []string{
		"Hà Nội 2024年5月", "Hội nghị thông tin đối ngoại", "العلاقات الدبلوماسية", "Дипломатия и пресса",
		"ภาษาไทย ລາວ", "state-of-the-art 16-KL/TW", "a\u00a0b\u0085c", "x\xc3", "\xe1\xba", "đ\xe1\xbb\xa3c\xe1\xbb",
		"\xc2\xa0\xc2\x85\xe1\xb8\x80", "日本語のテキスト", "mixed: 한국어 text",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), countWordsRef(s); got != want {
			t.Fatalf("countWords(%q) = %d, want %d", s, got, want)
		}
	})
}

// TestCountWordsFastPathOnTestdata compares the two on every Markdown
// file of testdata.
func TestCountWordsFastPathOnTestdata(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.md")
	if len(files) == 0 {
		t.Fatal("no testdata")
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := countWords(string(b)), countWordsRef(string(b)); got != want {
			t.Errorf("%s: %d words, want %d", name, got, want)
		}
	}
}

// BenchmarkCountWords counts the Vietnamese test article's words.
func BenchmarkCountWords(b *testing.B) {
	src, err := os.ReadFile("testdata/vi-article.md")
	if err != nil {
		b.Fatal(err)
	}
	s := string(src)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		countWords(s)
	}
}
