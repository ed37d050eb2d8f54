package render

import "bytes"

// Pages are rendered into buffers reused across pages (renderer.buffers)
// and copied out once at their final size, instead of growing a fresh
// buffer, and zeroing it, several times per page.

// maxPooled keeps one huge page from pinning its buffer for the rest of
// the build.
const maxPooled = 1 << 20

func (r *renderer) getBuffer() *bytes.Buffer {
	if b, ok := r.buffers.Get().(*bytes.Buffer); ok {
		return b
	}
	return new(bytes.Buffer)
}

func (r *renderer) putBuffer(b *bytes.Buffer) {
	if b.Cap() > maxPooled {
		return
	}
	b.Reset()
	r.buffers.Put(b)
}
