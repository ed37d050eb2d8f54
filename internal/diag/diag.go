// Package diag carries what a build has to say about its inputs: errors and
// warnings tied to a file and, where known, a line and column.
//
// Every stage reports into a *List instead of stopping at the first problem,
// so one run names every bad file. A List is safe for concurrent use; its
// Sorted output is deterministic whatever order goroutines reported in.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	// Error fails the build (exit 1) and leaves the previous output untouched.
	Error Severity = iota
	// Warning is printed but does not fail the build.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one message about one place in the sources. File is a path
// relative to the site root with forward slashes; Line and Col are 1-based,
// zero when unknown.
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Severity Severity
	Msg      string
}

// String formats the diagnostic as `path:line:col: message`, dropping the
// parts that are unknown, with "warning: " before warnings' messages.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File != "" {
		b.WriteString(d.File)
		if d.Line > 0 {
			fmt.Fprintf(&b, ":%d", d.Line)
			if d.Col > 0 {
				fmt.Fprintf(&b, ":%d", d.Col)
			}
		}
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// Error lets a single Diagnostic travel as an error.
func (d Diagnostic) Error() string { return d.String() }

// List collects diagnostics from any number of goroutines.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at file:line:col.
func (l *List) Errorf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at file:line:col.
func (l *List) Warnf(file string, line, col int, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other == nil || other == l {
		return
	}
	for _, d := range other.Sorted() {
		l.Add(d)
	}
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Len is the number of diagnostics recorded.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// Sorted returns a copy of the diagnostics ordered by file, line, column,
// severity and message, without exact duplicates.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		if a.Severity != b.Severity {
			return a.Severity < b.Severity
		}
		return a.Msg < b.Msg
	})
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && d == out[i-1] {
			continue
		}
		dedup = append(dedup, d)
	}
	return dedup
}

// Errors returns only the error diagnostics, sorted.
func (l *List) Errors() []Diagnostic {
	var errs []Diagnostic
	for _, d := range l.Sorted() {
		if d.Severity == Error {
			errs = append(errs, d)
		}
	}
	return errs
}

// Err returns nil when the list holds no error, else an error whose message
// is every error diagnostic, one per line.
func (l *List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &ListError{Diags: errs}
}

// ListError is the error form of a set of error diagnostics.
type ListError struct {
	Diags []Diagnostic
}

func (e *ListError) Error() string {
	lines := make([]string, len(e.Diags))
	for i, d := range e.Diags {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}
