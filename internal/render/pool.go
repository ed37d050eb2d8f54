package render

import (
	"bytes"
	"sync"
)

// Pages are rendered into buffers reused across pages (renderer.buffers).
// Where the receiver of emitted outputs gives them back (Input.Recycle),
// an output's Data is its buffer's bytes and returns to the pool once
// written: a big site's pages are then rendered into a few hundred
// buffers instead of one fresh allocation each, which the garbage
// collector would have to clear and sweep (at 1,000 articles × 5
// languages that was 135 MB a build, 11 % of all it allocated).
// Otherwise each page is copied out once at its final size.

// maxPooled keeps one huge page from pinning its buffer for the rest of
// the build.
const maxPooled = 1 << 20

// bufferPool holds *bytes.Buffer for rendering.
type bufferPool struct{ p sync.Pool }

func (bp *bufferPool) get() *bytes.Buffer {
	if b, ok := bp.p.Get().(*bytes.Buffer); ok {
		return b
	}
	// The pool is emptied by every garbage collection, dozens a build:
	// a fresh buffer starts at the size of most pages (an article of the
	// reference corpus is 20 KB) rather than doubling up to it from 64
	// bytes, nine allocations (35 MB a build at 1,000 × 5).
	b := new(bytes.Buffer)
	b.Grow(freshBuffer)
	return b
}

const freshBuffer = 32 << 10

func (bp *bufferPool) put(b *bytes.Buffer) {
	if b.Cap() > maxPooled {
		return
	}
	b.Reset()
	bp.p.Put(b)
}

func (r *renderer) getBuffer() *bytes.Buffer { return r.buffers.get() }

func (r *renderer) putBuffer(b *bytes.Buffer) { r.buffers.put(b) }

// Release hands an emitted output's memory back to the renderer, when
// the build was asked to recycle it (Input.Recycle): the receiver calls
// it once, after its last use of Data, which the next page may then
// overwrite. It does nothing for other outputs, and an output never
// released is collected as usual.
func (o Output) Release() {
	if o.pool != nil {
		o.pool.put(o.buf)
	}
}
