package watch

import "strings"

// Editors and desktops write these next to the files people edit; they are
// never site content. Matched against the last element of a file's path.
var (
	ignoredNames = []string{
		"4913",      // vim probes whether it may write in a directory
		".DS_Store", // macOS Finder
		"Thumbs.db", // Windows Explorer
	}
	ignoredPrefixes = []string{
		".#",              // emacs lock
		".goutputstream-", // GNOME (GIO) atomic save
	}
	ignoredSuffixes = []string{
		".swp", ".swo", ".swn", ".swx", // vim swap files
		"~",            // backups: vim, emacs, gedit
		".tmp",         // generic temporary files, atomic saves
		".kate-swp",    // kate swap
		"___jb_tmp___", // JetBrains safe write
		"___jb_old___",
	}
)

// ignoredFile reports whether a file's base name is an editor or system file.
func ignoredFile(name string) bool {
	if len(name) >= 2 && name[0] == '#' && name[len(name)-1] == '#' { // emacs autosave
		return true
	}
	for _, n := range ignoredNames {
		if name == n {
			return true
		}
	}
	for _, p := range ignoredPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	for _, s := range ignoredSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// ignoredDir reports whether a directory name is a hidden one (.git, .attache,
// editor and tool caches). .well-known is the exception: sites publish it.
func ignoredDir(name string) bool {
	return len(name) > 1 && name[0] == '.' && name != ".." && name != ".well-known"
}

// builtinIgnored applies the built-in rule to a path relative to the root:
// every directory on the way must not be hidden, and the last element must
// not be a hidden directory (isDir) or an editor file (!isDir).
func builtinIgnored(rel string, isDir bool) bool {
	if rel == "." {
		return false
	}
	elems := strings.Split(rel, "/")
	last := len(elems) - 1
	for _, e := range elems[:last] {
		if ignoredDir(e) {
			return true
		}
	}
	if isDir {
		return ignoredDir(elems[last])
	}
	return ignoredFile(elems[last])
}

// ignored applies the built-in rule and the caller's.
func (w *Watcher) ignored(rel string, isDir bool) bool {
	if builtinIgnored(rel, isDir) {
		return true
	}
	return w.ignore != nil && rel != "." && w.ignore(rel)
}

// wantsFile reports whether changes of the file at rel are reported.
func (w *Watcher) wantsFile(rel string) bool {
	return w.scope.contains(rel) && !w.ignored(rel, false)
}

// wantsDir reports whether the directory at rel is watched: it is in scope or
// on the way to something in scope, and not ignored.
func (w *Watcher) wantsDir(rel string) bool {
	return (w.scope.contains(rel) || w.scope.leadsTo(rel)) && !w.ignored(rel, true)
}
