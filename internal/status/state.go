package status

import (
	"fmt"
	"strings"
)

// State is where one article stands in one language.
type State string

// The states, in the order reports list them.
const (
	// UpToDate: translatedFrom.hash matches the source as it is now.
	UpToDate State = "up-to-date"
	// Outdated: the source's title or body changed since the translation.
	Outdated State = "outdated"
	// Missing: the language has no version of an article that has a source.
	Missing State = "missing"
	// Orphaned: the version records translatedFrom, but there is no version
	// in that language any more (deleted, or moved away from a path link).
	Orphaned State = "orphaned"
	// Untracked: the version records no translatedFrom (written by hand or
	// migrated from Hugo), so whether it is current cannot be told.
	Untracked State = "untracked"
	// Original: the version is the article's source itself (an article
	// written first in this language, with no default-language version).
	Original State = "original"
)

// States returns every state in report order; a fresh slice each time.
func States() []State {
	return []State{UpToDate, Outdated, Missing, Orphaned, Untracked, Original}
}

// Symbol is the mark reports put beside a state, so that no report relies
// on colour alone.
func (s State) Symbol() string {
	switch s {
	case UpToDate:
		return "✓"
	case Outdated:
		return "⚠"
	case Missing:
		return "✗"
	case Orphaned:
		return "⊘"
	case Untracked:
		return "?"
	case Original:
		return "★"
	}
	return "·"
}

// Label is the state in words: "up to date".
func (s State) Label() string { return strings.ReplaceAll(string(s), "-", " ") }

// ParseStates reads a comma-separated list of states, as --fail-on takes
// it: "outdated,missing". "up to date", "uptodate" and "up_to_date" are all
// UpToDate. Empty entries are skipped.
func ParseStates(list string) ([]State, error) {
	var out []State
	for _, f := range strings.Split(list, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		norm := strings.NewReplacer(" ", "", "_", "", "-", "").Replace(f)
		found := false
		for _, s := range States() {
			if strings.ReplaceAll(string(s), "-", "") == norm {
				out = append(out, s)
				found = true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown state %q (want %s)", f, joinStates(States()))
		}
	}
	return out, nil
}

func joinStates(ss []State) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = string(s)
	}
	return strings.Join(parts, ", ")
}
