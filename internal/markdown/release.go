package markdown

import "errors"

// ErrReleased is returned by Render on a Doc whose tree was released.
var ErrReleased = errors.New("markdown: the document's tree was released")

// Release drops the parsed tree and the source, keeping what was computed
// from them (links, headings, plain text and word count — computed now if
// they were not yet). A big build holds tens of thousands of documents; once
// a page is rendered its tree is dead weight, and most of the memory of a
// build. After Release, Render returns ErrReleased. Release waits for any
// Render in progress and is safe to call more than once.
func (d *Doc) Release() {
	d.textOnce.Do(d.computeText)
	d.mu.Lock()
	defer d.mu.Unlock()
	d.released = true
	d.root = nil
	d.src = nil
	d.linkNodes = nil
}

// Compact drops the parsed tree but keeps the source: the plain text,
// word count, links and headings stay, and Render parses the source again
// when it is called. Between parsing a whole site (which needs every
// document's text and links) and rendering each page, the trees of tens of
// thousands of documents would otherwise all be alive at once; a second
// parse of one document costs less than the garbage collector scanning
// them all.
func (d *Doc) Compact() {
	d.textOnce.Do(d.computeText)
	d.mu.Lock()
	defer d.mu.Unlock()
	d.root = nil
	d.linkNodes = nil
}

// tree returns the document's tree, parsing the source again after
// Compact. Callers hold d.mu.
func (d *Doc) tree() *Doc {
	if d.root != nil {
		return d
	}
	return d.c.Parse(d.src)
}
