package archive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/attache-ssg/attache/internal/release"
)

// Names of what Publish adds to a site.
const (
	// Dir is the folder under which releases are published: /v/<version>/.
	Dir = "v"
	// VersionsFile is the site-root file listing the published versions.
	VersionsFile = "versions.json"
)

// Versions is versions.json: what a site publishes, for the version
// switcher and for scripts.
//
//	{
//	  "current": {"version": "", "languages": ["vi", "en"], "path": "./"},
//	  "latest": "2024.2",
//	  "versions": [
//	    {"version": "2024.2", "date": "2024-06-01T08:00:00Z", "languages": ["vi", "en"], "path": "v/2024.2/", "latest": true},
//	    {"version": "2024.1", "date": "2024-03-01T08:00:00Z", "languages": ["vi"], "path": "v/2024.1/"}
//	  ]
//	}
//
// Paths are relative to the folder holding versions.json (the site root)
// and end with "/". Current is what the root holds: the current sources
// (version "" and no date) or, after `attache build --release V`, release
// V. Latest names the newest published release ("" when none).
type Versions struct {
	Current  Entry   `json:"current"`
	Latest   string  `json:"latest"`
	Versions []Entry `json:"versions"`
}

// Entry is one published version.
type Entry struct {
	Version   string   `json:"version"`
	Date      string   `json:"date,omitempty"` // the release's creation time, RFC 3339 UTC
	Languages []string `json:"languages"`
	Path      string   `json:"path"`
	Latest    bool     `json:"latest,omitempty"`
}

// Select returns the newest keep of versions, newest first. keep <= 0
// selects none.
func Select(versions []string, keep int) []string {
	vs := slices.Clone(versions)
	release.SortVersions(vs)
	slices.Reverse(vs)
	if keep < 0 {
		keep = 0
	}
	return vs[:min(keep, len(vs))]
}

// VersionPath is the folder a release is published in, relative to the
// site root: "v/2024.1/".
func VersionPath(version string) string { return Dir + "/" + version + "/" }

// NewVersions describes the root (cur) and the published releases.
func NewVersions(cur Current, rels []Release) Versions {
	v := Versions{
		Current:  Entry{Version: cur.Version, Languages: nonNil(cur.Languages), Path: "./"},
		Versions: []Entry{},
	}
	if !cur.Created.IsZero() {
		v.Current.Date = formatDate(cur.Created)
	}
	sorted := slices.Clone(rels)
	slices.SortFunc(sorted, func(a, b Release) int { return -compareVersions(a.Version, b.Version) })
	for i, r := range sorted {
		e := Entry{Version: r.Version, Date: formatDate(r.Created), Languages: nonNil(r.Languages), Path: VersionPath(r.Version), Latest: i == 0}
		if i == 0 {
			v.Latest = r.Version
		}
		v.Versions = append(v.Versions, e)
	}
	return v
}

// Marshal returns versions.json's bytes: indented, a trailing newline.
func (v Versions) Marshal() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		panic(fmt.Sprintf("archive: encoding versions: %v", err)) // strings and slices always encode
	}
	return b.Bytes()
}

// compareVersions orders versions as releases do, ties broken by the
// strings so that sorting is total.
func compareVersions(a, b string) int {
	if c := release.CompareVersions(a, b); c != 0 {
		return c
	}
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func formatDate(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
