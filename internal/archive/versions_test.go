package archive

import (
	"slices"
	"testing"
	"time"
)

func TestSelect(t *testing.T) {
	all := []string{"2024.1", "2024.9", "2024.10", "2024.2-rc1", "2024.2"}
	tests := []struct {
		keep int
		want []string
	}{
		{3, []string{"2024.10", "2024.9", "2024.2"}},
		{1, []string{"2024.10"}},
		{10, []string{"2024.10", "2024.9", "2024.2", "2024.2-rc1", "2024.1"}},
		{0, []string{}},
		{-1, []string{}},
	}
	for _, tt := range tests {
		if got := Select(all, tt.keep); !slices.Equal(got, tt.want) {
			t.Errorf("Select(keep %d) = %q, want %q", tt.keep, got, tt.want)
		}
	}
	if all[0] != "2024.1" {
		t.Error("Select reordered its input")
	}
}

func TestVersionsJSON(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2024, 6, day, 8, 30, 0, 0, time.FixedZone("ICT", 7*3600)) }
	v := NewVersions(
		Current{Version: "2024.10", Created: d(3), Languages: []string{"vi", "en"}},
		[]Release{
			{Version: "2024.9", Created: d(1), Languages: []string{"vi"}},
			{Version: "2024.10", Created: d(2), Languages: []string{"vi", "en"}},
		})
	want := `{
  "current": {
    "version": "2024.10",
    "date": "2024-06-03T01:30:00Z",
    "languages": [
      "vi",
      "en"
    ],
    "path": "./"
  },
  "latest": "2024.10",
  "versions": [
    {
      "version": "2024.10",
      "date": "2024-06-02T01:30:00Z",
      "languages": [
        "vi",
        "en"
      ],
      "path": "v/2024.10/",
      "latest": true
    },
    {
      "version": "2024.9",
      "date": "2024-06-01T01:30:00Z",
      "languages": [
        "vi"
      ],
      "path": "v/2024.9/"
    }
  ]
}
`
	if got := string(v.Marshal()); got != want {
		t.Errorf("versions.json =\n%s\nwant\n%s", got, want)
	}
	empty := string(NewVersions(Current{}, nil).Marshal())
	if empty != "{\n  \"current\": {\n    \"version\": \"\",\n    \"languages\": [],\n    \"path\": \"./\"\n  },\n  \"latest\": \"\",\n  \"versions\": []\n}\n" {
		t.Errorf("no releases: %s", empty)
	}
}
