package status

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// todoStates are the states the text report lists file by file: the ones
// that ask something of a translator. Up-to-date and original versions
// are only counted.
var todoStates = []State{Outdated, Missing, Orphaned, Untracked}

// WriteText writes the report for a terminal: a table of counts per
// language, then per language the files that need work (outdated ones
// oldest first), then the UI strings.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Translation status: %d %s, source language %s\n\n", len(r.Articles), plural(len(r.Articles), "article", "articles"), r.DefaultLanguage)
	if len(r.Languages) == 0 {
		fmt.Fprintln(bw, "The site has no language besides the default one.")
	} else {
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "language\t")
		for _, s := range States() {
			fmt.Fprintf(tw, "%s\t", s.Label())
		}
		fmt.Fprint(tw, "total\tdrafts\t\n")
		for _, l := range r.Languages {
			fmt.Fprintf(tw, "%s\t", l.Code)
			for _, s := range States() {
				fmt.Fprintf(tw, "%d\t", l.Counts[s])
			}
			fmt.Fprintf(tw, "%d\t%d\t\n", l.Total, l.Drafts)
		}
		tw.Flush()
	}
	for _, l := range r.Languages {
		first := true
		for _, s := range todoStates {
			entries := r.entries(l.Code, s)
			if len(entries) == 0 {
				continue
			}
			if first {
				fmt.Fprintf(bw, "\n%s (%s)\n", l.Code, l.Name)
				first = false
			}
			fmt.Fprintf(bw, "  %s %s (%d):\n", s.Symbol(), s.Label(), len(entries))
			for _, ae := range entries {
				fmt.Fprintf(bw, "    %s\n", ae.textLine())
			}
		}
	}
	if len(r.UIStrings) > 0 {
		fmt.Fprintf(bw, "\nUI strings\n")
		for _, u := range r.UIStrings {
			switch {
			case len(u.Missing) == 0 && len(u.Unused) == 0:
				fmt.Fprintf(bw, "  %s: complete\n", u.Lang)
			default:
				fmt.Fprintf(bw, "  %s:", u.Lang)
				if len(u.Missing) > 0 {
					fmt.Fprintf(bw, " missing %d: %s;", len(u.Missing), strings.Join(u.Missing, ", "))
				}
				if len(u.Unused) > 0 {
					fmt.Fprintf(bw, " unused %d: %s;", len(u.Unused), strings.Join(u.Unused, ", "))
				}
				fmt.Fprintln(bw)
			}
		}
	}
	return bw.Flush()
}

// articleEntry is one article's entry in one language.
type articleEntry struct {
	Article *Article
	Entry   Entry
}

// entries returns the articles in state s in lang: outdated ones oldest
// first, the others in article order.
func (r *Report) entries(lang string, s State) []articleEntry {
	var out []articleEntry
	for i := range r.Articles {
		a := &r.Articles[i]
		if e, ok := a.Translations[lang]; ok && e.State == s {
			out = append(out, articleEntry{a, e})
		}
	}
	if s == Outdated {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Entry.Dated.Before(out[j].Entry.Dated) })
	}
	return out
}

func (ae articleEntry) textLine() string {
	e := ae.Entry
	var b strings.Builder
	switch e.State {
	case Missing:
		fmt.Fprintf(&b, "%s (translate from it)", e.FromFile)
		if ae.Article.Draft {
			b.WriteString(" [source is a draft]")
		}
		return b.String()
	case Outdated:
		fmt.Fprintf(&b, "%s: %s changed since (recorded %s, now %s)", e.File, e.FromFile, e.Recorded, e.Current)
	case Untracked:
		b.WriteString(e.File)
		if e.Note != "" {
			fmt.Fprintf(&b, ": %s", e.Note)
		} else {
			fmt.Fprintf(&b, ": no translatedFrom to compare with %s", e.FromFile)
		}
	case Orphaned:
		fmt.Fprintf(&b, "%s: %s", e.File, e.Note)
	default:
		b.WriteString(e.File)
	}
	if e.Draft {
		b.WriteString(" [draft]")
	}
	return b.String()
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
