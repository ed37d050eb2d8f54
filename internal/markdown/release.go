package markdown

import "errors"

// ErrReleased is returned by Render and PlainText on a Doc whose HTML was
// released.
var ErrReleased = errors.New("markdown: the document's HTML was released")

// Release drops the rendered HTML, keeping what was computed at Parse
// (links, headings, word count and the lead of the plain text). A build
// that renders each page once drops it after that page, so the HTML of tens
// of thousands of documents is not all alive at once; a build that needs
// PlainText (for a search index) must take it before. After Release,
// Render and PlainText return ErrReleased. Release waits for any Render or
// PlainText in progress and is safe to call more than once.
func (d *Doc) Release() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.released = true
	d.html, d.slots, d.marks = nil, nil, nil
}
