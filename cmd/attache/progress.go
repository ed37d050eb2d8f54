package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/attache-ssg/attache/internal/build"
)

// showProgress prints the build's progress on one terminal line, redrawn
// a few times a second, when w is a terminal; elsewhere (CI logs, pipes)
// it prints nothing. The returned function stops it and clears the line.
func showProgress(w io.Writer, p *build.Progress) func() {
	f, ok := w.(*os.File)
	if !ok {
		return func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				fmt.Fprint(f, "\r\033[K")
				return
			case <-t.C:
				phase, n, total := p.Snapshot()
				if phase == "" {
					continue
				}
				if total > 0 {
					fmt.Fprintf(f, "\r\033[K%s %d/%d", phase, n, total)
				} else {
					fmt.Fprintf(f, "\r\033[K%s %d files", phase, n)
				}
			}
		}
	}()
	return func() { close(stop); <-done }
}
