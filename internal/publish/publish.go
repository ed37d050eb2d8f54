// Package publish is the only code that writes a site to disk. It writes
// every output into a fresh directory beside the target and swaps it in at
// the end, so a failed or killed build leaves the previous output exactly
// as it was, and nothing is ever written outside those two directories.
package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/attache-ssg/attache/internal/render"
	"github.com/attache-ssg/attache/internal/urlpath"
)

// Stats says what a publish did.
type Stats struct {
	Files int
	Bytes int64
}

const (
	newInfix = ".attache-new-"
	oldInfix = ".attache-old-"
)

// Write publishes outputs into dir. On any error dir is untouched and the
// temporary directory is removed.
func Write(dir string, outputs []render.Output, workers int) (Stats, error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Stats{}, fmt.Errorf("%s: %w", parent, err)
	}
	CleanLeftovers(dir)
	tmp, err := os.MkdirTemp(parent, "."+base+newInfix)
	if err != nil {
		return Stats{}, fmt.Errorf("creating a directory beside %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return Stats{}, fmt.Errorf("%s: %w", tmp, err)
	}
	st, err := writeAll(tmp, outputs, workers)
	if err == nil {
		err = swap(tmp, dir)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return Stats{}, err
	}
	return st, nil
}

// CleanLeftovers removes the temporary directories of builds that were
// killed before they could clean up.
func CleanLeftovers(dir string) {
	parent, base := filepath.Split(filepath.Clean(dir))
	if parent == "" {
		parent = "."
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && (strings.HasPrefix(n, "."+base+newInfix) || strings.HasPrefix(n, "."+base+oldInfix)) {
			os.RemoveAll(filepath.Join(parent, n))
		}
	}
}

func writeAll(root string, outputs []render.Output, workers int) (Stats, error) {
	if workers < 1 {
		workers = 1
	}
	// Directories first, in one goroutine: MkdirAll races are harmless but
	// doing them once saves thousands of syscalls.
	dirs := map[string]bool{}
	for _, o := range outputs {
		clean, err := urlpath.Clean(o.Path)
		if err != nil || clean != o.Path {
			return Stats{}, fmt.Errorf("refusing to write %q: %w", o.Path, urlpath.ErrUnsafe)
		}
		if d := filepath.Dir(filepath.FromSlash(o.Path)); d != "." && !dirs[d] {
			if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
				return Stats{}, err
			}
			dirs[d] = true
		}
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		st    Stats
		first error
		next  = make(chan render.Output)
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range next {
				n, err := writeOne(root, o)
				mu.Lock()
				st.Files++
				st.Bytes += n
				if err != nil && first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	for _, o := range outputs {
		next <- o
	}
	close(next)
	wg.Wait()
	return st, first
}

func writeOne(root string, o render.Output) (int64, error) {
	dst := filepath.Join(root, filepath.FromSlash(o.Path))
	if o.Src == nil {
		if err := os.WriteFile(dst, o.Data, 0o644); err != nil {
			return 0, fmt.Errorf("writing %s: %w", o.Path, err)
		}
		return int64(len(o.Data)), nil
	}
	in, err := o.Src.Open(o.SrcPath)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", o.SrcPath, err)
	}
	defer in.Close()
	if st, err := in.Stat(); err == nil && !st.Mode().IsRegular() {
		return 0, fmt.Errorf("%s: not a regular file", o.SrcPath)
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return 0, fmt.Errorf("writing %s: %w", o.Path, err)
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, fmt.Errorf("copying %s to %s: %w", o.SrcPath, o.Path, err)
	}
	return n, nil
}

// swap puts tmp in dir's place. Where the OS can exchange two paths in one
// step the old output is never missing; elsewhere it is renamed away first.
func swap(tmp, dir string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, dir)
	}
	if err := exchange(tmp, dir); err == nil {
		return os.RemoveAll(tmp) // tmp now holds the previous output
	}
	old := filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+oldInfix+filepath.Base(tmp)[len(filepath.Base(dir))+len(newInfix)+1:])
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("moving the previous output %s aside: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir)
		return fmt.Errorf("moving the new output into %s: %w", dir, err)
	}
	return os.RemoveAll(old)
}
