package buildcache

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"testing"
	"time"

	"github.com/attache-ssg/attache"
	"github.com/attache-ssg/attache/internal/build"
)

var buildNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func article(title, date string, extra ...string) string {
	s := "---\ntitle: " + title + "\n"
	if date != "" {
		s += "date: " + date + "\n"
	}
	for _, e := range extra {
		s += e + "\n"
	}
	return s + "---\nText of " + title + ".\n"
}

// TestNextChange checks NextChange against the build itself: a build at
// any time before the moment it returns writes the same bytes as the
// build at now, and the build at that moment writes something else.
func TestNextChange(t *testing.T) {
	twoLangs := "languages: {vi: {weight: 1}, en: {weight: 2}}\n"
	tests := []struct {
		name  string
		files map[string]string
		want  time.Time // zero: never
	}{
		{"nothing in the future", map[string]string{
			"site.yaml":            twoLangs,
			"content/vi/news/a.md": article("A", "2025-01-01"),
			"content/en/news/a.md": article("A", ""),
		}, time.Time{}},
		{"the earliest future article", map[string]string{
			"site.yaml":                twoLangs,
			"content/vi/news/a.md":     article("A", "2025-01-01"),
			"content/vi/news/later.md": article("Later", "2025-07-01"),
			"content/vi/news/soon.md":  article("Soon", "2025-06-03T08:30:00Z"),
			"content/en/news/soon.md":  article("Soon", ""), // inherits the date
		}, time.Date(2025, 6, 3, 8, 30, 0, 0, time.UTC)},
		{"a date without time is midnight in the site's zone", map[string]string{
			"site.yaml":            "timeZone: Asia/Ho_Chi_Minh\n" + twoLangs,
			"content/vi/news/a.md": article("A", "2025-01-01"),
			"content/vi/news/b.md": article("B", "2025-06-02"),
		}, time.Date(2025, 6, 1, 17, 0, 0, 0, time.UTC)},
		{"a translation dated later than its original", map[string]string{
			"site.yaml":            twoLangs,
			"content/vi/news/a.md": article("A", "2025-01-01"),
			"content/en/news/a.md": article("A", "2025-06-10T00:00:00Z"),
		}, time.Date(2025, 6, 10, 0, 0, 0, 0, time.UTC)},
		{"a language the site does not build does not count", map[string]string{
			"site.yaml":            twoLangs,
			"content/vi/news/a.md": article("A", "2025-01-01"),
			"content/fr/news/a.md": article("A", "2025-06-02T00:00:00Z"),
			"content/vi/news/b.md": article("B", "2025-06-05T00:00:00Z"),
		}, time.Date(2025, 6, 5, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			writeTree(t, root, tt.files)
			res, err := build.Run(os.DirFS(root), attache.Theme(), build.Options{Now: buildNow})
			if err != nil {
				t.Fatalf("%v\n%v", err, res.Diags.Err())
			}
			got, err := NextChange(res.Site, os.DirFS(root), buildNow)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) {
				t.Fatalf("NextChange = %v, want %v", got, tt.want)
			}
			at := outputsAt(t, root, buildNow)
			if tt.want.IsZero() {
				if outputsAt(t, root, buildNow.AddDate(10, 0, 0)) != at {
					t.Error("a build ten years later writes something else, though nothing is dated")
				}
				return
			}
			if outputsAt(t, root, tt.want.Add(-time.Nanosecond)) != at {
				t.Error("a build just before the moment writes something else")
			}
			if outputsAt(t, root, tt.want) == at {
				t.Error("the build at the moment writes the same: the moment is too early")
			}
		})
	}
}

// outputsAt builds root at now and returns a digest of every output.
func outputsAt(t *testing.T, root string, now time.Time) [sha256.Size]byte {
	t.Helper()
	res, err := build.Run(os.DirFS(root), attache.Theme(), build.Options{Now: now})
	if err != nil {
		t.Fatalf("%v\n%v", err, res.Diags.Err())
	}
	d := sha256.New()
	for _, o := range res.Outputs {
		d.Write([]byte(o.Path + "\x00"))
		if o.Src != nil {
			b, err := fs.ReadFile(o.Src, o.SrcPath)
			if err != nil {
				t.Fatal(err)
			}
			d.Write(b)
		}
		d.Write(o.Data)
		d.Write([]byte{0})
	}
	var sum [sha256.Size]byte
	d.Sum(sum[:0])
	return sum
}
