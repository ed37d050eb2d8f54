package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/attache-ssg/attache/internal/config"
	"github.com/attache-ssg/attache/internal/diag"
)

// ErrExists is returned (wrapped, with the path) when a stub would
// overwrite a file or duplicate a translation.
var ErrExists = errors.New("already exists")

// UsageError is a request the site cannot satisfy: a language it does not
// have, a path outside content/… The command exits 2 on it.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, args ...any) error { return &UsageError{fmt.Sprintf(format, args...)} }

// Site is a site on disk.
type Site struct {
	Root   string // the folder holding site.yaml and content/
	Config *config.Config
	fsys   fs.FS
}

// Open reads root/site.yaml. Problems in it go to diags.
func Open(root string, diags *diag.List) (*Site, error) {
	fsys := os.DirFS(root)
	data, err := fs.ReadFile(fsys, config.File)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			diags.Errorf(config.File, 0, 0, "not found in %s: is this the site's root folder? (a site needs site.yaml and content/)", root)
		} else {
			diags.Errorf(config.File, 0, 0, "cannot read: %v", err)
		}
		return nil, fmt.Errorf("%s: %w", config.File, err)
	}
	cfg, ok := config.Parse(config.File, data, diags)
	if !ok {
		return nil, fmt.Errorf("%s: invalid configuration", config.File)
	}
	return &Site{Root: root, Config: cfg, fsys: fsys}, nil
}

// Created is what one command wrote, every path site-relative with "/".
type Created struct {
	File   string   // the new Markdown file
	Copied []string // bundle files copied beside it
	Kept   []string // bundle files that existed already and were left alone
	Notes  []string // what the user should know ("slug made clean: …")
}
