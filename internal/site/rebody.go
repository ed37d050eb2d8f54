package site

// Rebody gives the published page made from in's file the body of in: its
// Markdown, hash and what is computed from them (words, reading time,
// summary). The caller has checked that in's front matter equals the
// page's, so nothing else of the model changes: no URL, date, title, tag,
// translation or order. It returns the page, or nil when the file makes no
// published page (a draft, a future article).
//
// It is the one change made to a model after Assemble, for the dev
// server's fast path; the caller must not render while it runs.
func (s *Site) Rebody(in Input) *Page {
	p := s.ByFile[in.File.Path]
	if p == nil {
		return nil
	}
	p.Doc, p.Hash, p.BodyLine = in.Doc, in.Hash, in.BodyLine
	p.fromBody()
	return p
}
