package serve

import (
	"encoding/json"

	"golang.org/x/text/unicode/norm"

	"github.com/attache-ssg/attache/internal/diag"
	"github.com/attache-ssg/attache/internal/render"
)

// snapshot is what the server serves between two builds. It is never
// modified once stored: a rebuild makes a new one, so a response that
// loaded a snapshot sees one consistent build, and its error state.
type snapshot struct {
	files    *fileSet   // the outputs of the last good build; nil until one succeeded
	hasFiles bool       // false until a build has succeeded
	gen      uint64     // number of good builds so far
	seq      uint64     // number of builds so far, good or bad
	errors   []diagJSON // the last build's errors when it failed

	state   []byte // stateJSON of this snapshot, for events
	snippet []byte // what serve injects into HTML pages
}

// stateJSON is what tabs learn about the server, in events and in pages:
// enough to decide whether to reload (a newer good build, or another
// server process) or to show or clear the error overlay.
type stateJSON struct {
	Server string     `json:"server"`
	Gen    uint64     `json:"gen"`
	Seq    uint64     `json:"seq"`
	Errors []diagJSON `json:"errors"`
}

// diagJSON is one diagnostic as tabs receive it.
type diagJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

func toJSON(d diag.Diagnostic) diagJSON {
	return diagJSON{File: d.File, Line: d.Line, Col: d.Col, Message: d.Msg}
}

// index maps outputs by path. The outputs are not copied: a build's
// outputs are not modified once it has returned.
func index(outs []render.Output) map[string]*render.Output {
	m := make(map[string]*render.Output, len(outs))
	for i := range outs {
		m[outs[i].Path] = &outs[i]
	}
	return m
}

// seal computes what every response of the snapshot shares.
func (sn *snapshot) seal(server string) {
	errs := sn.errors
	if errs == nil {
		errs = []diagJSON{}
	}
	// json.Marshal escapes <, > and &, so the state can sit inside a
	// <script> element whatever the messages say.
	st, err := json.Marshal(stateJSON{Server: server, Gen: sn.gen, Seq: sn.seq, Errors: errs})
	if err != nil {
		// Only strings and numbers, which always marshal; a page without
		// state still loads the script, which then waits for events.
		st = []byte("{}")
	}
	sn.state = st
	sn.snippet = snippet(st)
}

// lookup finds the output at a path, trying the NFC form of the path too:
// output paths are NFC, and a URL typed on some systems is not.
func (sn *snapshot) lookup(p string) *render.Output {
	if sn.files == nil {
		return nil
	}
	if o := sn.files.get(p); o != nil {
		return o
	}
	if n := norm.NFC.String(p); n != p {
		return sn.files.get(n)
	}
	return nil
}
