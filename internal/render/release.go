package render

import (
	"sync/atomic"

	"github.com/attache-ssg/attache/internal/site"
)

// A cold build drops each article's rendered Markdown once its last reader
// is done with it: the rendered HTML of every document is most of a big
// build's memory. An article has two readers, its own page and its
// language's search index (which reads the plain text back from the HTML),
// and they run in either order on different workers. Feeds that carry full
// content are a third reader, reading at any time, and a Session keeps
// every document for the next build: then nothing is released.

// countReaders prepares doneReading: two readers per article of a language.
func (r *renderer) countReaders() {
	if r.in.KeepDocs || r.in.Site.Config.FeedContent == "full" {
		return
	}
	r.readers = map[*site.Page]*atomic.Int32{}
	for _, l := range r.in.Site.Langs {
		for _, p := range l.Articles {
			if p.Doc != nil {
				n := new(atomic.Int32)
				n.Store(2)
				r.readers[p] = n
			}
		}
	}
}

// doneReading is called by each reader of p's document when it has read
// it; the last one releases the document's HTML.
func (r *renderer) doneReading(p *site.Page) {
	if n := r.readers[p]; n != nil && n.Add(-1) == 0 {
		p.Doc.Release()
	}
}
